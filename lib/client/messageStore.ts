/**
 * One room's message log: stored messages keyed by seq, plus our own not-yet-stored sends.
 * Pure functions over immutable values, so React can compare snapshots by identity.
 * REST pages, live `message:new` events and send acks all go through `mergeMessages`, which
 * is the single place where duplicates (same seq, same id, or an own pending clientId) vanish.
 */
import type { AttachmentDTO, MessageDTO, UserSummary } from "@/lib/shared/types";

export type PendingStatus = "queued" | "sending" | "failed";

/** A message we wrote that the server has not confirmed yet. */
export interface PendingMessage {
  clientId: string;
  roomId: string;
  body: string;
  author: UserSummary;
  /** When it was written, ISO. */
  createdAt: string;
  /** queued: waiting for a connection; sending: emitted, awaiting the ack; failed: the ack said no. */
  status: PendingStatus;
  error: string | null;
  /** Uploaded files sent with it (shown while pending too). */
  attachments?: readonly AttachmentDTO[];
}

export interface MessageLog {
  /** Stored messages, ascending by seq, one per seq and per id. */
  readonly messages: readonly MessageDTO[];
  /** Own messages not stored yet, in the order they were written. */
  readonly pending: readonly PendingMessage[];
}

export const emptyLog: MessageLog = { messages: [], pending: [] };

/** Highest stored seq we hold, 0 when none. */
export function highestSeq(log: MessageLog): number {
  return log.messages.at(-1)?.seq ?? 0;
}

/** Lowest stored seq we hold, null when none. */
export function lowestSeq(log: MessageLog): number | null {
  return log.messages[0]?.seq ?? null;
}

/**
 * True when a message with `seq` would leave a hole after what we hold, i.e. some messages
 * between were missed and must be fetched with `?after=highestSeq`.
 */
export function leavesGap(log: MessageLog, seq: number): boolean {
  return seq > highestSeq(log) + 1;
}

/** The newer of two copies of the same message: the higher rev (every change bumps it). */
function preferred(current: MessageDTO, incoming: MessageDTO): MessageDTO {
  return incoming.rev > current.rev ? incoming : current;
}

/**
 * Apply a `message:updated` copy: replaces the held copy when its rev is higher. A message we
 * do not hold is ignored (adding it would leave a hole in the contiguous range we hold).
 */
export function applyUpdate(log: MessageLog, message: MessageDTO): MessageLog {
  const i = log.messages.findIndex((m) => m.id === message.id);
  const current = log.messages[i];
  if (!current || preferred(current, message) === current) return log;
  const messages = log.messages.slice();
  messages[i] = message;
  return { messages, pending: log.pending };
}

/**
 * Merge stored messages from any source. Returns `log` itself when nothing changed.
 * Pending sends whose clientId (from the same author) is now stored are dropped.
 */
export function mergeMessages(log: MessageLog, incoming: readonly MessageDTO[]): MessageLog {
  if (incoming.length === 0) return log;
  const bySeq = new Map<number, MessageDTO>();
  const ids = new Set<string>();
  for (const m of log.messages) {
    bySeq.set(m.seq, m);
    ids.add(m.id);
  }
  let changed = false;
  for (const m of incoming) {
    const current = bySeq.get(m.seq);
    if (current) {
      const next = preferred(current, m);
      if (next !== current) {
        bySeq.set(m.seq, next);
        changed = true;
      }
      continue;
    }
    if (ids.has(m.id)) continue;
    bySeq.set(m.seq, m);
    ids.add(m.id);
    changed = true;
  }

  const stored = new Set(incoming.map((m) => `${m.author.id}\u0000${m.clientId}`));
  const pending = log.pending.filter((p) => !stored.has(`${p.author.id}\u0000${p.clientId}`));
  const pendingChanged = pending.length !== log.pending.length;
  if (!changed && !pendingChanged) return log;

  const messages = changed ? [...bySeq.values()].sort((a, b) => a.seq - b.seq) : log.messages;
  return { messages, pending: pendingChanged ? pending : log.pending };
}

/** Drop everything stored (keeping pending sends), e.g. when the cache is too far behind. */
export function resetMessages(log: MessageLog): MessageLog {
  return { messages: [], pending: log.pending };
}

export function addPending(log: MessageLog, message: PendingMessage): MessageLog {
  if (log.pending.some((p) => p.clientId === message.clientId)) return log;
  return { messages: log.messages, pending: [...log.pending, message] };
}

export function findPending(log: MessageLog, clientId: string): PendingMessage | undefined {
  return log.pending.find((p) => p.clientId === clientId);
}

export function updatePending(log: MessageLog, clientId: string, patch: Partial<Pick<PendingMessage, "status" | "error">>): MessageLog {
  let changed = false;
  const pending = log.pending.map((p) => {
    if (p.clientId !== clientId) return p;
    const next = { ...p, ...patch };
    if (next.status === p.status && next.error === p.error) return p;
    changed = true;
    return next;
  });
  return changed ? { messages: log.messages, pending } : log;
}

export function removePending(log: MessageLog, clientId: string): MessageLog {
  const pending = log.pending.filter((p) => p.clientId !== clientId);
  return pending.length === log.pending.length ? log : { messages: log.messages, pending };
}
