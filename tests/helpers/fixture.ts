/** Per-file fixture: a fresh database and the real app, in this process, on an ephemeral port. */
import { afterAll, beforeAll } from "vitest";
import { startInProcess, type InProcessServer } from "./app";
import { createTestDatabase, REDIS_URL, type TestDatabase } from "./db";

export interface ServerFixture {
  url: string;
  db: TestDatabase;
  server: InProcessServer;
}

/** `env` overrides the app's environment (e.g. RATE_LIMIT_SCALE for a file that tests the limits). */
export function serverFixture(opts: { redis?: boolean; env?: Record<string, string> } = {}): ServerFixture {
  const fx = {} as ServerFixture;
  beforeAll(async () => {
    fx.db = await createTestDatabase();
    fx.server = await startInProcess({ databaseUrl: fx.db.url, redisUrl: opts.redis ? REDIS_URL : undefined, env: opts.env });
    fx.url = fx.server.url;
  });
  afterAll(async () => {
    await fx.server?.stop();
    await fx.db?.drop();
  });
  return fx;
}
