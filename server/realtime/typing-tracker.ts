/**
 * Typing indicators over a TypingStore: broadcasts the room's typing list on every change,
 * including the silent one when an entry expires because no stop (or refresh) arrived.
 */
import { roomChannel, TYPING_TTL_MS } from "@/lib/shared/events";
import type { Logger } from "../log";
import type { TypingStore } from "./typing-store";
import type { ParleyServer } from "./types";

export class TypingTracker {
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly io: ParleyServer,
    private readonly store: TypingStore,
    private readonly log: Logger,
  ) {}

  list(roomId: string): Promise<string[]> {
    return this.store.list(roomId);
  }

  async start(roomId: string, userId: string): Promise<void> {
    const userIds = await this.store.start(roomId, userId);
    this.broadcast(roomId, userIds);
    const key = `${roomId}:${userId}`;
    clearTimeout(this.expiryTimers.get(key));
    const timer = setTimeout(() => {
      this.expiryTimers.delete(key);
      this.store
        .list(roomId)
        .then((current) => {
          if (!current.includes(userId)) this.broadcast(roomId, current);
        })
        .catch((err: unknown) => this.log.warn("typing expiry check failed", { roomId, err }));
    }, TYPING_TTL_MS + 50);
    timer.unref();
    this.expiryTimers.set(key, timer);
  }

  /**
   * On send: stop typing only if this instance started it (the usual case: the tab that typed
   * sends). Saves the store round trip on every send of someone who was not typing; an entry
   * started through another instance is stopped by that tab's own `typing:stop` or expires.
   */
  stopIfStartedHere(roomId: string, userId: string): Promise<void> {
    if (!this.expiryTimers.has(`${roomId}:${userId}`)) return Promise.resolve();
    return this.stop(roomId, userId);
  }

  /** Stop typing (fire and forget: used on disconnect and `typing:stop` too). */
  stop(roomId: string, userId: string): Promise<void> {
    const key = `${roomId}:${userId}`;
    clearTimeout(this.expiryTimers.get(key));
    this.expiryTimers.delete(key);
    return this.store
      .stop(roomId, userId)
      .then(({ removed, userIds }) => {
        if (removed) this.broadcast(roomId, userIds);
      })
      .catch((err: unknown) => this.log.warn("typing stop failed", { roomId, err }));
  }

  private broadcast(roomId: string, userIds: string[]) {
    this.io.to(roomChannel(roomId)).emit("typing", { roomId, userIds });
  }

  close() {
    for (const t of this.expiryTimers.values()) clearTimeout(t);
    this.expiryTimers.clear();
  }
}
