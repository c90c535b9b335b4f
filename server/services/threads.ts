/**
 * Threads. A reply is an ordinary message of the room (its own seq, sent through the message
 * writer) with `threadRootId` set; clients hide thread-only replies from the main timeline.
 * The root carries the thread summary (reply count, latest reply time, latest repliers, stored
 * on the root so history pages cost no extra query), which the reply's own statement updates
 * (with the root's rev); once committed, `message:updated` sends the root's new copy.
 */
import type { Runtime } from "../runtime";
import { AppError } from "@/lib/shared/errors";
import { ZHistoryQuery, ZId } from "@/lib/shared/schemas";
import type { MessageDTO, ThreadPage } from "@/lib/shared/types";
import { messageSelect, toMessageDTO } from "./dto";
import { getRoom } from "./rooms";
import { requireMembership, type Actor } from "./room-access";
import { parseInput } from "./validate";

const MESSAGE_NOT_FOUND = () => new AppError("NOT_FOUND", "No such message in this room.");

/**
 * The root a reply to `messageId` belongs in: the message itself, or its root when it is a
 * reply already (threads are one level deep). It must be in `roomId`, which the caller must
 * belong to; a deleted message cannot start a thread (an existing thread goes on).
 */
export async function resolveThreadRoot(rt: Runtime, actor: Actor, roomId: string, messageId: string): Promise<string> {
  await requireMembership(rt, actor, roomId);
  const target = await rt.db.message.findUnique({ where: { id: messageId }, select: { roomId: true, threadRootId: true, deletedAt: true, replyCount: true } });
  if (!target || target.roomId !== roomId) throw MESSAGE_NOT_FOUND();
  if (target.threadRootId) return target.threadRootId;
  // A thread outlives its deleted root; a deleted message cannot start one.
  if (target.deletedAt && target.replyCount === 0) throw new AppError("FORBIDDEN", "This message was deleted; it cannot be replied to.");
  return messageId;
}

/**
 * Send the new copies of thread roots after a batch with replies to them committed (once per
 * root and batch: the writer's publish wiring calls this). The summaries themselves (count,
 * latest reply, repliers, rev) were updated by the batch's own statement (message-writer.ts);
 * this only reads the committed roots and broadcasts them. If that fails, the stored rows are
 * right all the same and clients see the new summary with the next copy or history load.
 */
export async function publishRoots(rt: Pick<Runtime, "db" | "broadcast" | "log">, rootIds: readonly string[]): Promise<void> {
  try {
    const roots = await rt.db.message.findMany({ where: { id: { in: [...rootIds] } }, select: messageSelect });
    for (const root of roots) rt.broadcast.toRoom(root.roomId, "message:updated", toMessageDTO(root));
  } catch (e) {
    rt.log.warn("could not send thread roots' new copies", { rootIds, err: e });
  }
}

/**
 * A thread: its root and a page of replies, oldest first (like room history: the newest
 * `limit` without a cursor, `before=` to page back, `after=` to catch up). Readable by whoever
 * may read the room; `messageId` may name the root or any reply in it.
 */
export async function getThread(rt: Runtime, actor: Actor, roomId: unknown, messageId: unknown, query: unknown): Promise<ThreadPage> {
  const room = await getRoom(rt, actor, roomId);
  const id = ZId.safeParse(messageId);
  if (!id.success) throw MESSAGE_NOT_FOUND();
  const { before, after, limit } = parseInput(ZHistoryQuery, query);
  const db = rt.db;
  const target = await db.message.findUnique({ where: { id: id.data }, select: { roomId: true, threadRootId: true } });
  if (!target || target.roomId !== room.id) throw MESSAGE_NOT_FOUND();
  const rootId = target.threadRootId ?? id.data;
  const root = await db.message.findUniqueOrThrow({ where: { id: rootId }, select: messageSelect });
  let replies: MessageDTO[];
  let hasMore: boolean;
  if (after !== undefined) {
    const rows = await db.message.findMany({ where: { threadRootId: rootId, seq: { gt: after } }, orderBy: { seq: "asc" }, take: limit + 1, select: messageSelect });
    replies = rows.slice(0, limit).map(toMessageDTO);
    hasMore = rows.length > limit;
  } else {
    const rows = await db.message.findMany({
      where: { threadRootId: rootId, ...(before !== undefined ? { seq: { lt: before } } : {}) },
      orderBy: { seq: "desc" },
      take: limit + 1,
      select: messageSelect,
    });
    replies = rows.slice(0, limit).reverse().map(toMessageDTO);
    hasMore = rows.length > limit;
  }
  return { root: toMessageDTO(root), replies, hasMore };
}
