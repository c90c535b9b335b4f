/**
 * What the send path needs to know about moderation, without a database read per message:
 * a user's global role, ban and mute; a room's lock and slow mode; a member's room role and
 * room mute. Each is loaded once per process and kept until a moderation action invalidates
 * it — on every instance at once: the action clears this process's copy and tells the others
 * through Socket.IO's server-side events (over the Redis adapter when there are several).
 * A TTL bounds staleness should an invalidation ever be lost (an instance briefly cut off
 * from Redis).
 *
 * The caches live on globalThis: Next's route handlers and the custom server are separate
 * bundles in one process, and both must see (and clear) the same copy.
 */
import { getDb } from "../db";
import { getIo } from "../realtime/registry";
import { getRedis } from "../redis";
import type { GlobalRoleName, RoomRoleName } from "./policy";

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

export type Invalidation =
  | { kind: "user"; userId: string }
  | { kind: "room"; roomId: string }
  | { kind: "member"; roomId: string; userId: string }
  | { kind: "wordFilter" };

const TTL_MS = 60_000;
const MAX_ENTRIES = 200_000;
export const INVALIDATE_EVENT = "parley:moderation:invalidate";

class TtlCache<T> {
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

async function loadUser(userId: string): Promise<UserModState> {
  const u = await getDb().user.findUnique({
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

async function loadRoom(roomId: string): Promise<RoomModState> {
  const r = await getDb().room.findUnique({ where: { id: roomId }, select: { locked: true, slowModeSeconds: true, archivedAt: true } });
  if (!r) return { exists: false, locked: false, slowModeSeconds: 0, archived: false };
  // Archive is also enforced by the message writer's statement; this only answers earlier.
  return { exists: true, locked: r.locked, slowModeSeconds: r.slowModeSeconds, archived: r.archivedAt !== null };
}

async function loadMember(key: string): Promise<MemberModState> {
  const [roomId = "", userId = ""] = key.split(":");
  const m = await getDb().membership.findUnique({
    where: { userId_roomId: { userId, roomId } },
    select: { role: true, mutedUntil: true, muteReason: true },
  });
  return m ? { role: m.role, muteUntil: ms(m.mutedUntil), muteReason: m.muteReason } : { role: null, muteUntil: null, muteReason: null };
}

interface Caches {
  users: TtlCache<UserModState>;
  rooms: TtlCache<RoomModState>;
  members: TtlCache<MemberModState>;
  /** Called when the word filter list changes (word-filter.ts registers it). */
  onWordFilter: Set<() => void>;
}

const holder = globalThis as unknown as { __parleyModCaches?: Caches };

function caches(): Caches {
  holder.__parleyModCaches ??= {
    users: new TtlCache(loadUser),
    rooms: new TtlCache(loadRoom),
    members: new TtlCache(loadMember),
    onWordFilter: new Set(),
  };
  return holder.__parleyModCaches;
}

export const userModState = (userId: string) => caches().users.get(userId);
export const roomModState = (roomId: string) => caches().rooms.get(roomId);
export const memberModState = (roomId: string, userId: string) => caches().members.get(`${roomId}:${userId}`);

export function onWordFilterInvalidated(fn: () => void): void {
  caches().onWordFilter.add(fn);
}

/** Apply an invalidation to this process only (what other instances do when told). */
export function applyInvalidation(msg: Invalidation): void {
  const c = caches();
  switch (msg.kind) {
    case "user":
      c.users.delete(msg.userId);
      // Room mutes are per member; a user-level change (ban) leaves them, but clear cheaply anyway.
      return;
    case "room":
      c.rooms.delete(msg.roomId);
      return;
    case "member":
      c.members.delete(`${msg.roomId}:${msg.userId}`);
      return;
    case "wordFilter":
      for (const fn of c.onWordFilter) fn();
      return;
  }
}

interface ServerSideBus {
  serverSideEmit(event: string, ...args: unknown[]): boolean;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** Invalidate here and on every other instance. Call after the change is committed. */
export function invalidate(msg: Invalidation): void {
  applyInvalidation(msg);
  // Other instances exist only with Redis (the in-memory adapter has no server-side events).
  if (!getRedis()) return;
  const io = getIo() as unknown as ServerSideBus | undefined;
  io?.serverSideEmit(INVALIDATE_EVENT, msg);
}

function isInvalidation(v: unknown): v is Invalidation {
  if (!v || typeof v !== "object") return false;
  const m = v as Record<string, unknown>;
  if (m.kind === "user") return typeof m.userId === "string";
  if (m.kind === "room") return typeof m.roomId === "string";
  if (m.kind === "member") return typeof m.roomId === "string" && typeof m.userId === "string";
  return m.kind === "wordFilter";
}

/** Listen for other instances' invalidations (the realtime server calls this once at start-up). */
export function listenForInvalidations(io: unknown): void {
  (io as ServerSideBus).on(INVALIDATE_EVENT, (msg: unknown) => {
    if (isInvalidation(msg)) applyInvalidation(msg);
  });
}

/** Clear everything (tests, and after a reconnect to Redis when messages may have been missed). */
export function clearModerationCaches(): void {
  const c = caches();
  c.users.clear();
  c.rooms.clear();
  c.members.clear();
  for (const fn of c.onWordFilter) fn();
}
