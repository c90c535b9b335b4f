import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoomDTO } from "@/lib/shared/types";
import { RedisPresenceStore } from "@/server/realtime/presence-store";
import { api, clientId, connectUser, emitAck, nextEvent, registerUser, type ClientSocket } from "../helpers/clients";
import { createTestDatabase, REDIS_URL, type TestDatabase } from "../helpers/db";
import { startServer, type RunningServer } from "../helpers/server";

describe("RedisPresenceStore (real Redis)", () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await redis.quit();
  });

  it("shares entries, expires stale ones and sweeps each expiry once", async () => {
    let now = 1_000_000;
    const prefix = `parley-presence-test-${clientId()}`;
    const a = new RedisPresenceStore(redis, prefix, () => now);
    const b = new RedisPresenceStore(redis, prefix, () => now);
    await a.add([{ roomId: "r1", userId: "ana", socketId: "s1" }], 1000);
    await b.add(
      [
        { roomId: "r1", userId: "ben", socketId: "s2" },
        { roomId: "r1", userId: "ana", socketId: "s3" },
      ],
      5000,
    );
    expect((await b.online("r1")).sort()).toEqual(["ana", "ben"]);
    now += 2000; // a's entry is stale, but ana has another socket
    expect((await a.online("r1")).sort()).toEqual(["ana", "ben"]);
    expect(await a.sweep()).toEqual(["r1"]);
    expect(await b.sweep()).toEqual([]);
    await b.remove([{ roomId: "r1", userId: "ana", socketId: "s3" }]);
    expect(await a.online("r1")).toEqual(["ben"]);
    now += 10_000;
    expect(await b.sweep()).toEqual(["r1"]);
    expect(await a.online("r1")).toEqual([]);
    expect(await redis.smembers(`${prefix}:presence:rooms`)).toEqual([]);
  });
});

describe("presence across instances when one dies", () => {
  let db: TestDatabase;
  let one: RunningServer;
  let two: RunningServer;
  const sockets: ClientSocket[] = [];
  const env = { PRESENCE_TTL_MS: "3000" };
  beforeAll(async () => {
    db = await createTestDatabase();
    [one, two] = await Promise.all([
      startServer({ databaseUrl: db.url, redisUrl: REDIS_URL, env }),
      startServer({ databaseUrl: db.url, redisUrl: REDIS_URL, env }),
    ]);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all([one?.stop(), two?.stop()]);
    await db?.drop();
  });

  it("is ready (database and Redis reachable, not shutting down)", async () => {
    const res = await fetch(`${one.url}/api/health/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ready: true, db: "up", redis: "up", shuttingDown: false });
  });

  it("takes a kill -9'd instance's users offline by themselves within the TTL", async () => {
    const a = await registerUser(one.url, "Ana");
    const b = await registerUser(one.url, "Ben");
    const { body } = await api<{ room: RoomDTO }>(one.url, a, "POST", "/api/rooms", { name: `presence ${clientId().slice(0, 6)}` });
    const roomId = body.room.id;
    await api(one.url, b, "POST", `/api/rooms/${roomId}/join`);

    const sb = await connectUser(two.url, b);
    sockets.push(sb);
    expect((await emitAck(sb, "room:join", { roomId })).ok).toBe(true);
    const online = nextEvent(sb, "presence", (p) => p.roomId === roomId && p.online.includes(a.user.id));
    const sa = await connectUser(one.url, a);
    sockets.push(sa);
    await online;
    // Both instances see the same list, whichever one is asked.
    const viaTwo = await emitAck(sb, "room:join", { roomId });
    expect(viaTwo.ok && [...viaTwo.data.online].sort()).toEqual([a.user.id, b.user.id].sort());

    const offline = nextEvent(sb, "presence", (p) => p.roomId === roomId && !p.online.includes(a.user.id), 10_000);
    const killed = Date.now();
    await one.stop("SIGKILL"); // no disconnect handler runs: only expiry can clear Ana
    const [last] = await offline;
    const took = Date.now() - killed;
    expect(last.online).toEqual([b.user.id]);
    expect(took).toBeGreaterThan(1000); // it was the expiry, not a graceful disconnect
    expect(took).toBeLessThan(3000 + 2000 + 1000); // TTL + sweep interval + slack
  });
});
