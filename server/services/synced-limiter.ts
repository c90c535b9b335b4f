/**
 * A fixed-window rate limiter for the hot path (every message sent): counted in this process's
 * memory, so a send usually waits for no round trip, and added to the cluster-wide count in Redis
 * every `syncMs` by one script call for all the keys counted since the last sync.
 *
 * Each sync answers the cluster-wide total of every key it carried (this instance's sends and
 * the others'), and this instance limits against that total plus what it counted since. It
 * decides alone only while that total is fresh: the first send of a key in a window, or one more
 * than `staleMs` after the key's last sync, waits for Redis's count first. So one instance is
 * exact, and across instances a key can pass its limit only by what the other instances accepted
 * in the last `staleMs` (a sender busy on several instances at once). While Redis is unreachable
 * each instance goes on limiting with its own counts, as the insurance limiter of the other
 * limits does.
 *
 * The window of a key starts at its first count in Redis and lasts `durationMs` (the key's TTL),
 * as with rate-limiter-flexible's fixed windows.
 */
import type { Redis } from "ioredis";

interface Entry {
  /** When this key's window ends (Redis's TTL as of the last sync, or a local guess before it). */
  windowEnd: number;
  /** The cluster-wide count as of the last sync answered (includes this instance's synced
   *  counts); null until Redis has answered for this key in this window. */
  synced: number | null;
  /** When that answer came. */
  syncedAt: number;
  /** A send waits for the next sync to bring this key's count (even with nothing to add). */
  wanted: boolean;
  /** Counted here, not yet sent to Redis. */
  unsent: number;
  /** Sent in the sync now in flight, not yet in `synced`. */
  inFlight: number;
}

export type LimitResult = { ok: true } | { ok: false; msBeforeNext: number };

/** INCRBY each key by its delta; a key new in Redis gets the window's TTL. Returns [count, pttl] pairs. */
const SYNC_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  local n = redis.call('INCRBY', key, ARGV[i + 1])
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[1])
    ttl = tonumber(ARGV[1])
  end
  out[#out + 1] = n
  out[#out + 1] = ttl
end
return out`;

type SyncingRedis = Redis & { parleyLimiterSync(numKeys: number, ...args: (string | number)[]): Promise<number[]> };

export class SyncedLimiter {
  private readonly entries = new Map<string, Entry>();
  /** The next sync: when it runs, and the promise its waiters hold. */
  private next: { timer: NodeJS.Timeout; at: number; done: Promise<void>; resolve: () => void } | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly opts: { points: number; durationMs: number; keyPrefix: string; syncMs: number; staleMs: number },
  ) {
    if (typeof (redis as unknown as Partial<SyncingRedis>).parleyLimiterSync !== "function") redis.defineCommand("parleyLimiterSync", { lua: SYNC_SCRIPT });
  }

  /**
   * Counts `points` against `key` unless that would pass the limit. Decided here at once while
   * this instance's view of the key is fresh; otherwise (first send of a window, or the key's
   * last sync over `staleMs` ago) after one round trip for the cluster-wide count.
   */
  async consume(key: string, points = 1): Promise<LimitResult> {
    const now = Date.now();
    let e = this.entries.get(key);
    if (e && now >= e.windowEnd) {
      // The window is over: what Redis had counted expired with it.
      e.synced = null;
      e.windowEnd = now + this.opts.durationMs;
    }
    if (!e) this.entries.set(key, (e = { windowEnd: now + this.opts.durationMs, synced: null, syncedAt: 0, wanted: false, unsent: 0, inFlight: 0 }));
    if ((e.synced === null || now - e.syncedAt > this.opts.staleMs) && this.redis.status === "ready") {
      // Learn the cluster-wide count first.
      e.wanted = true;
      await this.schedule(0); // the entry stays in the map: a wanted entry is carried, not swept
    }
    const at = Date.now();
    if ((e.synced ?? 0) + e.inFlight + e.unsent + points > this.opts.points) return { ok: false, msBeforeNext: Math.max(1, e.windowEnd - at) };
    e.unsent += points;
    void this.schedule(this.opts.syncMs);
    return { ok: true };
  }

  /** Sends what is unsent now and waits for the answer (shutdown, tests). */
  flush(): Promise<void> {
    return this.schedule(0);
  }

  /** Resolves when a sync that starts no later than `delayMs` from now has finished. */
  private schedule(delayMs: number): Promise<void> {
    const at = Date.now() + delayMs;
    if (this.next && this.next.at <= at) return this.next.done;
    if (this.next) {
      // Bring the planned sync forward; its waiters are answered by the earlier one.
      clearTimeout(this.next.timer);
      this.next.timer = this.arm(delayMs);
      this.next.at = at;
      return this.next.done;
    }
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    this.next = { timer: this.arm(delayMs), at, done, resolve };
    return done;
  }

  /** A timer for the next sync that never keeps the process alive by itself. */
  private arm(delayMs: number): NodeJS.Timeout {
    const timer = setTimeout(() => void this.run(), delayMs);
    timer.unref?.();
    return timer;
  }

  private async run(): Promise<void> {
    // One sync at a time: counts taken while one is in flight go in the next.
    while (this.running) await this.running;
    const next = this.next;
    this.next = null;
    this.running = this.sync();
    try {
      await this.running;
    } finally {
      this.running = null;
      next?.resolve();
    }
  }

  /** Sends every unsent count in one script call and takes in the cluster-wide totals. */
  private async sync(): Promise<void> {
    const now = Date.now();
    const batch: [string, Entry, number][] = [];
    for (const [key, e] of this.entries) {
      if (e.unsent > 0 || e.wanted) {
        batch.push([key, e, e.unsent]);
        e.wanted = false;
        e.inFlight += e.unsent;
        e.unsent = 0;
      } else if (e.inFlight === 0 && now >= e.windowEnd) {
        this.entries.delete(key); // idle and expired
      }
    }
    if (batch.length === 0) return;
    try {
      const keys = batch.map(([key]) => `${this.opts.keyPrefix}:${key}`);
      const reply = await (this.redis as unknown as SyncingRedis).parleyLimiterSync(keys.length, ...keys, this.opts.durationMs, ...batch.map(([, , n]) => n));
      const at = Date.now();
      batch.forEach(([, e, n], i) => {
        e.inFlight -= n;
        e.synced = Number(reply[2 * i]);
        e.syncedAt = at;
        e.windowEnd = at + Number(reply[2 * i + 1]);
      });
    } catch {
      // Redis unreachable: keep these counts here only (this instance still limits with them).
      const at = Date.now();
      for (const [, e, n] of batch) {
        e.inFlight -= n;
        e.synced = (e.synced ?? 0) + n;
        e.syncedAt = at;
      }
    }
  }
}
