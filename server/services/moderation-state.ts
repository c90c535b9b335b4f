/**
 * What the send path needs to know about moderation, without a database read per message:
 * a user's global role, ban and mute; a room's lock and slow mode; a member's room role and
 * room mute. Each is loaded once per process and kept until a moderation action invalidates
 * it — on every instance at once: the action clears this process's copy and tells the others
 * through Socket.IO's server-side events (over the Redis adapter when there are several).
 * A TTL bounds staleness should an invalidation ever be lost (an instance briefly cut off
 * from Redis).
 *
 * One set per runtime (server/runtime.ts), shared by REST and sockets.
 */
import type { ClusterBus, Invalidation } from "../broadcast";
import type { Db } from "../db";
import type { GlobalRoleName, RoomRoleName } from "./policy";

export type { Invalidation };

export interface UserModState {
  role: GlobalRoleName;
  /** Active ban (ms epoch of expiry, Infinity when permanent), or null. */
  banUntil: number | null;
  banReason: string | null;
  muteUntil: number | null;
  muteReason: string | null;
}

export interface RoomModState {
  exists: boolean;
  locked: boolean;
  slowModeSeconds: number;
  archived: boolean;
}

export interface MemberModState {
  role: RoomRoleName | null;
  muteUntil: number | null;
  muteReason: string | null;
}

const TTL_MS = 60_000;
const MAX_ENTRIES = 200_000;

/** Values loaded on first use and kept for a minute, or until deleted (an invalidation). Also used by ./session-states. */
export class TtlCache<T> {
  private readonly entries = new Map<string, { value: T; expires: number }>();
  /** Bumped by every invalidation: a load that started before one must not store its (stale) result. */
  private epoch = 0;

  constructor(private readonly load: (key: string) => Promise<T>) {}

  async get(key: string): Promise<T> {
    const hit = this.entries.get(key);
    const now = Date.now();
    if (hit && hit.expires > now) return hit.value;
    const epoch = this.epoch;
    const value = await this.load(key);
    if (epoch === this.epoch) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, { value, expires: now + TTL_MS });
    }
    return value;
  }

  delete(key: string): void {
    this.epoch++;
    this.entries.delete(key);
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
  }
}

const ms = (d: Date | null) => (d ? d.getTime() : null);

function isInvalidation(v: unknown): v is Invalidation {
  if (!v || typeof v !== "object") return false;
  const m = v as Record<string, unknown>;
  if (m.kind === "user") return typeof m.userId === "string";
  if (m.kind === "room") return typeof m.roomId === "string";
  if (m.kind === "member") return typeof m.roomId === "string" && typeof m.userId === "string";
  return m.kind === "wordFilter";
}

export class ModerationCaches {
  private readonly users: TtlCache<UserModState>;
  private readonly rooms: TtlCache<RoomModState>;
  private readonly members: TtlCache<MemberModState>;
  /** Called when the word filter list changes (the word filter's cache registers here). */
  private readonly onWordFilter = new Set<() => void>();

  constructor(
    private readonly db: Db,
    private readonly bus: ClusterBus,
  ) {
    this.users = new TtlCache((id) => this.loadUser(id));
    this.rooms = new TtlCache((id) => this.loadRoom(id));
    this.members = new TtlCache((key) => this.loadMember(key));
    // Other instances' invalidations (validated: they cross Redis).
    bus.on("parley:moderation:invalidate", (msg) => {
      if (isInvalidation(msg)) this.apply(msg);
    });
  }

  userState(userId: string): Promise<UserModState> {
    return this.users.get(userId);
  }

  roomState(roomId: string): Promise<RoomModState> {
    return this.rooms.get(roomId);
  }

  memberState(roomId: string, userId: string): Promise<MemberModState> {
    return this.members.get(`${roomId}:${userId}`);
  }

  onWordFilterInvalidated(fn: () => void): void {
    this.onWordFilter.add(fn);
  }

  /** Invalidate here and on every other instance. Call after the change is committed. */
  invalidate(msg: Invalidation): void {
    this.apply(msg);
    this.bus.publish("parley:moderation:invalidate", msg);
  }

  /** Apply an invalidation to this process only (what other instances do when told). */
  apply(msg: Invalidation): void {
    switch (msg.kind) {
      case "user":
        this.users.delete(msg.userId);
        return;
      case "room":
        this.rooms.delete(msg.roomId);
        return;
      case "member":
        this.members.delete(`${msg.roomId}:${msg.userId}`);
        return;
      case "wordFilter":
        for (const fn of this.onWordFilter) fn();
        return;
    }
  }

  /** Forget everything (after a reconnect to Redis, when invalidations may have been missed). */
  clear(): void {
    this.users.clear();
    this.rooms.clear();
    this.members.clear();
    for (const fn of this.onWordFilter) fn();
  }

  private async loadUser(userId: string): Promise<UserModState> {
    const u = await this.db.user.findUnique({
      where: { id: userId },
      select: { role: true, bannedAt: true, bannedUntil: true, banReason: true, mutedUntil: true, muteReason: true },
    });
    if (!u) return { role: "MEMBER", banUntil: Infinity, banReason: "This account no longer exists.", muteUntil: null, muteReason: null };
    return {
      role: u.role,
      banUntil: u.bannedAt ? (ms(u.bannedUntil) ?? Infinity) : null,
      banReason: u.banReason,
      muteUntil: ms(u.mutedUntil),
      muteReason: u.muteReason,
    };
  }

  private async loadRoom(roomId: string): Promise<RoomModState> {
    const r = await this.db.room.findUnique({ where: { id: roomId }, select: { locked: true, slowModeSeconds: true, archivedAt: true } });
    if (!r) return { exists: false, locked: false, slowModeSeconds: 0, archived: false };
    // Archive is also enforced by the message writer's statement; this only answers earlier.
    return { exists: true, locked: r.locked, slowModeSeconds: r.slowModeSeconds, archived: r.archivedAt !== null };
  }

  private async loadMember(key: string): Promise<MemberModState> {
    const [roomId = "", userId = ""] = key.split(":");
    const m = await this.db.membership.findUnique({
      where: { userId_roomId: { userId, roomId } },
      select: { role: true, mutedUntil: true, muteReason: true },
    });
    return m ? { role: m.role, muteUntil: ms(m.mutedUntil), muteReason: m.muteReason } : { role: null, muteUntil: null, muteReason: null };
  }
}
