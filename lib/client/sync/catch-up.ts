/**
 * Keeps the log contiguous up to the live end. Live messages (and send acks) merge in; one that
 * skips ahead (`seq > highestSeq + 1`) means some were missed, so everything after `highestSeq`
 * is fetched with `?after=` (looping while `hasMore`). Concurrent requests coalesce into one run
 * from the lowest cursor. While the log is detached (after a jump) nothing beyond it is merged;
 * the highest seq the server is known to have is remembered and fetched once attached again.
 */
import type { MessageDTO } from "@/lib/shared/types";
import { highestSeq, leavesGap, mergeMessages, removePending } from "../messageStore";
import type { OneShotTimer } from "./store";
import type { RoomContext, ViewState } from "./types";

/** Page size of `?after=` catch-up requests. */
export const CATCH_UP_PAGE = 100;

export interface CatchUpOptions {
  /** The author id of our own messages (an own message beyond a detached log only leaves the pending list). */
  selfId: string;
  view: ViewState;
  /** Shared with the join: a failed catch-up is tried again after `retryDelayMs`. */
  retry: OneShotTimer;
  retryDelayMs: number;
}

export class CatchUp {
  /** The highest seq the server is known to have (join acks, live messages). */
  private knownLastSeq = 0;
  private from: number | null = null;
  private running = false;

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
    if (gap) this.request(before);
  }

  /** Attached again: fetch what arrived live while the log was elsewhere. */
  toKnownEnd(): void {
    const highest = highestSeq(this.room.store.get().log);
    if (this.knownLastSeq > highest) this.request(highest);
  }

  /** Forget a requested catch-up (the log is being replaced; the new view catches up on its own). */
  cancel(): void {
    this.from = null;
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
