/**
 * Who is online where, as per-socket entries that expire unless refreshed. Each instance
 * refreshes the entries of its own sockets on a heartbeat; an instance that dies (kill -9,
 * lost network) stops refreshing, so its users go offline by themselves within the TTL,
 * whichever instance notices first. With Redis the entries are shared by every instance
 * (a sorted set per room, scored by expiry time); without it they live in this process.
 */
import type { Redis } from "ioredis";

export interface PresenceEntry {
  roomId: string;
  userId: string;
  socketId: string;
}

export interface PresenceStore {
  /** Add or refresh entries: each stays until `remove` or until ttlMs pass without a refresh. */
  add(entries: readonly PresenceEntry[], ttlMs: number): Promise<void>;
  remove(entries: readonly PresenceEntry[]): Promise<void>;
  /** Users with at least one live entry in the room (each once). */
  online(roomId: string): Promise<string[]>;
  /** Drop expired entries everywhere; returns the rooms that lost any (their lists changed). */
  sweep(): Promise<string[]>;
}

const member = (e: PresenceEntry) => `${e.userId}|${e.socketId}`;
const userOf = (m: string) => m.slice(0, m.indexOf("|"));

export class MemoryPresenceStore implements PresenceStore {
  private readonly rooms = new Map<string, Map<string, number>>();
  constructor(private readonly now: () => number = Date.now) {}

  async add(entries: readonly PresenceEntry[], ttlMs: number): Promise<void> {
    const expires = this.now() + ttlMs;
    for (const e of entries) {
      let room = this.rooms.get(e.roomId);
      if (!room) this.rooms.set(e.roomId, (room = new Map()));
      room.set(member(e), expires);
    }
  }

  async remove(entries: readonly PresenceEntry[]): Promise<void> {
    for (const e of entries) {
      const room = this.rooms.get(e.roomId);
      room?.delete(member(e));
      if (room?.size === 0) this.rooms.delete(e.roomId);
    }
  }

  async online(roomId: string): Promise<string[]> {
    const now = this.now();
    const users = new Set<string>();
    for (const [m, expires] of this.rooms.get(roomId) ?? []) if (expires > now) users.add(userOf(m));
    return [...users];
  }

  async sweep(): Promise<string[]> {
    const now = this.now();
    const changed: string[] = [];
    for (const [roomId, room] of this.rooms) {
      const before = room.size;
      for (const [m, expires] of room) if (expires <= now) room.delete(m);
      if (room.size !== before) changed.push(roomId);
      if (room.size === 0) this.rooms.delete(roomId);
    }
    return changed;
  }
}

/**
 * Drops expired entries of every room listed in the rooms set (KEYS[1]); returns the rooms
 * that lost any. Runs inside Redis, so one round trip and no race with a refresh.
 */
const SWEEP_SCRIPT = `
local now = tonumber(ARGV[1])
local prefix = ARGV[2]
local changed = {}
for _, roomId in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local key = prefix .. roomId
  if redis.call('ZREMRANGEBYSCORE', key, '-inf', now) > 0 then table.insert(changed, roomId) end
  if redis.call('ZCARD', key) == 0 then redis.call('SREM', KEYS[1], roomId) end
end
return changed`;

export class RedisPresenceStore implements PresenceStore {
  private readonly roomsKey: string;
  private readonly roomPrefix: string;

  constructor(
    private readonly redis: Redis,
    prefix = "parley",
    private readonly now: () => number = Date.now,
  ) {
    this.roomsKey = `${prefix}:presence:rooms`;
    this.roomPrefix = `${prefix}:presence:room:`;
  }

  async add(entries: readonly PresenceEntry[], ttlMs: number): Promise<void> {
    if (entries.length === 0) return;
    const expires = this.now() + ttlMs;
    const tx = this.redis.multi();
    for (const e of entries) {
      const key = this.roomPrefix + e.roomId;
      tx.zadd(key, expires, member(e));
      // The key outlives its entries a little, so a room nobody sweeps does not linger forever.
      tx.pexpire(key, ttlMs * 3);
    }
    tx.sadd(this.roomsKey, ...new Set(entries.map((e) => e.roomId)));
    await tx.exec();
  }

  async remove(entries: readonly PresenceEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const tx = this.redis.multi();
    for (const e of entries) tx.zrem(this.roomPrefix + e.roomId, member(e));
    await tx.exec();
  }

  async online(roomId: string): Promise<string[]> {
    const members = await this.redis.zrangebyscore(this.roomPrefix + roomId, `(${this.now()}`, "+inf");
    return [...new Set(members.map(userOf))];
  }

  async sweep(): Promise<string[]> {
    const changed = await this.redis.eval(SWEEP_SCRIPT, 1, this.roomsKey, String(this.now()), this.roomPrefix);
    return Array.isArray(changed) ? changed.map(String) : [];
  }
}
