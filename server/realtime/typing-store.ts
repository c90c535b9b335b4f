/**
 * Who is typing where. An entry expires TYPING_TTL_MS after its last refresh, whether or not
 * a stop ever arrives. With Redis the state is shared by every instance (a sorted set per
 * room, scored by expiry time); without it, it lives in this process (single instance).
 */
import type { Redis } from "ioredis";
import { TYPING_TTL_MS } from "@/lib/shared/events";

export interface TypingStore {
  /** Mark the user typing (or refresh); returns the room's typing users after the change. */
  start(roomId: string, userId: string): Promise<string[]>;
  /** Remove the user; says whether they were typing, and who still is. */
  stop(roomId: string, userId: string): Promise<{ removed: boolean; userIds: string[] }>;
  list(roomId: string): Promise<string[]>;
}

export class MemoryTypingStore implements TypingStore {
  private readonly rooms = new Map<string, Map<string, number>>();
  constructor(private readonly now: () => number = Date.now) {}

  async start(roomId: string, userId: string): Promise<string[]> {
    let room = this.rooms.get(roomId);
    if (!room) this.rooms.set(roomId, (room = new Map()));
    room.set(userId, this.now() + TYPING_TTL_MS);
    return this.list(roomId);
  }

  async stop(roomId: string, userId: string): Promise<{ removed: boolean; userIds: string[] }> {
    const live = (await this.list(roomId)).includes(userId);
    this.rooms.get(roomId)?.delete(userId);
    return { removed: live, userIds: await this.list(roomId) };
  }

  async list(roomId: string): Promise<string[]> {
    const room = this.rooms.get(roomId);
    if (!room) return [];
    const now = this.now();
    for (const [userId, expires] of room) if (expires <= now) room.delete(userId);
    if (room.size === 0) this.rooms.delete(roomId);
    return [...room.keys()];
  }
}

export class RedisTypingStore implements TypingStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "parley",
    private readonly now: () => number = Date.now,
  ) {}

  private key(roomId: string) {
    return `${this.prefix}:typing:${roomId}`;
  }

  async start(roomId: string, userId: string): Promise<string[]> {
    const key = this.key(roomId);
    await this.redis.multi().zadd(key, this.now() + TYPING_TTL_MS, userId).pexpire(key, TYPING_TTL_MS * 2).exec();
    return this.list(roomId);
  }

  async stop(roomId: string, userId: string): Promise<{ removed: boolean; userIds: string[] }> {
    const before = await this.list(roomId);
    const removed = (await this.redis.zrem(this.key(roomId), userId)) > 0 && before.includes(userId);
    return { removed, userIds: before.filter((id) => id !== userId) };
  }

  async list(roomId: string): Promise<string[]> {
    const key = this.key(roomId);
    const now = this.now();
    const result = await this.redis.multi().zremrangebyscore(key, "-inf", now).zrangebyscore(key, `(${now}`, "+inf").exec();
    const members = result?.[1]?.[1];
    return Array.isArray(members) ? members.map(String) : [];
  }
}
