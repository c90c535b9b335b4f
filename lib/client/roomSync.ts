/**
 * Keeps one room's messages in step with the server, independent of React and of Socket.IO
 * (both are injected, so tests drive it with fakes).
 *
 * - Subscribe, then fetch, then dedupe: `room:join` first, then the newest history page;
 *   live messages that arrive meanwhile merge into the same log.
 * - Gap detection: a live message or ack with `seq > highestSeq + 1` triggers `?after=highestSeq`
 *   (looping while `hasMore`). Every (re)connect re-joins and catches up the same way.
 * - Optimistic sends with a client-chosen id; an outbox holds them while disconnected and
 *   Retry re-sends the same clientId (the server dedupes). A retryable refusal (UNAVAILABLE,
 *   TIMEOUT, RATE_LIMITED, INTERNAL) keeps the message queued and the outbox tries again with
 *   backoff, in the order written; after MAX_AUTO_RETRIES it is marked failed for the user.
 * - Jumping to a message (`jumpTo`, e.g. a search result) replaces the log with the page around
 *   it. Until newer pages reach the live end again (`loadNewer`, or `jumpToLatest`) the log is
 *   *detached* (`hasMoreNewer`): live messages beyond it are not merged (that would leave a hole)
 *   but remembered, and caught up once the log is attached again. Every load that replaces the
 *   log bumps `viewEpoch`, so answers to requests made for an earlier view are dropped.
 */
import { isRetryableCode } from "@/lib/shared/errors";
import type { RoomJoined, MessageSent } from "@/lib/shared/events";
import { MESSAGE_MAX_LENGTH } from "@/lib/shared/schemas";
import type { TSendMessage } from "@/lib/shared/schemas";
import type { AttachmentDTO, MessageDTO, UserSummary } from "@/lib/shared/types";
import type { HistoryApi } from "./api";
import { newClientId } from "./clientId";
import {
  addPending,
  applyUpdate,
  emptyLog,
  findPending,
  highestSeq,
  leavesGap,
  lowestSeq,
  mergeMessages,
  removePending,
  resetMessages,
  updatePending,
  type MessageLog,
} from "./messageStore";
import type { TypingList } from "./typing";

/** An ack as the client sees it: the server's, or a local TIMEOUT / DISCONNECTED. */
export type ClientAck<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: object } };

/** Automatic retries of one message before it is shown as failed (about a minute of backoff). */
export const MAX_AUTO_RETRIES = 10;

/** What RoomSync needs from the socket. `send` must not emit (and must say DISCONNECTED) while offline. */
export interface RoomTransport {
  readonly connected: boolean;
  join(roomId: string): Promise<ClientAck<RoomJoined>>;
  leave(roomId: string): void;
  send(payload: TSendMessage): Promise<ClientAck<MessageSent>>;
}

export type RoomPhase = "idle" | "loading" | "ready" | "error";

export interface RoomSnapshot {
  readonly roomId: string;
  readonly phase: RoomPhase;
  readonly error: { code: string; message: string } | null;
  readonly log: MessageLog;
  readonly hasMoreOlder: boolean;
  readonly loadingOlder: boolean;
  /** Detached from the live end (after a jump): newer messages exist beyond the log. */
  readonly hasMoreNewer: boolean;
  readonly loadingNewer: boolean;
  readonly olderError: string | null;
  /** Users online in the room (from the join ack, then `presence`). */
  readonly online: readonly string[];
  readonly typing: TypingList;
}

export interface RoomSyncOptions {
  roomId: string;
  self: UserSummary;
  transport: RoomTransport;
  api: HistoryApi;
  /** Newest / older page size. */
  pageSize?: number;
  /** When the cache is further behind than this on re-join, reload the newest page instead of catching up. */
  maxCatchUp?: number;
  /** Delay before retrying a failed join or catch-up. */
  retryDelayMs?: number;
  /** First delay before the outbox retries a retryable refusal (doubles up to 10 s). */
  outboxRetryMs?: number;
  now?: () => number;
  newClientId?: () => string;
}

const CATCH_UP_PAGE = 100;

export class RoomSync {
  private snapshot: RoomSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly pageSize: number;
  private readonly maxCatchUp: number;
  private readonly retryDelayMs: number;
  private readonly now: () => number;
  private readonly makeClientId: () => string;

  /** Wanted subscribed (the room is open somewhere in this tab). */
  private active = false;
  /** Bumped on every join attempt and disconnect: acks of older joins are ignored. */
  private joinEpoch = 0;
  /** The newest page has been loaded at least once. */
  private loaded = false;
  /** The newest-page load in flight, for the view it was asked for. */
  private newest: { epoch: number; promise: Promise<void> } | null = null;
  /** Bumped whenever the log is replaced by another part of the history (jump, jump to latest). */
  private viewEpoch = 0;
  /** A jump is loading: the join must not load the newest page over it. */
  private jumping = false;
  /** The highest seq the server is known to have (join acks, live messages), for catching up on re-attach. */
  private knownLastSeq = 0;
  /** Per clientId, the latest send attempt: results of superseded attempts are ignored. */
  private readonly attempts = new Map<string, number>();
  private catchUpFrom: number | null = null;
  private catchingUp = false;
  private flushing = false;
  private flushAgain = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Retryable refusals per clientId, and the pending outbox retry (sends wait for it). */
  private readonly refusals = new Map<string, number>();
  private outboxTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: RoomSyncOptions) {
    this.pageSize = options.pageSize ?? 50;
    this.maxCatchUp = options.maxCatchUp ?? 500;
    this.retryDelayMs = options.retryDelayMs ?? 2000;
    this.now = options.now ?? Date.now;
    this.makeClientId = options.newClientId ?? newClientId;
    this.snapshot = {
      roomId: options.roomId,
      phase: "idle",
      error: null,
      log: emptyLog,
      hasMoreOlder: false,
      loadingOlder: false,
      hasMoreNewer: false,
      loadingNewer: false,
      olderError: null,
      online: [],
      typing: { userIds: [], receivedAt: 0 },
    };
  }

  get roomId(): string {
    return this.options.roomId;
  }

  // ---- external store (useSyncExternalStore) ----------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RoomSnapshot => this.snapshot;

  private update(patch: Partial<RoomSnapshot>): void {
    let changed = false;
    for (const key of Object.keys(patch) as (keyof RoomSnapshot)[]) {
      if (patch[key] !== this.snapshot[key]) changed = true;
    }
    if (!changed) return;
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  private setLog(log: MessageLog): void {
    this.update({ log });
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  /** The room was opened: subscribe now if connected (otherwise on connect). */
  start(): void {
    if (this.active) return;
    this.active = true;
    // Coming back to a room left while looking at old history: show the latest again.
    if (this.snapshot.hasMoreNewer) void this.jumpToLatest();
    if (!this.loaded) this.update({ phase: "loading", error: null });
    if (this.options.transport.connected) void this.join();
  }

  /** The room was closed: unsubscribe from live events, keep the cache (and the outbox). */
  stop(): void {
    if (!this.active) return;
    this.active = false;
    this.joinEpoch++;
    this.clearRetry();
    if (this.options.transport.connected) this.options.transport.leave(this.roomId);
    this.update({ online: [], typing: { userIds: [], receivedAt: 0 } });
  }

  /** The socket connected or reconnected. */
  onConnect(): void {
    if (this.active) void this.join();
    this.clearOutboxTimer();
    void this.flushOutbox();
  }

  /** The socket dropped: in-flight sends go back to the outbox, presence is unknown. */
  onDisconnect(): void {
    this.joinEpoch++;
    this.clearRetry();
    let log = this.snapshot.log;
    for (const p of log.pending) {
      if (p.status !== "sending") continue;
      this.attempts.set(p.clientId, (this.attempts.get(p.clientId) ?? 0) + 1);
      log = updatePending(log, p.clientId, { status: "queued", error: null });
    }
    this.update({ log, online: [], typing: { userIds: [], receivedAt: 0 } });
  }

  /** Try the initial load again after an error. */
  retryLoad(): void {
    if (!this.active) return;
    this.update({ phase: "loading", error: null });
    if (this.options.transport.connected) void this.join();
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private scheduleRetry(action: () => void): void {
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      action();
    }, this.retryDelayMs);
  }

  private async join(): Promise<void> {
    const epoch = ++this.joinEpoch;
    const ack = await this.options.transport.join(this.roomId);
    if (epoch !== this.joinEpoch || !this.active) return;
    if (!ack.ok) {
      const fatal = ack.error.code === "FORBIDDEN" || ack.error.code === "NOT_FOUND" || ack.error.code === "VALIDATION_FAILED";
      if (!this.loaded) this.update({ phase: "error", error: ack.error });
      if (!fatal && ack.error.code !== "DISCONNECTED") {
        this.scheduleRetry(() => {
          if (epoch === this.joinEpoch && this.active && this.options.transport.connected) void this.join();
        });
      }
      return;
    }
    this.update({
      online: ack.data.online,
      typing: { userIds: ack.data.typing, receivedAt: this.now() },
    });
    this.knownLastSeq = Math.max(this.knownLastSeq, ack.data.lastSeq);
    // Looking at older history: newer pages (or jumpToLatest) catch up when the reader gets there.
    if (this.jumping || this.snapshot.hasMoreNewer) return;
    const behind = ack.data.lastSeq - highestSeq(this.snapshot.log);
    if (!this.loaded || behind > this.maxCatchUp) {
      await this.loadNewest(this.loaded);
    } else {
      this.requestCatchUp(highestSeq(this.snapshot.log));
    }
  }

  /** Load the newest page (one request per view at a time; callers share it). */
  private loadNewest(reset: boolean): Promise<void> {
    // Replacing the log: answers to requests made for the old one must not merge into the new one.
    if (reset) this.viewEpoch++;
    if (this.newest && this.newest.epoch === this.viewEpoch) return this.newest.promise;
    const epoch = this.viewEpoch;
    const promise = this.fetchNewest(reset, epoch).finally(() => {
      if (this.newest?.promise === promise) this.newest = null;
    });
    this.newest = { epoch, promise };
    return promise;
  }

  private async fetchNewest(reset: boolean, epoch: number): Promise<void> {
    try {
      const page = await this.options.api.history(this.roomId, { limit: this.pageSize });
      if (epoch !== this.viewEpoch) return;
      const replace = reset || this.snapshot.hasMoreNewer;
      this.loaded = true;
      this.update({
        log: mergeMessages(replace ? resetMessages(this.snapshot.log) : this.snapshot.log, page.messages),
        hasMoreOlder: page.hasMore,
        ...(replace ? { loadingOlder: false } : {}),
        hasMoreNewer: false,
        loadingNewer: false,
        olderError: null,
        phase: "ready",
        error: null,
      });
      this.catchUpToKnownEnd();
    } catch (e) {
      if (epoch === this.viewEpoch && !this.loaded) this.update({ phase: "error", error: errorOf(e) });
    }
  }

  // ---- jumping through history ---------------------------------------------------------------

  /**
   * Show the message with this seq in context: the page around it replaces the log (unless it is
   * held already). Resolves true when the message is in the log.
   */
  async jumpTo(seq: number): Promise<boolean> {
    const held = (s: number) => this.snapshot.log.messages.some((m) => m.seq === s);
    if (this.loaded && !this.jumping && this.newest === null && held(seq)) return true;
    const epoch = ++this.viewEpoch;
    this.jumping = true;
    this.catchUpFrom = null;
    if (!this.loaded) this.update({ phase: "loading", error: null });
    try {
      const page = await this.options.api.history(this.roomId, { around: seq, limit: this.pageSize });
      if (epoch !== this.viewEpoch) return false;
      this.loaded = true;
      const hasMoreNewer = page.hasMoreAfter === true;
      this.update({
        log: mergeMessages(resetMessages(this.snapshot.log), page.messages),
        hasMoreOlder: page.hasMore,
        loadingOlder: false,
        olderError: null,
        hasMoreNewer,
        loadingNewer: false,
        phase: "ready",
        error: null,
      });
      if (!hasMoreNewer) this.catchUpToKnownEnd();
      return held(seq);
    } catch (e) {
      if (epoch === this.viewEpoch && !this.loaded) this.update({ phase: "error", error: errorOf(e) });
      return false;
    } finally {
      if (epoch === this.viewEpoch) this.jumping = false;
    }
  }

  /** Back to the live end: the newest page replaces a detached log. */
  async jumpToLatest(): Promise<void> {
    if (!this.snapshot.hasMoreNewer && !this.jumping) return;
    this.jumping = false;
    this.catchUpFrom = null;
    await this.loadNewest(true);
  }

  /** Load the page after the newest message held (scrolling down a detached log). */
  async loadNewer(): Promise<void> {
    const s = this.snapshot;
    if (!this.loaded || s.loadingNewer || !s.hasMoreNewer) return;
    const epoch = this.viewEpoch;
    this.update({ loadingNewer: true });
    try {
      const page = await this.options.api.history(this.roomId, { after: highestSeq(s.log), limit: this.pageSize });
      if (epoch !== this.viewEpoch) return;
      this.update({ log: mergeMessages(this.snapshot.log, page.messages), hasMoreNewer: page.hasMore, loadingNewer: false });
      if (!page.hasMore) this.catchUpToKnownEnd();
    } catch {
      if (epoch === this.viewEpoch) this.update({ loadingNewer: false });
    }
  }

  /** Attached again: fetch what arrived live while the log was elsewhere. */
  private catchUpToKnownEnd(): void {
    const highest = highestSeq(this.snapshot.log);
    if (this.knownLastSeq > highest) this.requestCatchUp(highest);
  }

  // ---- live events -----------------------------------------------------------------------------

  /** Accept a stored message from `message:new` or a send ack; fill any gap before it. */
  receive(message: MessageDTO): void {
    if (message.roomId !== this.roomId) return;
    this.knownLastSeq = Math.max(this.knownLastSeq, message.seq);
    if (this.snapshot.hasMoreNewer) {
      // Detached: merge only what falls inside the log; our own send leaves the pending list.
      if (message.seq <= highestSeq(this.snapshot.log)) this.setLog(mergeMessages(this.snapshot.log, [message]));
      else if (message.author.id === this.options.self.id) this.setLog(removePending(this.snapshot.log, message.clientId));
      return;
    }
    const before = highestSeq(this.snapshot.log);
    const gap = this.loaded && leavesGap(this.snapshot.log, message.seq);
    this.setLog(mergeMessages(this.snapshot.log, [message]));
    if (gap) this.requestCatchUp(before);
  }

  /** A `message:updated` copy (edit, delete, reactions, ...). */
  receiveUpdate(message: MessageDTO): void {
    if (message.roomId !== this.roomId) return;
    this.setLog(applyUpdate(this.snapshot.log, message));
  }

  onPresence(online: readonly string[]): void {
    this.update({ online });
  }

  onTyping(userIds: readonly string[]): void {
    this.update({ typing: { userIds, receivedAt: this.now() } });
  }

  /** Fetch everything after `after`, merging as pages arrive. Concurrent requests coalesce. */
  private requestCatchUp(after: number): void {
    if (this.snapshot.hasMoreNewer) return;
    this.catchUpFrom = this.catchUpFrom === null ? after : Math.min(this.catchUpFrom, after);
    if (!this.catchingUp) void this.runCatchUp();
  }

  private async runCatchUp(): Promise<void> {
    this.catchingUp = true;
    try {
      while (this.catchUpFrom !== null) {
        let cursor = this.catchUpFrom;
        this.catchUpFrom = null;
        const epoch = this.viewEpoch;
        for (;;) {
          let page;
          try {
            page = await this.options.api.history(this.roomId, { after: cursor, limit: CATCH_UP_PAGE });
          } catch {
            const from = cursor;
            if (epoch === this.viewEpoch) this.scheduleRetry(() => this.requestCatchUp(from));
            return;
          }
          if (epoch !== this.viewEpoch) break; // the log was replaced meanwhile
          this.setLog(mergeMessages(this.snapshot.log, page.messages));
          const last = page.messages.at(-1);
          if (!page.hasMore || !last || last.seq <= cursor) break;
          cursor = last.seq;
        }
      }
    } finally {
      this.catchingUp = false;
    }
  }

  /** Load the page before the oldest message held (infinite scroll upward). */
  async loadOlder(): Promise<void> {
    const s = this.snapshot;
    if (!this.loaded || s.loadingOlder || !s.hasMoreOlder) return;
    const before = lowestSeq(s.log);
    if (before === null || before <= 1) {
      this.update({ hasMoreOlder: false });
      return;
    }
    this.update({ loadingOlder: true, olderError: null });
    const epoch = this.viewEpoch;
    try {
      const page = await this.options.api.history(this.roomId, { before, limit: this.pageSize });
      if (epoch !== this.viewEpoch) return;
      this.update({ log: mergeMessages(this.snapshot.log, page.messages), hasMoreOlder: page.hasMore, loadingOlder: false });
    } catch (e) {
      if (epoch === this.viewEpoch) this.update({ loadingOlder: false, olderError: errorOf(e).message });
    }
  }

  // ---- sending -----------------------------------------------------------------------------------

  /** Show the message at once and send it (or queue it while offline). Returns its clientId. */
  send(body: string, attachments: readonly AttachmentDTO[] = []): string | null {
    const text = body.trim();
    if ((text === "" && attachments.length === 0) || text.length > MESSAGE_MAX_LENGTH) return null;
    const clientId = this.makeClientId();
    // Writing while reading old history: go back to the live end, where the message will show.
    if (this.snapshot.hasMoreNewer) void this.jumpToLatest();
    const hasQueue = this.snapshot.log.pending.some((p) => p.status === "queued");
    const direct = this.options.transport.connected && !hasQueue;
    this.setLog(
      addPending(this.snapshot.log, {
        clientId,
        roomId: this.roomId,
        body: text,
        author: this.options.self,
        createdAt: new Date(this.now()).toISOString(),
        status: direct ? "sending" : "queued",
        error: null,
        ...(attachments.length > 0 ? { attachments } : {}),
      }),
    );
    if (direct) void this.dispatch(clientId);
    else if (this.outboxTimer === null) void this.flushOutbox();
    return clientId;
  }

  /** Re-send a failed message with the same clientId. */
  retry(clientId: string): void {
    const p = findPending(this.snapshot.log, clientId);
    if (!p || p.status !== "failed") return;
    this.setLog(updatePending(this.snapshot.log, clientId, { status: "queued", error: null }));
    void this.flushOutbox();
  }

  /** Give up on a failed message. */
  discard(clientId: string): void {
    const p = findPending(this.snapshot.log, clientId);
    if (!p || p.status !== "failed") return;
    this.attempts.delete(clientId);
    this.refusals.delete(clientId);
    this.setLog(removePending(this.snapshot.log, clientId));
  }

  private clearOutboxTimer(): void {
    if (this.outboxTimer !== null) clearTimeout(this.outboxTimer);
    this.outboxTimer = null;
  }

  /** Try the outbox again after a retryable refusal: 1×, 2×, 4×… outboxRetryMs, at most 10 s. */
  private scheduleOutboxRetry(clientId: string, retryAfterMs: number | undefined): void {
    const n = this.refusals.get(clientId) ?? 1;
    const base = this.options.outboxRetryMs ?? 1000;
    const delay = Math.max(retryAfterMs ?? 0, Math.min(base * 2 ** (n - 1), 10_000));
    this.clearOutboxTimer();
    this.outboxTimer = setTimeout(() => {
      this.outboxTimer = null;
      void this.flushOutbox();
    }, delay);
  }

  /** Send queued messages one at a time, in the order they were written. */
  private async flushOutbox(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = true;
    try {
      do {
        this.flushAgain = false;
        const tried = new Set<string>();
        for (;;) {
          if (!this.options.transport.connected) return;
          const next = this.snapshot.log.pending.find((p) => p.status === "queued" && !tried.has(p.clientId));
          if (!next) break;
          tried.add(next.clientId);
          // A retryable refusal: stop here so later messages do not overtake it.
          if ((await this.dispatch(next.clientId)) === "retry") return;
        }
      } while (this.flushAgain);
    } finally {
      this.flushing = false;
    }
  }

  private async dispatch(clientId: string): Promise<"done" | "retry"> {
    const p = findPending(this.snapshot.log, clientId);
    if (!p) return "done";
    const attempt = (this.attempts.get(clientId) ?? 0) + 1;
    this.attempts.set(clientId, attempt);
    this.setLog(updatePending(this.snapshot.log, clientId, { status: "sending", error: null }));
    const attachmentIds = p.attachments?.map((a) => a.id);
    const ack = await this.options.transport.send({ roomId: this.roomId, clientId, body: p.body, ...(attachmentIds?.length ? { attachmentIds } : {}) });
    if (ack.ok) {
      // Stored, whatever happened meanwhile: merging drops the pending copy.
      this.attempts.delete(clientId);
      this.refusals.delete(clientId);
      this.receive(ack.data.message);
      return "done";
    }
    if (this.attempts.get(clientId) !== attempt || !findPending(this.snapshot.log, clientId)) return "done";
    const offline = ack.error.code === "DISCONNECTED" || !this.options.transport.connected;
    if (offline) {
      this.setLog(updatePending(this.snapshot.log, clientId, { status: "queued", error: null }));
      return "done";
    }
    const refusals = (this.refusals.get(clientId) ?? 0) + 1;
    if (isRetryableCode(ack.error.code) && refusals <= MAX_AUTO_RETRIES) {
      this.refusals.set(clientId, refusals);
      this.setLog(updatePending(this.snapshot.log, clientId, { status: "queued", error: ack.error.message }));
      this.scheduleOutboxRetry(clientId, retryAfterOf(ack.error.details));
      return "retry";
    }
    this.refusals.delete(clientId);
    this.setLog(updatePending(this.snapshot.log, clientId, { status: "failed", error: ack.error.message }));
    return "done";
  }
}

function retryAfterOf(details: object | undefined): number | undefined {
  const ms = (details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  return typeof ms === "number" && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

function errorOf(e: unknown): { code: string; message: string } {
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    if (typeof code === "string" && typeof message === "string") return { code, message };
  }
  return { code: "INTERNAL", message: e instanceof Error ? e.message : "Something went wrong" };
}
