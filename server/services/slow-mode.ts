/**
 * Slow mode: at most one message per user per N seconds in a room, cluster-wide. With Redis
 * one `SET key 1 NX PX` per message decides (atomic, shared by every instance); without it the
 * window lives in this process (single instance). Only consulted when a room has slow mode on.
 */
import { getEnv } from "../env";
import { getRedis } from "../redis";

const holder = globalThis as unknown as { __parleySlowMode?: Map<string, number> };

function local(): Map<string, number> {
  holder.__parleySlowMode ??= new Map();
  return holder.__parleySlowMode;
}

/** Take the user's slot in the room for `seconds`; returns 0 when taken, else ms to wait. */
export async function takeSlowModeSlot(roomId: string, userId: string, seconds: number): Promise<number> {
  const windowMs = seconds * 1000;
  const redis = getRedis();
  if (redis) {
    const key = `${getEnv().REDIS_KEY_PREFIX}:slow:${roomId}:${userId}`;
    const set = await redis.set(key, "1", "PX", windowMs, "NX");
    if (set === "OK") return 0;
    const ttl = await redis.pttl(key);
    return ttl > 0 ? ttl : 1;
  }
  const key = `${roomId}:${userId}`;
  const now = Date.now();
  const map = local();
  const until = map.get(key);
  if (until !== undefined && until > now) return until - now;
  if (map.size > 100_000) for (const [k, t] of map) if (t <= now) map.delete(k);
  map.set(key, now + windowMs);
  return 0;
}

/** Give the slot back (the message was refused after all, e.g. the write failed). */
export async function releaseSlowModeSlot(roomId: string, userId: string): Promise<void> {
  const redis = getRedis();
  if (redis) await redis.del(`${getEnv().REDIS_KEY_PREFIX}:slow:${roomId}:${userId}`);
  else local().delete(`${roomId}:${userId}`);
}
