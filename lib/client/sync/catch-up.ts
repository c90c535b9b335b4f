/**
 * Keeps the log contiguous up to the live end. Live messages (and send acks) merge in; one that
 * skips ahead (`seq > highestSeq + 1`) leaves a hole. Live events routinely arrive a few
 * milliseconds out of seq order (two instances publish a room's messages through Redis), so a
 * hole is first given `reorderWindowMs` to fill by itself; only a hole that persists means some
 * were missed, and everything after it is fetched with `?after=` (looping while `hasMore`).
 * Concurrent requests coalesce into one run from the lowest cursor. While the log is detached (after a jump) nothing beyond it is merged;
 * the highest seq the server is known to have is remembered and fetched once attached again.
 */
import type { MessageDTO } from "@/lib/shared/types";
import { highestSeq, leavesGap, mergeMessages, removePending } from "../messageStore";
import { OneShotTimer } from "./store";
import type { RoomContext, ViewState } from "./types";

/** Page size of `?after=` catch-up requests. */
export const CATCH_UP_PAGE = 100;

/** How long a hole in the live stream may stay open before it is fetched (a late event fills most). */
export const REORDER_WINDOW_MS = 400;

export interface CatchUpOptions {
  /** The author id of our own messages (an own message beyond a detached log only leaves the pending list). */
  selfId: string;
  view: ViewState;
  /** Shared with the join: a failed catch-up is tried again after `retryDelayMs`. */
  retry: OneShotTimer;
  retryDelayMs: number;
  /** How long a hole may wait for a late live event before it is fetched; 0 fetches at once. */
  reorderWindowMs?: number;
}

export class CatchUp {
  /** The highest seq the server is known to have (join acks, live messages). */
  private knownLastSeq = 0;
  private from: number | null = null;
  private running = false;
  /** Holes in the live stream waiting out their reorder window: seqs `from..to`, noticed `at`. */
  private holes: { from: number; to: number; at: number }[] = [];
  private readonly holeTimer = new OneShotTimer();

  constructor(
    private readonly room: RoomContext,
    private readonly options: CatchUpOptions,
  ) {}

  /** The server said its room is at `lastSeq` (a join ack). */
  noteLastSeq(lastSeq: number): void {
    this.knownLastSeq = Math.max(this.knownLastSeq, lastSeq);
  }

  /** Accept a stored message from `message:new` or a send ack; fill any gap before it. */
  receive(message: MessageDTO): void {
    if (message.roomId !== this.room.roomId) return;
    const { store } = this.room;
    this.noteLastSeq(message.seq);
    if (store.get().hasMoreNewer) {
      // Detached: merge only what falls inside the log; our own send leaves the pending list.
      const log = store.get().log;
      if (message.seq <= highestSeq(log)) store.update({ log: mergeMessages(log, [message]) });
      else if (message.author.id === this.options.selfId) store.update({ log: removePending(log, message.clientId) });
      return;
    }
    const log = store.get().log;
    const before = highestSeq(log);
    const gap = this.options.view.loaded && leavesGap(log, message.seq);
    store.update({ log: mergeMessages(log, [message]) });
    if (gap) this.holeOpened(before + 1, message.seq - 1);
  }

  private get windowMs(): number {
    return this.options.reorderWindowMs ?? REORDER_WINDOW_MS;
  }

  /** Seqs `from..to` are missing: fetch them unless they arrive live within the reorder window. */
  private holeOpened(from: number, to: number): void {
    if (this.windowMs <= 0) return this.request(from - 1);
    this.holes.push({ from, to, at: this.room.now() });
    if (!this.holeTimer.pending) this.holeTimer.schedule(this.windowMs, () => this.checkHoles());
  }

  /** Forget the holes late events filled; fetch from the first one older than the window, or wait for it. */
  private checkHoles(): void {
    const messages = this.room.store.get().log.messages;
    this.holes = this.holes.filter((h) => {
      const missing = firstMissingAfter(messages, h.from - 1);
      return missing !== null && missing <= h.to;
    });
    const oldest = this.holes[0];
    if (!oldest) return;
    const wait = oldest.at + this.windowMs - this.room.now();
    if (wait > 0) {
      this.holeTimer.schedule(wait, () => this.checkHoles());
      return;
    }
    // One fetch from the lowest hole covers every hole after it.
    const lowest = Math.min(...this.holes.map((h) => firstMissingAfter(messages, h.from - 1) ?? h.from));
    this.holes = [];
    this.request(lowest - 1);
  }

  /** Attached again: fetch what arrived live while the log was elsewhere. */
  toKnownEnd(): void {
    const highest = highestSeq(this.room.store.get().log);
    if (this.knownLastSeq > highest) this.request(highest);
  }

  /** Forget a requested catch-up (the log is being replaced; the new view catches up on its own). */
  cancel(): void {
    this.from = null;
    this.holes = [];
    this.holeTimer.clear();
  }

  /** Fetch everything after `after`, merging as pages arrive. Concurrent requests coalesce. */
  request(after: number): void {
    if (this.room.store.get().hasMoreNewer) return;
    this.from = this.from === null ? after : Math.min(this.from, after);
    if (!this.running) void this.run();
  }

  private async run(): Promise<void> {
    const { room, options } = this;
    this.running = true;
    try {
      while (this.from !== null) {
        let cursor = this.from;
        this.from = null;
        const epoch = options.view.viewEpoch;
        for (;;) {
          let page;
          try {
            page = await room.api.history(room.roomId, { after: cursor, limit: CATCH_UP_PAGE });
          } catch {
            const from = cursor;
            if (epoch === options.view.viewEpoch) options.retry.schedule(options.retryDelayMs, () => this.request(from));
            return;
          }
          if (epoch !== options.view.viewEpoch) break; // the log was replaced meanwhile
          room.store.update({ log: mergeMessages(room.store.get().log, page.messages) });
          const last = page.messages.at(-1);
          if (!page.hasMore || !last || last.seq <= cursor) break;
          cursor = last.seq;
        }
      }
    } finally {
      this.running = false;
    }
  }
}

/** The lowest seq above `after` the log lacks, below its highest; null when none is missing. */
export function firstMissingAfter(messages: readonly { seq: number }[], after: number): number | null {
  let expected = after + 1;
  for (const m of messages) {
    if (m.seq < expected) continue;
    if (m.seq > expected) return expected;
    expected = m.seq + 1;
  }
  return null;
}
