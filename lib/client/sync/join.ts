/**
 * The room's subscription: `room:join` whenever the room is open and the socket (re)connects,
 * then (subscribe, then fetch) the newest page on first join or after a long absence, else a
 * catch-up from the highest seq held. Every join attempt, stop and disconnect bumps the join
 * epoch, so the ack of an older attempt is ignored. A transient refusal is retried after
 * `retryDelayMs`; FORBIDDEN, NOT_FOUND and VALIDATION_FAILED are final.
 */
import { ClientErrorCode } from "@/lib/shared/errors";
import { highestSeq } from "../messageStore";
import type { CatchUp } from "./catch-up";
import type { HistoryWindow } from "./history-window";
import type { RoomPresence } from "./presence";
import type { OneShotTimer } from "./store";
import type { RoomContext } from "./types";

const FINAL_JOIN_REFUSALS = new Set(["FORBIDDEN", "NOT_FOUND", "VALIDATION_FAILED"]);

export interface RoomJoinOptions {
  window: Pick<HistoryWindow, "loaded" | "jumping" | "loadNewest" | "jumpToLatest">;
  catchUp: Pick<CatchUp, "noteLastSeq" | "request">;
  presence: Pick<RoomPresence, "joined" | "clear">;
  /** Shared with catch-up: one pending retry at a time, cleared on stop and disconnect. */
  retry: OneShotTimer;
  retryDelayMs: number;
  /** When the cache is further behind than this on re-join, reload the newest page instead of catching up. */
  maxCatchUp: number;
}

export class RoomJoin {
  /** Wanted subscribed (the room is open somewhere in this tab). */
  private active = false;
  /** Bumped on every join attempt and disconnect: acks of older joins are ignored. */
  private epoch = 0;

  constructor(
    private readonly room: RoomContext,
    private readonly options: RoomJoinOptions,
  ) {}

  /** The room was opened: subscribe now if connected (otherwise on connect). */
  start(): void {
    if (this.active) return;
    this.active = true;
    // Coming back to a room left while looking at old history: show the latest again.
    if (this.room.store.get().hasMoreNewer) void this.options.window.jumpToLatest();
    if (!this.options.window.loaded) this.room.store.update({ phase: "loading", error: null });
    if (this.room.transport.connected) void this.join();
  }

  /** The room was closed: unsubscribe from live events (the cache stays). */
  stop(): void {
    if (!this.active) return;
    this.active = false;
    this.epoch++;
    this.options.retry.clear();
    if (this.room.transport.connected) this.room.transport.leave(this.room.roomId);
    this.options.presence.clear();
  }

  /** The socket connected or reconnected. */
  onConnect(): void {
    if (this.active) void this.join();
  }

  /** The socket dropped: the subscription is gone with it. */
  onDisconnect(): void {
    this.epoch++;
    this.options.retry.clear();
  }

  /** Try the initial load again after an error. */
  retryLoad(): void {
    if (!this.active) return;
    this.room.store.update({ phase: "loading", error: null });
    if (this.room.transport.connected) void this.join();
  }

  private async join(): Promise<void> {
    const { room, options } = this;
    const epoch = ++this.epoch;
    const ack = await room.transport.join(room.roomId);
    if (epoch !== this.epoch || !this.active) return;
    if (!ack.ok) {
      if (!options.window.loaded) room.store.update({ phase: "error", error: ack.error });
      if (!FINAL_JOIN_REFUSALS.has(ack.error.code) && ack.error.code !== ClientErrorCode.DISCONNECTED) {
        options.retry.schedule(options.retryDelayMs, () => {
          if (epoch === this.epoch && this.active && room.transport.connected) void this.join();
        });
      }
      return;
    }
    options.presence.joined(ack.data.online, ack.data.typing);
    options.catchUp.noteLastSeq(ack.data.lastSeq);
    // Looking at older history: newer pages (or jumpToLatest) catch up when the reader gets there.
    if (options.window.jumping || room.store.get().hasMoreNewer) return;
    const held = highestSeq(room.store.get().log);
    if (!options.window.loaded || ack.data.lastSeq - held > options.maxCatchUp) {
      await options.window.loadNewest(options.window.loaded);
    } else {
      options.catchUp.request(held);
    }
  }
}
