/**
 * Our own sends. A message shows at once (pending, with a client-chosen id) and is sent, or
 * queued while offline; queued messages go one at a time in the order written. A send dropped
 * by a disconnect goes back to the queue and is re-sent with the same clientId (the server
 * dedupes). A retryable refusal (`isRetryableCode`: UNAVAILABLE, RATE_LIMITED, INTERNAL, or the
 * client's TIMEOUT) keeps the message queued and the outbox tries again with backoff, later
 * messages waiting behind it; after MAX_AUTO_RETRIES it is marked failed and the user may Retry
 * (same clientId) or discard it. A refusal no retry can change (CONTENT_BLOCKED, MUTED, FORBIDDEN,
 * ...) offers no Retry: the message is taken off the list and its text handed back (`refused` in
 * the snapshot) for the composer, with the reason.
 *
 * Every message is also written to a journal (outbox-journal.ts: IndexedDB in the browser) until
 * the server stores or finally refuses it; after a reload, `restore` queues the journal's
 * entries again with their original clientId.
 */
import { ClientErrorCode, ErrorCode, isRetryableCode } from "@/lib/shared/errors";
import { MESSAGE_MAX_LENGTH } from "@/lib/shared/schemas";
import type { AttachmentDTO, MessageDTO, UserSummary } from "@/lib/shared/types";
import { addPending, findPending, removePending, updatePending, type MessageLog } from "../messageStore";
import { noJournal, type JournalEntry, type OutboxJournal } from "./outbox-journal";
import { OneShotTimer } from "./store";
import type { RoomContext } from "./types";

/** Automatic retries of one message before it is shown as failed (about a minute of backoff). */
export const MAX_AUTO_RETRIES = 10;
/** The longest backoff between automatic retries. */
const MAX_RETRY_DELAY_MS = 10_000;

export interface OutboxOptions {
  self: UserSummary;
  newClientId: () => string;
  /** First delay before retrying a retryable refusal (doubles up to 10 s). */
  retryMs: number;
  /** A send was stored: merge the stored message (it replaces the pending copy). */
  onStored: (message: MessageDTO) => void;
  /** Writing while the log is detached: go back to the live end, where the message will show. */
  toLiveEnd: () => void;
  /** The durable copy of unsent messages (default: none). */
  journal?: OutboxJournal;
}

export class Outbox {
  /** Per clientId, the latest send attempt: results of superseded attempts are ignored. */
  private readonly attempts = new Map<string, number>();
  /** Retryable refusals per clientId. */
  private readonly refusals = new Map<string, number>();
  /** The pending automatic retry (new sends queue behind it). */
  private readonly timer = new OneShotTimer();
  private flushing = false;
  private flushAgain = false;
  /** The pending retry waits for the database (the last refusal was UNAVAILABLE or OUTCOME_UNKNOWN). */
  private waitingForDatabase = false;

  constructor(
    private readonly room: RoomContext,
    private readonly options: OutboxOptions,
  ) {}

  private get log(): MessageLog {
    return this.room.store.get().log;
  }

  private setLog(log: MessageLog): void {
    this.room.store.update({ log });
  }

  private get journal(): OutboxJournal {
    return this.options.journal ?? noJournal;
  }

  /** Keep a durable copy until the server answers for good. */
  private remember(m: Omit<JournalEntry, "userId">): void {
    this.journal.add({ clientId: m.clientId, userId: this.options.self.id, roomId: m.roomId, body: m.body, attachments: [...m.attachments], createdAt: m.createdAt });
  }

  /** Messages written here on their way to the server (queued or in flight; not failed ones). */
  get hasUnsent(): boolean {
    return this.log.pending.some((p) => p.status !== "failed");
  }

  /**
   * Messages from the journal, written before a reload: shown as queued again and sent with their
   * original clientId (a message already stored comes back as a duplicate, once).
   */
  restore(entries: readonly JournalEntry[]): void {
    let log = this.log;
    for (const e of entries) {
      if (e.roomId !== this.room.roomId || findPending(log, e.clientId)) continue;
      log = addPending(log, {
        clientId: e.clientId,
        roomId: e.roomId,
        body: e.body,
        author: this.options.self,
        createdAt: e.createdAt,
        status: "queued",
        error: null,
        ...(e.attachments.length > 0 ? { attachments: e.attachments } : {}),
      });
    }
    if (log === this.log) return;
    this.setLog(log);
    if (!this.timer.pending) void this.flush();
  }

  /** Show the message at once and send it (or queue it while offline). Returns its clientId. */
  send(body: string, attachments: readonly AttachmentDTO[] = []): string | null {
    const text = body.trim();
    if ((text === "" && attachments.length === 0) || text.length > MESSAGE_MAX_LENGTH) return null;
    const clientId = this.options.newClientId();
    if (this.room.store.get().hasMoreNewer) this.options.toLiveEnd();
    const hasQueue = this.log.pending.some((p) => p.status === "queued");
    const direct = this.room.transport.connected && !hasQueue;
    const createdAt = new Date(this.room.now()).toISOString();
    this.remember({ clientId, roomId: this.room.roomId, body: text, attachments, createdAt });
    this.setLog(
      addPending(this.log, {
        clientId,
        roomId: this.room.roomId,
        body: text,
        author: this.options.self,
        createdAt,
        status: direct ? "sending" : "queued",
        error: null,
        ...(attachments.length > 0 ? { attachments } : {}),
      }),
    );
    if (direct) void this.dispatch(clientId);
    else if (!this.timer.pending) void this.flush();
    return clientId;
  }

  /** Re-send a failed message with the same clientId. */
  retry(clientId: string): void {
    const p = findPending(this.log, clientId);
    if (!p || p.status !== "failed") return;
    this.remember({ ...p, attachments: p.attachments ?? [] });
    this.setLog(updatePending(this.log, clientId, { status: "queued", error: null }));
    void this.flush();
  }

  /** Give up on a failed message. */
  discard(clientId: string): void {
    const p = findPending(this.log, clientId);
    if (!p || p.status !== "failed") return;
    this.attempts.delete(clientId);
    this.refusals.delete(clientId);
    this.setLog(removePending(this.log, clientId));
  }

  /** Connected: send the queue now (not waiting for a pending backoff). */
  onConnect(): void {
    this.timer.clear();
    void this.flush();
  }

  /**
   * The server can write again (`server:writable`): a retry waiting out its backoff after the
   * database was unreachable goes now. A wait the server asked for (RATE_LIMITED, SLOW_MODE) stays.
   */
  onWritable(): void {
    if (!this.timer.pending || !this.waitingForDatabase) return;
    this.timer.clear();
    void this.flush();
  }

  /** The socket dropped: in-flight sends go back to the queue; their late acks are ignored. */
  onDisconnect(): void {
    let log = this.log;
    for (const p of log.pending) {
      if (p.status !== "sending") continue;
      this.attempts.set(p.clientId, (this.attempts.get(p.clientId) ?? 0) + 1);
      log = updatePending(log, p.clientId, { status: "queued", error: null });
    }
    this.setLog(log);
  }

  /** Try the queue again after a retryable refusal: 1×, 2×, 4×… retryMs, at most 10 s (or the server's retryAfterMs). */
  private scheduleRetry(clientId: string, retryAfterMs: number | undefined): void {
    const n = this.refusals.get(clientId) ?? 1;
    const delay = Math.max(retryAfterMs ?? 0, Math.min(this.options.retryMs * 2 ** (n - 1), MAX_RETRY_DELAY_MS));
    this.timer.schedule(delay, () => void this.flush());
  }

  /** Send queued messages one at a time, in the order they were written. */
  private async flush(): Promise<void> {
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
          if (!this.room.transport.connected) return;
          const next = this.log.pending.find((p) => p.status === "queued" && !tried.has(p.clientId));
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
    const p = findPending(this.log, clientId);
    if (!p) return "done";
    const attempt = (this.attempts.get(clientId) ?? 0) + 1;
    this.attempts.set(clientId, attempt);
    this.setLog(updatePending(this.log, clientId, { status: "sending", error: null }));
    const attachmentIds = p.attachments?.map((a) => a.id);
    const ack = await this.room.transport.send({ roomId: this.room.roomId, clientId, body: p.body, ...(attachmentIds?.length ? { attachmentIds } : {}) });
    if (ack.ok) {
      // Stored, whatever happened meanwhile: merging drops the pending copy.
      this.attempts.delete(clientId);
      this.refusals.delete(clientId);
      this.journal.remove(clientId);
      this.options.onStored(ack.data.message);
      return "done";
    }
    if (this.attempts.get(clientId) !== attempt || !findPending(this.log, clientId)) return "done";
    const offline = ack.error.code === ClientErrorCode.DISCONNECTED || !this.room.transport.connected;
    if (offline) {
      this.setLog(updatePending(this.log, clientId, { status: "queued", error: null }));
      return "done";
    }
    const refusals = (this.refusals.get(clientId) ?? 0) + 1;
    // OUTCOME_UNKNOWN: the message may be stored; keep resending (same clientId) until the server
    // says which, however long that takes; it is never shown as failed meanwhile.
    if (isRetryableCode(ack.error.code) && (refusals <= MAX_AUTO_RETRIES || ack.error.code === ErrorCode.OUTCOME_UNKNOWN)) {
      this.refusals.set(clientId, refusals);
      this.setLog(updatePending(this.log, clientId, { status: "queued", error: ack.error.message }));
      this.waitingForDatabase = ack.error.code === ErrorCode.UNAVAILABLE || ack.error.code === ErrorCode.OUTCOME_UNKNOWN;
      this.scheduleRetry(clientId, retryAfterOf(ack.error.details));
      return "retry";
    }
    this.refusals.delete(clientId);
    // A final answer leaves the journal: a reload never resends what the server refused.
    this.journal.remove(clientId);
    if (!isRetryableCode(ack.error.code)) {
      // It can never succeed as it is: no Retry. The text goes back to the composer with the reason.
      this.attempts.delete(clientId);
      this.setLog(removePending(this.log, clientId));
      this.room.store.update({ refused: { clientId, body: p.body, attachments: p.attachments ?? [], code: ack.error.code, message: ack.error.message, returned: false } });
      return "done";
    }
    // Retryable, but the automatic retries ran out: shown as failed, with Retry and Discard.
    this.setLog(updatePending(this.log, clientId, { status: "failed", error: ack.error.message }));
    return "done";
  }
}

/** The server's `details.retryAfterMs` (RATE_LIMITED, SLOW_MODE), when it is a sane number. */
function retryAfterOf(details: object | undefined): number | undefined {
  const ms = (details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  return typeof ms === "number" && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
