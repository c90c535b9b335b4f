/**
 * Throwaway PostgreSQL databases for tests: created fresh, migrated, dropped after. Also used
 * outside vitest (npm run bench), so vitest is loaded only under it.
 */
import type {} from "vitest";
import { migrate, PG_ADMIN_URL, uniqueDatabaseName, urlFor, withClient } from "./pg";

export { migrate, PG_ADMIN_URL, ROOT, uniqueDatabaseName, urlFor, withClient } from "./pg";
export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

declare module "vitest" {
  export interface ProvidedContext {
    /** A database the global set-up migrated once; each file's database is a copy of it. */
    templateDatabase?: string;
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database. With the global set-up's template (the normal case) it is a
 * file-level copy of a database migrated once per run, which takes a fraction of a second;
 * without one (a file run outside the integration/cluster projects) it is migrated here.
 */
export async function createTestDatabase(prefix = "parley_test"): Promise<TestDatabase> {
  const name = uniqueDatabaseName(prefix);
  const template = process.env.VITEST ? (await import("vitest")).inject("templateDatabase") : undefined;
  await withClient(PG_ADMIN_URL, (c) => c.query(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`));
  const url = urlFor(name);
  if (!template) await migrate(url);
  return {
    name,
    url,
    drop: () => withClient(PG_ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
