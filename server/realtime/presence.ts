/**
 * Presence: a user is online in a room while at least one of their sockets, on any instance,
 * is subscribed to it. Several tabs count once; the user goes offline when the last one
 * closes. Every change is announced as the room's full online list, so a lost or reordered
 * update heals with the next one.
 *
 * State lives in a PresenceStore (Redis when configured) as one entry per socket and room,
 * with a TTL. This instance refreshes its own sockets' entries every heartbeat, derived from
 * the rooms each local socket is actually in (so joins made elsewhere, e.g. socketsJoin from
 * another instance, are picked up too). A crashed instance stops refreshing: its entries
 * expire, and whichever instance sweeps next drops them and announces the rooms concerned.
 * Worst case a dead instance's users show online for ttlMs + sweepMs.
 */
import { roomChannel } from "@/lib/shared/events";
import type { PresenceEntry, PresenceStore } from "./presence-store";
import type { Logger } from "../log";
import type { ParleyServer } from "./types";

/** Entries live this long without a refresh (a crashed instance's users go offline after it). */
export const PRESENCE_TTL_MS = 15_000;

export interface PresenceOptions {
  ttlMs?: number;
}

interface LocalSocket {
  userId: string;
  rooms: Set<string>;
}

const ROOM_PREFIX = "room:";

export class Presence {
  private readonly local = new Map<string, LocalSocket>();
  private readonly ttlMs: number;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly io: ParleyServer,
    private readonly store: PresenceStore,
    private readonly log: Logger,
    options: PresenceOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? PRESENCE_TTL_MS;
  }

  /** Start the heartbeat (refresh own entries) and the sweep (expire everyone's stale ones). */
  start(): void {
    const heartbeat = setInterval(() => void this.heartbeat(), Math.max(100, Math.floor(this.ttlMs / 3)));
    const sweep = setInterval(() => void this.sweep(), Math.max(100, Math.min(2000, Math.floor(this.ttlMs / 5))));
    heartbeat.unref();
    sweep.unref();
    this.timers = [heartbeat, sweep];
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  async onlineIn(roomId: string): Promise<string[]> {
    return this.store.online(roomId);
  }

  /** Broadcast a room's online list that the caller has just computed. */
  publish(roomId: string, online: string[]): void {
    this.io.to(roomChannel(roomId)).emit("presence", { roomId, online });
  }

  /** Recompute and broadcast the online list of each room (fire and forget). */
  announce(roomIds: Iterable<string>): void {
    for (const roomId of roomIds) {
      this.onlineIn(roomId)
        .then((online) => this.publish(roomId, online))
        .catch((err: unknown) => this.log.warn("presence update failed", { roomId, err }));
    }
  }

  /**
   * Bring the store in line with the rooms a local socket is in now (after it connected,
   * joined or left a room). Resolves once written; announces every room that changed.
   */
  async sync(socketId: string): Promise<void> {
    const { added, removed } = this.reconcile(socketId);
    try {
      await Promise.all([this.store.add(added, this.ttlMs), this.store.remove(removed)]);
    } catch (err) {
      // The next heartbeat writes this socket's entries again; stale ones expire.
      this.log.warn("presence write failed", { socketId, err });
    }
    this.announce(new Set([...added, ...removed].map((e) => e.roomId)));
  }

  /** A local socket disconnected: drop its entries and announce its rooms. */
  async forget(socketId: string): Promise<void> {
    const entry = this.local.get(socketId);
    if (!entry) return;
    this.local.delete(socketId);
    const removed = [...entry.rooms].map((roomId) => ({ roomId, userId: entry.userId, socketId }));
    try {
      await this.store.remove(removed);
    } catch (err) {
      this.log.warn("presence removal failed", { socketId, err });
    }
    this.announce(entry.rooms);
  }

  /** Compare a socket's current rooms with what was written; update the local record. */
  private reconcile(socketId: string): { added: PresenceEntry[]; removed: PresenceEntry[] } {
    const socket = this.io.of("/").sockets.get(socketId);
    const known = this.local.get(socketId);
    if (!socket) return { added: [], removed: [] };
    const userId = socket.data.user.id;
    const now = new Set([...socket.rooms].filter((r) => r.startsWith(ROOM_PREFIX)).map((r) => r.slice(ROOM_PREFIX.length)));
    const before = known?.rooms ?? new Set<string>();
    this.local.set(socketId, { userId, rooms: now });
    return {
      added: [...now].filter((r) => !before.has(r)).map((roomId) => ({ roomId, userId, socketId })),
      removed: [...before].filter((r) => !now.has(r)).map((roomId) => ({ roomId, userId, socketId })),
    };
  }

  /** Refresh every local socket's entries, picking up room changes made behind our back. */
  private async heartbeat(): Promise<void> {
    const changed = new Set<string>();
    const removed: PresenceEntry[] = [];
    const sockets = this.io.of("/").sockets;
    // A socket that vanished without its disconnect handler running.
    for (const socketId of this.local.keys()) if (!sockets.has(socketId)) void this.forget(socketId);
    for (const socketId of sockets.keys()) {
      const diff = this.reconcile(socketId);
      for (const e of [...diff.added, ...diff.removed]) changed.add(e.roomId);
      removed.push(...diff.removed);
    }
    const all: PresenceEntry[] = [];
    for (const [socketId, { userId, rooms }] of this.local) {
      for (const roomId of rooms) all.push({ roomId, userId, socketId });
    }
    try {
      await Promise.all([this.store.add(all, this.ttlMs), this.store.remove(removed)]);
      this.announce(changed);
    } catch (err) {
      this.log.warn("presence heartbeat failed", { err });
    }
  }

  private async sweep(): Promise<void> {
    try {
      this.announce(await this.store.sweep());
    } catch (err) {
      this.log.warn("presence sweep failed", { err });
    }
  }
}
