/**
 * Threads. A reply is an ordinary message of the room (its own seq, sent through the message
 * writer) with `threadRootId` set; clients hide thread-only replies from the main timeline.
 * The root carries the thread summary (reply count, latest reply time, latest repliers, stored
 * on the root so history pages cost no extra query), which changes after each reply commits:
 * the root's rev is bumped and `message:updated` sent.
 */
import type { Runtime } from "../runtime";
import { AppError } from "@/lib/shared/errors";
import { ZHistoryQuery, ZId } from "@/lib/shared/schemas";
import type { MessageDTO, ThreadPage } from "@/lib/shared/types";
import { messageSelect, REPLIERS_SHOWN, toMessageDTO, toUserSummary, type UserSummaryRow } from "./dto";
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
 * Recount a root's replies after one committed, bump its rev and broadcast it. The row lock
 * orders concurrent recounts, and each statement after it sees every committed reply, so the
 * copy with the highest rev has the right count. Best effort: the reply is stored whatever
 * happens here, and the next reply recounts.
 */
export async function recordReply(rt: Runtime, rootId: string): Promise<void> {
  try {
    const root = await rt.db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "Message" WHERE "id" = ${rootId}::uuid FOR UPDATE`;
      const agg = await tx.message.aggregate({ where: { threadRootId: rootId }, _count: { _all: true }, _max: { createdAt: true } });
      const repliers = await tx.$queryRaw<UserSummaryRow[]>`
        SELECT u."id", u."name", u."avatarUpdatedAt" FROM (
          SELECT "authorId", max("seq") AS "last" FROM "Message" WHERE "threadRootId" = ${rootId}::uuid GROUP BY "authorId"
          ORDER BY "last" DESC LIMIT ${REPLIERS_SHOWN}
        ) r JOIN "User" u ON u."id" = r."authorId" ORDER BY r."last" DESC`;
      return tx.message.update({
        where: { id: rootId },
        data: { replyCount: agg._count._all, lastReplyAt: agg._max.createdAt, latestRepliers: repliers.map((u) => ({ ...toUserSummary(u) })), rev: { increment: 1 } },
        select: messageSelect,
      });
    });
    rt.broadcast.toRoom(root.roomId, "message:updated", toMessageDTO(root));
  } catch (e) {
    rt.log.warn("could not update a thread root", { rootId, err: e });
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
