/** Per-file fixture: a fresh database and a real server on an ephemeral port. */
import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, REDIS_URL, type TestDatabase } from "./db";
import { startServer, type RunningServer } from "./server";

export interface ServerFixture {
  url: string;
  db: TestDatabase;
  server: RunningServer;
}

export function serverFixture(opts: { redis?: boolean } = {}): ServerFixture {
  const fx = {} as ServerFixture;
  beforeAll(async () => {
    fx.db = await createTestDatabase();
    fx.server = await startServer({ databaseUrl: fx.db.url, redisUrl: opts.redis ? REDIS_URL : undefined });
    fx.url = fx.server.url;
  });
  afterAll(async () => {
    await fx.server?.stop();
    await fx.db?.drop();
  });
  return fx;
}
