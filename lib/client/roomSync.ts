/**
 * Keeps one room's messages in step with the server, independent of React and of Socket.IO
 * (both are injected, so tests drive it with fakes). A thin coordinator over units with one
 * reason to change each, in sync/:
 *
 * - join.ts: subscribe, then fetch: `room:join` on open and on every (re)connect, join epochs.
 * - history-window.ts: the part of the history held (newest page, older pages, a jump's page).
 * - catch-up.ts: live messages merged in; gaps detected and filled by `?after=`.
 * - presence.ts: who is online and typing.
 * - outbox.ts: optimistic sends with client-chosen ids, the offline queue, retries and refusals.
 *
 * All of them work on one snapshot (store.ts), read by React through `useSyncExternalStore`.
 */
import type { AttachmentDTO, HistoryPage, MessageDTO, UserSummary } from "@/lib/shared/types";
import type { HistoryApi } from "./api";
import { newClientId } from "./clientId";
import { applyUpdate, emptyLog } from "./messageStore";
import { CatchUp } from "./sync/catch-up";
import { HistoryWindow } from "./sync/history-window";
import { RoomJoin } from "./sync/join";
import { Outbox } from "./sync/outbox";
import type { JournalEntry, OutboxJournal } from "./sync/outbox-journal";
import { noTyping, RoomPresence } from "./sync/presence";
import { OneShotTimer, SnapshotStore } from "./sync/store";
import type { RoomContext, RoomSnapshot, RoomTransport } from "./sync/types";

export { MAX_AUTO_RETRIES } from "./sync/outbox";
export type { ClientAck, RefusedSend, RoomPhase, RoomSnapshot, RoomTransport } from "./sync/types";

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
  /** How long a hole in the live stream waits for late events before it is fetched (catch-up.ts). */
  reorderWindowMs?: number;
  now?: () => number;
  newClientId?: () => string;
  /** The outbox's durable copy (outbox-journal.ts); default none. */
  journal?: OutboxJournal;
}

/** A room's state before anything is loaded. */
export function initialRoomSnapshot(roomId: string): RoomSnapshot {
  return {
    roomId,
    phase: "idle",
    error: null,
    log: emptyLog,
    hasMoreOlder: false,
    loadingOlder: false,
    hasMoreNewer: false,
    loadingNewer: false,
    olderError: null,
    online: [],
    typing: noTyping,
    refused: null,
  };
}

export class RoomSync {
  private readonly store: SnapshotStore<RoomSnapshot>;
  private readonly presence: RoomPresence;
  private readonly catchUp: CatchUp;
  private readonly history: HistoryWindow;
  private readonly joining: RoomJoin;
  private readonly outbox: Outbox;

  constructor(private readonly options: RoomSyncOptions) {
    const now = options.now ?? Date.now;
    const retryDelayMs = options.retryDelayMs ?? 2000;
    this.store = new SnapshotStore<RoomSnapshot>(initialRoomSnapshot(options.roomId));
    const room: RoomContext = { roomId: options.roomId, store: this.store, transport: options.transport, api: options.api, now };
    // A failed join and a failed catch-up share one retry: whichever came last is tried again.
    const retry = new OneShotTimer();
    // Catch-up reads the window's view, the window asks catch-up to reach the live end: the
    // getters break the circle (they are read only after construction).
    const view = {
      get loaded() {
        return historyWindow.loaded;
      },
      get viewEpoch() {
        return historyWindow.viewEpoch;
      },
    };
    this.presence = new RoomPresence(this.store, now);
    this.catchUp = new CatchUp(room, { selfId: options.self.id, view, retry, retryDelayMs, ...(options.reorderWindowMs !== undefined ? { reorderWindowMs: options.reorderWindowMs } : {}) });
    const historyWindow = new HistoryWindow(room, options.pageSize ?? 50, this.catchUp);
    this.history = historyWindow;
    this.joining = new RoomJoin(room, {
      window: historyWindow,
      catchUp: this.catchUp,
      presence: this.presence,
      retry,
      retryDelayMs,
      maxCatchUp: options.maxCatchUp ?? 500,
    });
    this.outbox = new Outbox(room, {
      self: options.self,
      newClientId: options.newClientId ?? newClientId,
      retryMs: options.outboxRetryMs ?? 1000,
      onStored: (message) => this.catchUp.receive(message),
      toLiveEnd: () => void historyWindow.jumpToLatest(),
      ...(options.journal ? { journal: options.journal } : {}),
    });
  }

  get roomId(): string {
    return this.options.roomId;
  }

  // ---- external store (useSyncExternalStore) ----------------------------------------------

  subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  getSnapshot = (): RoomSnapshot => this.store.get();

  // ---- lifecycle ------------------------------------------------------------------------------

  /** The room was opened: subscribe now if connected (otherwise on connect). */
  start(): void {
    this.joining.start();
  }

  /** The room was closed: unsubscribe from live events, keep the cache (and the outbox). */
  stop(): void {
    this.joining.stop();
  }

  /** The socket connected or reconnected. */
  onConnect(): void {
    this.joining.onConnect();
    this.outbox.onConnect();
  }

  /** The server can write again (`server:writable`): retry what it refused now. */
  onWritable(): void {
    this.outbox.onWritable();
  }

  /** The socket dropped: in-flight sends go back to the outbox, presence is unknown. */
  onDisconnect(): void {
    this.joining.onDisconnect();
    this.outbox.onDisconnect();
    this.presence.clear();
  }

  /** Try the initial load again after an error. */
  retryLoad(): void {
    this.joining.retryLoad();
  }

  // ---- the history window ------------------------------------------------------------------

  /** Show the message with this seq in context; resolves true when it is in the log. */
  jumpTo(seq: number): Promise<boolean> {
    return this.history.jumpTo(seq);
  }

  /** The newest page as the server rendered it with the room: held as loaded, caught up from on join. */
  seed(page: HistoryPage): void {
    this.history.seed(page);
  }

  /** Back to the live end: the newest page replaces a detached log. */
  jumpToLatest(): Promise<void> {
    return this.history.jumpToLatest();
  }

  /** Load the page after the newest message held (scrolling down a detached log). */
  loadNewer(): Promise<void> {
    return this.history.loadNewer();
  }

  /** Load the page before the oldest message held (infinite scroll upward). */
  loadOlder(): Promise<void> {
    return this.history.loadOlder();
  }

  // ---- live events -----------------------------------------------------------------------------

  /** Accept a stored message from `message:new` or a send ack; fill any gap before it. */
  receive(message: MessageDTO): void {
    this.catchUp.receive(message);
  }

  /** A `message:updated` copy (edit, delete, reactions, ...). */
  receiveUpdate(message: MessageDTO): void {
    if (message.roomId !== this.roomId) return;
    this.store.update({ log: applyUpdate(this.store.get().log, message) });
  }

  onPresence(online: readonly string[]): void {
    this.presence.onPresence(online);
  }

  onTyping(userIds: readonly string[]): void {
    this.presence.onTyping(userIds);
  }

  // ---- sending -----------------------------------------------------------------------------------

  /** Show the message at once and send it (or queue it while offline). Returns its clientId. */
  send(body: string, attachments: readonly AttachmentDTO[] = []): string | null {
    return this.outbox.send(body, attachments);
  }

  /** Re-send a failed message with the same clientId. */
  retry(clientId: string): void {
    this.outbox.retry(clientId);
  }

  /** Give up on a failed message. */
  discard(clientId: string): void {
    this.outbox.discard(clientId);
  }

  /** Queue again, with their original clientIds, messages written here before a reload. */
  restore(entries: readonly JournalEntry[]): void {
    this.outbox.restore(entries);
  }

  /** The refused send's text is back in the composer. */
  markRefusedReturned(clientId: string): void {
    const r = this.store.get().refused;
    if (r?.clientId === clientId && !r.returned) this.store.update({ refused: { ...r, returned: true } });
  }

  /** The reader dismissed the refusal notice (or sent again). */
  dismissRefused(): void {
    if (this.store.get().refused) this.store.update({ refused: null });
  }

  /** Written here and not yet stored by the server. */
  get hasUnsent(): boolean {
    return this.outbox.hasUnsent;
  }
}
