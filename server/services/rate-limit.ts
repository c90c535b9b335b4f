/**
 * Rate limits, per user and per IP, shared by every instance through Redis (REDIS_URL), or in
 * process memory without it. While Redis is unreachable each instance falls back to its own
 * memory limiter (an insurance limiter), so a Redis restart never blocks sends.
 *
 * Every limit is multiplied by RATE_LIMIT_SCALE (default 1): test suites that register many
 * users from 127.0.0.1 and the benchmark raise it; production leaves it alone.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "@/lib/shared/errors";
import { getEnv } from "../env";
import { getRedis } from "../redis";

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

interface LimiterHolder {
  __parleyRateLimiters?: Map<string, RateLimiterAbstract>;
}
const holder = globalThis as unknown as LimiterHolder;

function limiter(name: RateLimitName): RateLimiterAbstract {
  holder.__parleyRateLimiters ??= new Map();
  const redis = getRedis();
  const cacheKey = `${name}:${redis ? "redis" : "memory"}`;
  let l = holder.__parleyRateLimiters.get(cacheKey);
  if (!l) {
    const env = getEnv();
    const { points, duration } = RATE_LIMITS[name];
    const opts = { points: Math.max(1, Math.round(points * env.RATE_LIMIT_SCALE)), duration, keyPrefix: `${env.REDIS_KEY_PREFIX}:rl:${name}` };
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

function limited(res: RateLimiterRes): AppError {
  const retryAfterMs = Math.max(1, res.msBeforeNext);
  return new AppError("RATE_LIMITED", `Too many requests; try again in ${Math.ceil(retryAfterMs / 1000)} s.`, { retryAfterMs });
}

/** Count one action against `key`; throws RATE_LIMITED (with details.retryAfterMs) when over the limit. */
export async function consume(name: RateLimitName, key: string, points = 1): Promise<void> {
  try {
    await limiter(name).consume(key, points);
  } catch (e) {
    if (isLimiterRes(e)) throw limited(e);
    throw e;
  }
}

/** Throw RATE_LIMITED if `key` is already over the limit, without counting an action. */
export async function check(name: RateLimitName, key: string): Promise<void> {
  const res = await limiter(name).get(key);
  const { points } = RATE_LIMITS[name];
  if (res && res.consumedPoints >= Math.max(1, Math.round(points * getEnv().RATE_LIMIT_SCALE)) && res.msBeforeNext > 0) throw limited(res);
}

/** Forget `key`'s count (e.g. a successful sign-in clears the account's failures). */
export async function reset(name: RateLimitName, key: string): Promise<void> {
  await limiter(name).delete(key);
}

/** Retry-After header value (whole seconds) for a RATE_LIMITED error. */
export function retryAfterSeconds(e: AppError): string {
  const ms = typeof e.details?.retryAfterMs === "number" ? e.details.retryAfterMs : 1000;
  return String(Math.max(1, Math.ceil(ms / 1000)));
}
