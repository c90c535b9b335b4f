/**
 * The send-path rate limiter (server/services/synced-limiter.ts) against real Redis: exact on one
 * instance, cluster-wide across instances (each a limiter with its own Redis connection, as two
 * server processes have), windows that end, and limiting that goes on while Redis is away.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SyncedLimiter, type LimitResult } from "@/server/services/synced-limiter";
import { clientId } from "../helpers/clients";
import { REDIS_URL } from "../helpers/db";

const oks = (rs: LimitResult[]) => rs.filter((r) => r.ok).length;

describe("SyncedLimiter (real Redis)", () => {
  const connections: Redis[] = [];
  // Connected before use, as a server's connection is long before its first send (a limiter whose
  // Redis is not ready decides with its own counts).
  const instance = async (prefix: string, opts: { points: number; durationMs: number; staleMs?: number }) => {
    const redis = new Redis(REDIS_URL);
    connections.push(redis);
    await redis.ping();
    return new SyncedLimiter(redis, { keyPrefix: prefix, syncMs: 50, staleMs: opts.staleMs ?? 1000, points: opts.points, durationMs: opts.durationMs });
  };
  let probe: Redis;
  beforeAll(async () => {
    probe = new Redis(REDIS_URL);
    await probe.ping();
  });
  afterAll(async () => {
    await Promise.all([...connections, probe].map((r) => r.quit().catch(() => undefined)));
  });

  it("one instance: exactly `points` per window, concurrent sends included, with the time left", async () => {
    const prefix = `parley-rl-test-${clientId()}`;
    const a = await instance(prefix, { points: 5, durationMs: 10_000 });
    // Seven at once: the first waits for Redis's count, the rest are decided after it.
    const results = await Promise.all(Array.from({ length: 7 }, () => a.consume("ana")));
    expect(oks(results)).toBe(5);
    const refused = results.find((r) => !r.ok);
    expect(refused && !refused.ok && refused.msBeforeNext).toBeGreaterThan(9_000);
    expect(refused && !refused.ok && refused.msBeforeNext).toBeLessThanOrEqual(10_000);
    // Another key has its own count.
    expect((await a.consume("ben")).ok).toBe(true);
    await a.flush();
    expect(Number(await probe.get(`${prefix}:ana`))).toBe(5);
    const ttl = await probe.pttl(`${prefix}:ana`);
    expect(ttl).toBeGreaterThan(9_000);
  });

  it("two instances share the count: what one accepted is refused on the other", async () => {
    const prefix = `parley-rl-test-${clientId()}`;
    const a = await instance(prefix, { points: 6, durationMs: 10_000 });
    const b = await instance(prefix, { points: 6, durationMs: 10_000 });
    const first = [];
    for (let i = 0; i < 4; i++) first.push(await a.consume("ana"));
    expect(oks(first)).toBe(4);
    await a.flush();
    // b has never seen ana: its first send asks Redis, which has a's 4.
    const second = [];
    for (let i = 0; i < 4; i++) second.push(await b.consume("ana"));
    expect(second.map((r) => r.ok)).toEqual([true, true, false, false]);
    await b.flush();
    // Within a second of its last sync a decides alone (it has not heard of b's two yet); its next
    // sync brings the cluster-wide count, and from then on it refuses too.
    expect((await a.consume("ana")).ok).toBe(true);
    await a.flush();
    expect((await a.consume("ana")).ok).toBe(false);
    expect(Number(await probe.get(`${prefix}:ana`))).toBeLessThanOrEqual(7);
  });

  it("an instance whose view of a key is older than staleMs asks Redis before deciding", async () => {
    const prefix = `parley-rl-test-${clientId()}`;
    const a = await instance(prefix, { points: 6, durationMs: 10_000, staleMs: 100 });
    const b = await instance(prefix, { points: 6, durationMs: 10_000, staleMs: 100 });
    for (let i = 0; i < 4; i++) expect((await a.consume("ana")).ok).toBe(true);
    await a.flush();
    expect((await b.consume("ana")).ok).toBe(true);
    expect((await b.consume("ana")).ok).toBe(true);
    await b.flush(); // 6 in Redis: the limit
    await new Promise((r) => setTimeout(r, 150));
    // a last heard 4 over 100 ms ago: it asks first, learns 6, and refuses.
    const late = await a.consume("ana");
    expect(late.ok).toBe(false);
    await a.flush();
    expect(Number(await probe.get(`${prefix}:ana`))).toBe(6);
  });

  it("sends again once the window is over", async () => {
    const prefix = `parley-rl-test-${clientId()}`;
    const a = await instance(prefix, { points: 2, durationMs: 300 });
    const burst = [await a.consume("ana"), await a.consume("ana"), await a.consume("ana")];
    expect(burst.map((r) => r.ok)).toEqual([true, true, false]);
    await new Promise((r) => setTimeout(r, 400));
    expect((await a.consume("ana")).ok).toBe(true);
  });

  it("goes on limiting with its own counts while Redis is unreachable, and never throws", async () => {
    const dead = new Redis("redis://127.0.0.1:1", { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
    dead.on("error", () => undefined);
    connections.push(dead);
    const a = new SyncedLimiter(dead, { keyPrefix: `parley-rl-test-${clientId()}`, syncMs: 10, staleMs: 1000, points: 3, durationMs: 10_000 });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await a.consume("ana"));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, false]);
    await a.flush(); // the sync fails; the counts stay
    expect((await a.consume("ana")).ok).toBe(false);
  });
});
