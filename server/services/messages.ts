/**
 * The message pipeline: validate -> authorize -> write (assigning the room's next seq) ->
 * emit. A message is acknowledged only after it is committed, and broadcast only after that.
 *
 * Writes go through the MessageWriter (group commit per room, see message-writer.ts), which
 * assigns consecutive, gap-free seqs and publishes each batch in seq order.
 * Idempotency: (authorId, clientId) is unique; a resend finds the stored message.
 */
import type { Runtime } from "../runtime";
import { AppError, isAppError } from "@/lib/shared/errors";
import type { MessageSent } from "@/lib/shared/events";
import { ZRoomHistoryQuery, ZSendMessage } from "@/lib/shared/schemas";
import type { AttachmentDTO, HistoryPage, MessageDTO } from "@/lib/shared/types";
import { checkLinkable } from "./attachments";
import { isUnavailable } from "./errors";
import { messageSelect, toMessageDTO } from "./dto";
import { announceNewMessage, resolveMentions, type MentionTargets } from "./mentions";
import type { Broadcast } from "../broadcast";
import type { PendingMessage, Publish, StoredRow, WriteResult } from "./message-writer";
import type { MessageStats } from "./stats";
import { requireMembership, requireReadable, type Actor } from "./room-access";
import { guardSend } from "./send-guard";
import { resolveThreadRoot } from "./threads";
import { parseInput } from "./validate";

/** Turn a committed row into the DTO everyone receives. */
function toDTO(msg: PendingMessage, row: StoredRow): MessageDTO {
  return {
    id: row.id,
    roomId: msg.roomId,
    seq: row.seq,
    clientId: msg.clientId,
    author: { id: msg.authorId, name: msg.authorName, avatarUrl: msg.authorAvatarUrl },
    body: msg.body,
    createdAt: row.createdAt.toISOString(),
    editedAt: null,
    deleted: false,
    deletedById: null,
    rev: 0,
    reactions: [],
    threadRootId: msg.threadRootId,
    alsoInRoom: msg.alsoInRoom,
    thread: null,
    pinned: null,
    mentions: msg.mentions,
    mentioned: msg.mentioned ?? [],
    mentionsRoom: msg.mentionsRoom,
    attachments: msg.attachments,
  };
}

/**
 * The writer's one publish wiring (createApplication hands it to the MessageWriter): each
 * committed batch is broadcast in seq order, before any sender is acked — one message as
 * `message:new`, several as one `messages:new` frame (a batch is always one room's) — and counted;
 * then the new copies of the thread roots it replied to are read and sent (`sendRoots`).
 */
export function publishCommitted(broadcast: Broadcast, stats: MessageStats, sendRoots: (rootIds: string[]) => void): Publish {
  return (committed) => {
    const first = committed[0];
    if (!first) return;
    if (committed.length === 1) broadcast.toRoom(first.msg.roomId, "message:new", toDTO(first.msg, first.row));
    else broadcast.toRoom(first.msg.roomId, "messages:new", { roomId: first.msg.roomId, messages: committed.map(({ msg, row }) => toDTO(msg, row)) });
    stats.count(committed);
    // Thread roots the batch replied to: their new copies, once per root (after the replies).
    const roots = [...new Set(committed.flatMap(({ msg }) => (msg.threadRootId ? [msg.threadRootId] : [])))];
    if (roots.length > 0) sendRoots(roots);
  };
}

async function storedDuplicate(rt: Runtime, actor: Actor, roomId: string, clientId: string): Promise<MessageSent | null> {
  const existing = await rt.db.message.findUnique({ where: { authorId_clientId: { authorId: actor.id, clientId } }, select: messageSelect });
  if (!existing) return null;
  if (existing.roomId !== roomId) throw new AppError("CONFLICT", "This clientId was already used for a message in another room.");
  return { message: toMessageDTO(existing), duplicate: true };
}

export async function sendMessage(rt: Runtime, actor: Actor, input: unknown): Promise<MessageSent> {
  try {
    return await sendOnce(rt, actor, input);
  } catch (e) {
    // Refused before the write (a read of the guard or the mentions failed): the outbox still
    // hears when writes work again.
    if (isUnavailable(e)) rt.writability.lost();
    throw e;
  }
}

async function sendOnce(rt: Runtime, actor: Actor, input: unknown): Promise<MessageSent> {
  const { roomId, clientId, body: typed, threadRootId: replyTo, alsoToRoom, attachmentIds = [] } = parseInput(ZSendMessage, input);
  let body: string;
  let threadRootId: string | null;
  let mentions: MentionTargets & { names?: Readonly<Record<string, string>> };
  try {
    body = await guardSend(rt, actor.id, roomId, typed); // ban, mute, lock, word filter, slow mode (cached, no DB read)
    threadRootId = replyTo ? await resolveThreadRoot(rt, actor, roomId, replyTo) : null;
    mentions = await resolveMentions(rt, actor, roomId, body); // refuses an @room the sender may not use
  } catch (e) {
    // A resend of a message stored before the restriction still gets its ack.
    const dup = isAppError(e) ? await storedDuplicate(rt, actor, roomId, clientId).catch(() => null) : null;
    if (dup) return dup;
    throw e;
  }
  let attachments: AttachmentDTO[] = [];
  if (attachmentIds.length > 0) {
    // A resend finds its files linked to the stored message: answer it before checking them.
    const dup = await storedDuplicate(rt, actor, roomId, clientId);
    if (dup) return dup;
    attachments = await checkLinkable(rt, actor, roomId, attachmentIds);
  }
  const pending: PendingMessage = {
    roomId,
    authorId: actor.id,
    authorName: actor.name,
    authorAvatarUrl: actor.avatarUrl,
    clientId,
    body,
    threadRootId,
    alsoInRoom: threadRootId !== null && alsoToRoom === true,
    mentions: mentions.userIds,
    mentioned: mentions.userIds.map((id) => ({ id, name: mentions.names?.[id] ?? "", label: mentions.names?.[id] ?? null })),
    mentionsRoom: mentions.room,
    attachments,
  };
  // Committed with its side effects (Mention rows, notices, the root's summary, whose new copy
  // the writer's publish wiring sends): tell the people mentioned.
  const stored = (row: StoredRow): MessageSent => {
    const message = toDTO(pending, row);
    announceNewMessage(rt, message, mentions, row.mentioned);
    return { message, duplicate: false };
  };
  // The statement says what became of the message: answer that, without finding out by trial.
  const answer = async (result: WriteResult, retried: boolean): Promise<MessageSent> => {
    switch (result.kind) {
      case "stored":
        return stored(result.row);
      case "duplicate": {
        // A resend: the stored message (CONFLICT when that clientId went to another room).
        const dup = await storedDuplicate(rt, actor, roomId, clientId);
        if (dup && result.resolved) {
          // The first write's outcome was unknown: it was stored (with its mentions and the root's
          // summary) and is published now; the people mentioned had not been told.
          announceNewMessage(rt, dup.message, mentions, dup.message.mentions);
        }
        if (dup) return dup;
        throw new AppError("CONFLICT", "This clientId was already used for a message that no longer exists.");
      }
      case "notMember":
        await requireMembership(rt, actor, roomId); // NOT_FOUND or FORBIDDEN
        // A member by now: a join raced the write. Once more.
        if (!retried) return answer(await rt.writer.write(pending), true);
        throw new AppError("FORBIDDEN", "Join this room first.");
      case "archived":
        throw new AppError("FORBIDDEN", "This room is archived: it is read-only.");
      case "fileTaken":
        // Say which file and why; if they are all free again, a concurrent send had claimed one.
        await checkLinkable(rt, actor, roomId, attachmentIds);
        throw new AppError("CONFLICT", "One of these files was just sent with another message.");
      case "invalid":
        throw new AppError("VALIDATION_FAILED", "This message contains characters that cannot be stored.");
    }
  };
  return answer(await rt.writer.write(pending), false);
}

/**
 * A page of history, oldest first. Without a cursor: the newest `limit` messages.
 * `before`: messages with seq < before (scrolling up). `after`: seq > after (catch-up, gap fill).
 * `around`: the message with that seq (if any) and its neighbours on both sides (jump to a message).
 */
export async function getHistory(rt: Runtime, actor: Actor, roomId: unknown, query: unknown): Promise<HistoryPage> {
  const { roomId: id } = await requireReadable(rt, actor, roomId);
  const { before, after, around, limit } = parseInput(ZRoomHistoryQuery, query);
  if (around !== undefined) return historyAround(rt, id, around, limit);
  if (after !== undefined) {
    const newer = await newerThan(rt, id, after, limit);
    return { messages: newer.messages, hasMore: newer.more };
  }
  const older = await olderThan(rt, id, before, limit);
  return { messages: older.messages, hasMore: older.more };
}

/**
 * `limit` messages centred on `seq`: up to half of them older than it, the rest from `seq` on.
 * `hasMore`: older ones remain; `hasMoreAfter`: newer ones remain.
 */
async function historyAround(rt: Runtime, roomId: string, seq: number, limit: number): Promise<HistoryPage> {
  const olderWanted = Math.floor((limit - 1) / 2);
  const [older, newer] = await Promise.all([olderThan(rt, roomId, seq, olderWanted), newerThan(rt, roomId, seq - 1, limit - olderWanted)]);
  return { messages: [...older.messages, ...newer.messages], hasMore: older.more, hasMoreAfter: newer.more };
}

interface Slice {
  /** Oldest first. */
  messages: MessageDTO[];
  /** More remain beyond the slice, in its direction. */
  more: boolean;
}

/** Up to `limit` messages with seq < `before` (the newest when `before` is undefined). */
async function olderThan(rt: Runtime, roomId: string, before: number | undefined, limit: number): Promise<Slice> {
  const rows = await rt.db.message.findMany({
    where: { roomId, ...(before !== undefined ? { seq: { lt: before } } : {}) },
    orderBy: { seq: "desc" },
    take: limit + 1,
    select: messageSelect,
  });
  return { messages: rows.slice(0, limit).reverse().map(toMessageDTO), more: rows.length > limit };
}

/** Up to `limit` messages with seq > `after`. */
async function newerThan(rt: Runtime, roomId: string, after: number, limit: number): Promise<Slice> {
  const rows = await rt.db.message.findMany({ where: { roomId, seq: { gt: after } }, orderBy: { seq: "asc" }, take: limit + 1, select: messageSelect });
  return { messages: rows.slice(0, limit).map(toMessageDTO), more: rows.length > limit };
}
