/**
 * Which part of the room's history the log holds: the newest page first, older pages above it
 * (infinite scroll upward), or, after a jump (e.g. to a search result), the page around one
 * message. Until newer pages reach the live end again (`loadNewer`, or `jumpToLatest`) the log
 * is *detached* (`hasMoreNewer`). Every load that replaces the log bumps `viewEpoch`, so answers
 * to requests made for an earlier view are dropped.
 */
import { highestSeq, lowestSeq, mergeMessages, resetMessages } from "../messageStore";
import type { HistoryPage } from "@/lib/shared/types";
import type { RoomContext, ViewState } from "./types";

/** What the window asks of catch-up when the log reaches the live end again, or is replaced. */
export interface LiveEndCatchUp {
  toKnownEnd(): void;
  cancel(): void;
}

export class HistoryWindow implements ViewState {
  private loadedOnce = false;
  private epoch = 0;
  private jump = false;
  /** The newest-page load in flight, for the view it was asked for. */
  private newest: { epoch: number; promise: Promise<void> } | null = null;

  constructor(
    private readonly room: RoomContext,
    private readonly pageSize: number,
    private readonly catchUp: LiveEndCatchUp,
  ) {}

  get loaded(): boolean {
    return this.loadedOnce;
  }

  get viewEpoch(): number {
    return this.epoch;
  }

  /** A jump is loading: the join must not load the newest page over it. */
  get jumping(): boolean {
    return this.jump;
  }

  /**
   * Hold the newest page the server rendered with the room (app/(chat)/chat/[roomId]/page.tsx)
   * as if it had just been loaded: the join then catches up from its highest seq instead of
   * fetching the page again. Ignored once anything is loaded (the cache of an earlier visit).
   */
  seed(page: HistoryPage): void {
    if (this.loadedOnce || this.newest !== null || this.jump) return;
    const { store } = this.room;
    this.loadedOnce = true;
    store.update({
      log: mergeMessages(store.get().log, page.messages),
      hasMoreOlder: page.hasMore,
      hasMoreNewer: false,
      phase: "ready",
      error: null,
    });
  }

  /** Load the newest page (one request per view at a time; callers share it). */
  loadNewest(reset: boolean): Promise<void> {
    // Replacing the log: answers to requests made for the old one must not merge into the new one.
    if (reset) this.epoch++;
    if (this.newest && this.newest.epoch === this.epoch) return this.newest.promise;
    const epoch = this.epoch;
    const promise = this.fetchNewest(reset, epoch).finally(() => {
      if (this.newest?.promise === promise) this.newest = null;
    });
    this.newest = { epoch, promise };
    return promise;
  }

  private async fetchNewest(reset: boolean, epoch: number): Promise<void> {
    const { store } = this.room;
    try {
      const page = await this.room.api.history(this.room.roomId, { limit: this.pageSize });
      if (epoch !== this.epoch) return;
      const replace = reset || store.get().hasMoreNewer;
      this.loadedOnce = true;
      store.update({
        log: mergeMessages(replace ? resetMessages(store.get().log) : store.get().log, page.messages),
        hasMoreOlder: page.hasMore,
        ...(replace ? { loadingOlder: false } : {}),
        hasMoreNewer: false,
        loadingNewer: false,
        olderError: null,
        phase: "ready",
        error: null,
      });
      this.catchUp.toKnownEnd();
    } catch (e) {
      if (epoch === this.epoch && !this.loadedOnce) store.update({ phase: "error", error: errorOf(e) });
    }
  }

  /**
   * Show the message with this seq in context: the page around it replaces the log (unless it is
   * held already). Resolves true when the message is in the log.
   */
  async jumpTo(seq: number): Promise<boolean> {
    const { store } = this.room;
    const held = (s: number) => store.get().log.messages.some((m) => m.seq === s);
    if (this.loadedOnce && !this.jump && this.newest === null && held(seq)) return true;
    const epoch = ++this.epoch;
    this.jump = true;
    this.catchUp.cancel();
    if (!this.loadedOnce) store.update({ phase: "loading", error: null });
    try {
      const page = await this.room.api.history(this.room.roomId, { around: seq, limit: this.pageSize });
      if (epoch !== this.epoch) return false;
      this.loadedOnce = true;
      const hasMoreNewer = page.hasMoreAfter === true;
      store.update({
        log: mergeMessages(resetMessages(store.get().log), page.messages),
        hasMoreOlder: page.hasMore,
        loadingOlder: false,
        olderError: null,
        hasMoreNewer,
        loadingNewer: false,
        phase: "ready",
        error: null,
      });
      if (!hasMoreNewer) this.catchUp.toKnownEnd();
      return held(seq);
    } catch (e) {
      if (epoch === this.epoch && !this.loadedOnce) store.update({ phase: "error", error: errorOf(e) });
      return false;
    } finally {
      if (epoch === this.epoch) this.jump = false;
    }
  }

  /** Back to the live end: the newest page replaces a detached log. */
  async jumpToLatest(): Promise<void> {
    if (!this.room.store.get().hasMoreNewer && !this.jump) return;
    this.jump = false;
    this.catchUp.cancel();
    await this.loadNewest(true);
  }

  /** Load the page after the newest message held (scrolling down a detached log). */
  async loadNewer(): Promise<void> {
    const { store } = this.room;
    const s = store.get();
    if (!this.loadedOnce || s.loadingNewer || !s.hasMoreNewer) return;
    const epoch = this.epoch;
    store.update({ loadingNewer: true });
    try {
      const page = await this.room.api.history(this.room.roomId, { after: highestSeq(s.log), limit: this.pageSize });
      if (epoch !== this.epoch) return;
      store.update({ log: mergeMessages(store.get().log, page.messages), hasMoreNewer: page.hasMore, loadingNewer: false });
      if (!page.hasMore) this.catchUp.toKnownEnd();
    } catch {
      if (epoch === this.epoch) store.update({ loadingNewer: false });
    }
  }

  /** Load the page before the oldest message held (infinite scroll upward). */
  async loadOlder(): Promise<void> {
    const { store } = this.room;
    const s = store.get();
    if (!this.loadedOnce || s.loadingOlder || !s.hasMoreOlder) return;
    const before = lowestSeq(s.log);
    if (before === null || before <= 1) {
      store.update({ hasMoreOlder: false });
      return;
    }
    store.update({ loadingOlder: true, olderError: null });
    const epoch = this.epoch;
    try {
      const page = await this.room.api.history(this.room.roomId, { before, limit: this.pageSize });
      if (epoch !== this.epoch) return;
      store.update({ log: mergeMessages(store.get().log, page.messages), hasMoreOlder: page.hasMore, loadingOlder: false });
    } catch (e) {
      if (epoch === this.epoch) store.update({ loadingOlder: false, olderError: errorOf(e).message });
    }
  }
}

/** An ApiError-like `{ code, message }`, or INTERNAL with the error's message. */
export function errorOf(e: unknown): { code: string; message: string } {
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    if (typeof code === "string" && typeof message === "string") return { code, message };
  }
  return { code: "INTERNAL", message: e instanceof Error ? e.message : "Something went wrong" };
}
