/** Per-file fixture: two real instances on one fresh database, joined by Redis (a small cluster). */
import { afterAll, beforeAll } from "vitest";
import { connectUser, type ClientSocket, type TestUser } from "./clients";
import { createTestDatabase, REDIS_URL, type TestDatabase } from "./db";
import { startServer, type RunningServer } from "./server";

export interface InstancePair {
  db: TestDatabase;
  a: RunningServer;
  b: RunningServer;
  /** A socket of `who` on `server` (a session cookie is valid on every instance), closed after the file. */
  liveOn(server: RunningServer, who: TestUser): Promise<ClientSocket>;
}

export function instancePair(): InstancePair {
  const sockets: ClientSocket[] = [];
  const pair = {
    async liveOn(server: RunningServer, who: TestUser) {
      const s = await connectUser(server.url, who);
      sockets.push(s);
      return s;
    },
  } as InstancePair;
  beforeAll(async () => {
    pair.db = await createTestDatabase();
    [pair.a, pair.b] = await Promise.all([startServer({ databaseUrl: pair.db.url, redisUrl: REDIS_URL }), startServer({ databaseUrl: pair.db.url, redisUrl: REDIS_URL })]);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await Promise.all([pair.a?.stop(), pair.b?.stop()]);
    await pair.db?.drop();
  });
  return pair;
}
