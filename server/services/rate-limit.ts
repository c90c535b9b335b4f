/**
 * Rate limits, per user and per IP, shared by every instance through Redis (REDIS_URL), or in
 * process memory without it. While Redis is unreachable each instance falls back to its own
 * memory limiter (an insurance limiter), so a Redis restart never blocks sends.
 *
 * The limits on sending messages are checked on every send, so they are counted in memory and
 * added up in Redis every 50 ms (synced-limiter.ts): a send in a busy stream waits for no Redis
 * round trip, and the cluster-wide count still holds (within what the other instances accepted
 * in the last second).
 *
 * Every limit is multiplied by RATE_LIMIT_SCALE (default 1): test suites that register many
 * users from 127.0.0.1 and the benchmark raise it; production leaves it alone.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "@/lib/shared/errors";
import type { Redis } from "ioredis";
import { SyncedLimiter } from "./synced-limiter";

export { RATE_LIMITS, SOCKET_EVENT_LIMITS, type RateLimitName } from "./limits-table";
import { RATE_LIMITS, type LimitSpec, type RateLimitName } from "./limits-table";
import type { GlobalRole } from "@/lib/shared/types";

/** Counted on every message sent: in memory, synced with Redis in the background. */
const SYNCED_NAMES = ["message.send:user", "message.send:ip"] as const satisfies readonly RateLimitName[];
type SyncedName = (typeof SYNCED_NAMES)[number];
const SYNCED = new Set<RateLimitName>(SYNCED_NAMES);
const isSynced = (name: RateLimitName): name is SyncedName => SYNCED.has(name);
/** How often the synced limits send their counts to Redis (and learn the other instances'), and
 *  how old an instance's view of a key may be before a send waits for Redis's count. */
const SYNC_MS = 50;
const STALE_MS = 1000;

/** A rejection meaning "over the limit" (duck-typed: the class may come from another bundle). */
function isLimiterRes(e: unknown): e is RateLimiterRes {
  return e instanceof RateLimiterRes || (typeof e === "object" && e !== null && "msBeforeNext" in e && "consumedPoints" in e);
}

function limited(msBeforeNext: number): AppError {
  const retryAfterMs = Math.max(1, msBeforeNext);
  return new AppError("RATE_LIMITED", `Too many requests; try again in ${Math.ceil(retryAfterMs / 1000)} s.`, { retryAfterMs });
}

export interface RateLimitConfig {
  /** RATE_LIMIT_SCALE. */
  scale: number;
  /** REDIS_KEY_PREFIX. */
  keyPrefix: string;
}

/** Every limit of one runtime: in Redis when it has one, else in this process's memory. */
export class RateLimits {
  private readonly limiters = new Map<RateLimitName, RateLimiterAbstract>();
  private readonly synced = new Map<SyncedName, SyncedLimiter>();

  constructor(
    private readonly redis: Redis | null,
    private readonly config: RateLimitConfig,
  ) {}

  private points(name: RateLimitName): number {
    return Math.max(1, Math.round(RATE_LIMITS[name].points * this.config.scale));
  }

  private syncedLimiter(name: RateLimitName): SyncedLimiter | null {
    if (!this.redis || !isSynced(name)) return null;
    let l = this.synced.get(name);
    if (!l) {
      l = new SyncedLimiter(this.redis, { points: this.points(name), durationMs: RATE_LIMITS[name].duration * 1000, keyPrefix: `${this.config.keyPrefix}:rls:${name}`, syncMs: SYNC_MS, staleMs: STALE_MS });
      this.synced.set(name, l);
    }
    return l;
  }

  private limiter(name: RateLimitName): RateLimiterAbstract {
    let l = this.limiters.get(name);
    if (!l) {
      const opts = { points: this.points(name), duration: RATE_LIMITS[name].duration, keyPrefix: `${this.config.keyPrefix}:rl:${name}` };
      l = this.redis
        ? new RateLimiterRedis({ ...opts, storeClient: this.redis, rejectIfRedisNotReady: true, insuranceLimiter: new RateLimiterMemory(opts) })
        : new RateLimiterMemory(opts);
      this.limiters.set(name, l);
    }
    return l;
  }

  /** Count one action against `key`; throws RATE_LIMITED (with details.retryAfterMs) when over the limit. */
  async consume(name: RateLimitName, key: string, points = 1): Promise<void> {
    const synced = this.syncedLimiter(name);
    if (synced) {
      const res = await synced.consume(key, points);
      if (!res.ok) throw limited(res.msBeforeNext);
      return;
    }
    try {
      await this.limiter(name).consume(key, points);
    } catch (e) {
      if (isLimiterRes(e)) throw limited(e.msBeforeNext);
      throw e;
    }
  }

  /** Count one action of `actor` against `name`, keyed by the user id or by `ip` as the table says; staff skip `staffExempt` limits. */
  async consumeAs(name: RateLimitName, actor: { id: string; role: GlobalRole }, ip: string): Promise<void> {
    const spec: LimitSpec = RATE_LIMITS[name];
    if (spec.staffExempt && actor.role !== "MEMBER") return;
    await this.consume(name, spec.per === "ip" ? ip : actor.id);
  }

  /** Throw RATE_LIMITED if `key` is already over the limit, without counting an action. */
  async check(name: Exclude<RateLimitName, SyncedName>, key: string): Promise<void> {
    const res = await this.limiter(name).get(key);
    if (res && res.consumedPoints >= this.points(name) && res.msBeforeNext > 0) throw limited(res.msBeforeNext);
  }

  /** Forget `key`'s count (e.g. a successful sign-in clears the account's failures). */
  async reset(name: Exclude<RateLimitName, SyncedName>, key: string): Promise<void> {
    await this.limiter(name).delete(key);
  }

  /** Sends the synced limits' pending counts to Redis now (graceful shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.synced.values()].map((l) => l.flush()));
  }
}

/** Retry-After header value (whole seconds) for a RATE_LIMITED error. */
export function retryAfterSeconds(e: AppError): string {
  const ms = typeof e.details?.retryAfterMs === "number" ? e.details.retryAfterMs : 1000;
  return String(Math.max(1, Math.ceil(ms / 1000)));
}
