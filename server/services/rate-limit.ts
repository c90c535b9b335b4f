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
import { getEnv } from "../env";
import { getRedis } from "../redis";
import { SyncedLimiter } from "./synced-limiter";

/** The limits: `points` actions per `duration` seconds, per key (a user id, an IP or an account). */
export const RATE_LIMITS = {
  /** Messages sent, per user. */
  "message.send:user": { points: 30, duration: 10 },
  /** Messages sent, per IP (many accounts behind one address). */
  "message.send:ip": { points: 120, duration: 10 },
  /** Joining rooms (REST join, socket room:join, invites), per user. */
  "room.join:user": { points: 60, duration: 60 },
  /** Message searches, per user (a search box asks as the user types, debounced). */
  "search:user": { points: 30, duration: 10 },
  /** Uploads, per user. */
  "upload:user": { points: 30, duration: 60 },
  /** Accounts created, per IP. */
  "register:ip": { points: 10, duration: 3600 },
  /** Sign-in attempts, per IP (password spraying). */
  "signin:ip": { points: 30, duration: 600 },
  /** Failed sign-in attempts, per account (brute force on one account). */
  "signin:account": { points: 10, duration: 900 },
  /** Socket connections opened, per IP. */
  "socket.connect:ip": { points: 120, duration: 60 },
} as const;

export type RateLimitName = keyof typeof RATE_LIMITS;

/** Counted on every message sent: in memory, synced with Redis in the background. */
const SYNCED_NAMES = ["message.send:user", "message.send:ip"] as const satisfies readonly RateLimitName[];
type SyncedName = (typeof SYNCED_NAMES)[number];
const SYNCED = new Set<RateLimitName>(SYNCED_NAMES);
/** How often the synced limits send their counts to Redis (and learn the other instances'), and
 *  how old an instance's view of a key may be before a send waits for Redis's count. */
const SYNC_MS = 50;
const STALE_MS = 1000;

interface LimiterHolder {
  __parleyRateLimiters?: Map<string, RateLimiterAbstract>;
  __parleySyncedLimiters?: Map<string, SyncedLimiter>;
}
const holder = globalThis as unknown as LimiterHolder;

function scaledPoints(name: RateLimitName): number {
  return Math.max(1, Math.round(RATE_LIMITS[name].points * getEnv().RATE_LIMIT_SCALE));
}

function syncedLimiter(name: RateLimitName): SyncedLimiter | null {
  const redis = getRedis();
  if (!redis || !SYNCED.has(name)) return null;
  holder.__parleySyncedLimiters ??= new Map();
  let l = holder.__parleySyncedLimiters.get(name);
  if (!l) {
    const env = getEnv();
    l = new SyncedLimiter(redis, { points: scaledPoints(name), durationMs: RATE_LIMITS[name].duration * 1000, keyPrefix: `${env.REDIS_KEY_PREFIX}:rls:${name}`, syncMs: SYNC_MS, staleMs: STALE_MS });
    holder.__parleySyncedLimiters.set(name, l);
  }
  return l;
}

/** Sends the synced limits' pending counts to Redis now (graceful shutdown). */
export async function flushRateLimits(): Promise<void> {
  await Promise.all([...(holder.__parleySyncedLimiters?.values() ?? [])].map((l) => l.flush()));
}

function limiter(name: RateLimitName): RateLimiterAbstract {
  holder.__parleyRateLimiters ??= new Map();
  const redis = getRedis();
  const cacheKey = `${name}:${redis ? "redis" : "memory"}`;
  let l = holder.__parleyRateLimiters.get(cacheKey);
  if (!l) {
    const env = getEnv();
    const opts = { points: scaledPoints(name), duration: RATE_LIMITS[name].duration, keyPrefix: `${env.REDIS_KEY_PREFIX}:rl:${name}` };
    l = redis
      ? new RateLimiterRedis({ ...opts, storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter: new RateLimiterMemory(opts) })
      : new RateLimiterMemory(opts);
    holder.__parleyRateLimiters.set(cacheKey, l);
  }
  return l;
}

/** A rejection meaning "over the limit" (duck-typed: the class may come from another bundle). */
function isLimiterRes(e: unknown): e is RateLimiterRes {
  return e instanceof RateLimiterRes || (typeof e === "object" && e !== null && "msBeforeNext" in e && "consumedPoints" in e);
}

function limited(msBeforeNext: number): AppError {
  const retryAfterMs = Math.max(1, msBeforeNext);
  return new AppError("RATE_LIMITED", `Too many requests; try again in ${Math.ceil(retryAfterMs / 1000)} s.`, { retryAfterMs });
}

/** Count one action against `key`; throws RATE_LIMITED (with details.retryAfterMs) when over the limit. */
export async function consume(name: RateLimitName, key: string, points = 1): Promise<void> {
  const synced = syncedLimiter(name);
  if (synced) {
    const res = await synced.consume(key, points);
    if (!res.ok) throw limited(res.msBeforeNext);
    return;
  }
  try {
    await limiter(name).consume(key, points);
  } catch (e) {
    if (isLimiterRes(e)) throw limited(e.msBeforeNext);
    throw e;
  }
}

/** Throw RATE_LIMITED if `key` is already over the limit, without counting an action. */
export async function check(name: Exclude<RateLimitName, SyncedName>, key: string): Promise<void> {
  const res = await limiter(name).get(key);
  if (res && res.consumedPoints >= scaledPoints(name) && res.msBeforeNext > 0) throw limited(res.msBeforeNext);
}

/** Forget `key`'s count (e.g. a successful sign-in clears the account's failures). */
export async function reset(name: Exclude<RateLimitName, SyncedName>, key: string): Promise<void> {
  await limiter(name).delete(key);
}

/** Retry-After header value (whole seconds) for a RATE_LIMITED error. */
export function retryAfterSeconds(e: AppError): string {
  const ms = typeof e.details?.retryAfterMs === "number" ? e.details.retryAfterMs : 1000;
  return String(Math.max(1, Math.ceil(ms / 1000)));
}
