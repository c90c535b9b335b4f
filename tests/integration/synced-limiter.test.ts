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
  const instance = (prefix: string, opts: { points: number; durationMs: number; syncMs?: number }) => {
    const redis = new Redis(REDIS_URL);
    connections.push(redis);
    return new SyncedLimiter(redis, { keyPrefix: prefix, syncMs: opts.syncMs ?? 50, points: opts.points, durationMs: opts.durationMs });
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
    const a = instance(prefix, { points: 5, durationMs: 10_000 });
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
    const a = instance(prefix, { points: 6, durationMs: 10_000 });
    const b = instance(prefix, { points: 6, durationMs: 10_000 });
    const first = [];
    for (let i = 0; i < 4; i++) first.push(await a.consume("ana"));
    expect(oks(first)).toBe(4);
    await a.flush();
    // b has never seen ana: its first send asks Redis, which has a's 4.
    const second = [];
    for (let i = 0; i < 4; i++) second.push(await b.consume("ana"));
    expect(second.map((r) => r.ok)).toEqual([true, true, false, false]);
    await b.flush();
    // a learns b's sends at its next sync; from then on it refuses too.
    await a.consume("ana");
    await a.flush();
    expect((await a.consume("ana")).ok).toBe(false);
    expect(Number(await probe.get(`${prefix}:ana`))).toBeLessThanOrEqual(7);
  });

  it("sends again once the window is over", async () => {
    const prefix = `parley-rl-test-${clientId()}`;
    const a = instance(prefix, { points: 2, durationMs: 300 });
    const burst = [await a.consume("ana"), await a.consume("ana"), await a.consume("ana")];
    expect(burst.map((r) => r.ok)).toEqual([true, true, false]);
    await new Promise((r) => setTimeout(r, 400));
    expect((await a.consume("ana")).ok).toBe(true);
  });

  it("goes on limiting with its own counts while Redis is unreachable, and never throws", async () => {
    const dead = new Redis("redis://127.0.0.1:1", { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
    dead.on("error", () => undefined);
    connections.push(dead);
    const a = new SyncedLimiter(dead, { keyPrefix: `parley-rl-test-${clientId()}`, syncMs: 10, points: 3, durationMs: 10_000 });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await a.consume("ana"));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, false]);
    await a.flush(); // the sync fails; the counts stay
    expect((await a.consume("ana")).ok).toBe(false);
  });
});
