/**
 * Slow mode: at most one message per user per N seconds in a room, cluster-wide. With Redis
 * one `SET key 1 NX PX` per message decides (atomic, shared by every instance); without it the
 * window lives in this process (single instance). Only consulted when a room has slow mode on.
 */
import type { Redis } from "ioredis";

export class SlowMode {
  /** Without Redis: room:user -> end of the window (ms epoch). */
  private readonly local = new Map<string, number>();

  constructor(
    private readonly redis: Redis | null,
    private readonly keyPrefix: string,
  ) {}

  /** Take the user's slot in the room for `seconds`; returns 0 when taken, else ms to wait. */
  async take(roomId: string, userId: string, seconds: number): Promise<number> {
    const windowMs = seconds * 1000;
    if (this.redis) {
      const key = `${this.keyPrefix}:slow:${roomId}:${userId}`;
      const set = await this.redis.set(key, "1", "PX", windowMs, "NX");
      if (set === "OK") return 0;
      const ttl = await this.redis.pttl(key);
      return ttl > 0 ? ttl : 1;
    }
    const key = `${roomId}:${userId}`;
    const now = Date.now();
    const until = this.local.get(key);
    if (until !== undefined && until > now) return until - now;
    if (this.local.size > 100_000) for (const [k, t] of this.local) if (t <= now) this.local.delete(k);
    this.local.set(key, now + windowMs);
    return 0;
  }

  /** Give the slot back (the message was refused after all, e.g. the write failed). */
  async release(roomId: string, userId: string): Promise<void> {
    if (this.redis) await this.redis.del(`${this.keyPrefix}:slow:${roomId}:${userId}`);
    else this.local.delete(`${roomId}:${userId}`);
  }
}
