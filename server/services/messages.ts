/**
 * The message pipeline: validate -> authorize -> write (assigning the room's next seq) ->
 * emit. A message is acknowledged only after it is committed, and broadcast only after that.
 *
 * Ordering: one statement increments Room.lastSeq and inserts the message. The UPDATE takes
 * the room row's lock until the statement commits, so concurrent senders in a room queue for
 * a few microseconds each and get consecutive seqs; a failed insert (duplicate clientId)
 * aborts the whole statement, the increment with it, so seqs never have gaps.
 * Idempotency: (authorId, clientId) is unique; a resend finds the stored message.
 */
import { AppError } from "@/lib/shared/errors";
import type { MessageSent } from "@/lib/shared/events";
import { uuidv7 } from "@/lib/shared/ids";
import { ZHistoryQuery, ZSendMessage } from "@/lib/shared/schemas";
import type { HistoryPage, MessageDTO } from "@/lib/shared/types";
import { getDb } from "../db";
import { emitToRoom } from "../realtime/registry";
import { messageSelect, toMessageDTO } from "./dto";
import { isUniqueViolation } from "./errors";
import { getRoom, requireMembership, type Actor } from "./rooms";
import { parseInput } from "./validate";

interface InsertedRow {
  id: string;
  seq: number;
  createdAt: Date | string;
}

async function insertWithNextSeq(actor: Actor, roomId: string, clientId: string, body: string): Promise<InsertedRow | undefined> {
  const id = uuidv7();
  const rows = await getDb().$queryRaw<InsertedRow[]>`
    WITH next AS (
      UPDATE "Room" SET "lastSeq" = "lastSeq" + 1
      WHERE "id" = ${roomId}::uuid
        AND EXISTS (SELECT 1 FROM "Membership" WHERE "roomId" = ${roomId}::uuid AND "userId" = ${actor.id}::uuid)
      RETURNING "lastSeq"
    )
    INSERT INTO "Message" ("id", "roomId", "authorId", "seq", "clientId", "body")
    SELECT ${id}::uuid, ${roomId}::uuid, ${actor.id}::uuid, next."lastSeq", ${clientId}, ${body} FROM next
    RETURNING "id", "seq", "createdAt"`;
  return rows[0];
}

async function findByClientId(authorId: string, clientId: string) {
  return getDb().message.findUnique({ where: { authorId_clientId: { authorId, clientId } }, select: messageSelect });
}

async function storedDuplicate(actor: Actor, roomId: string, clientId: string): Promise<MessageSent | null> {
  const existing = await findByClientId(actor.id, clientId);
  if (!existing) return null;
  if (existing.roomId !== roomId) throw new AppError("CONFLICT", "This clientId was already used for a message in another room.");
  return { message: toMessageDTO(existing), duplicate: true };
}

export async function sendMessage(actor: Actor, input: unknown): Promise<MessageSent> {
  const { roomId, clientId, body } = parseInput(ZSendMessage, input);
  let row: InsertedRow | undefined;
  try {
    row = await insertWithNextSeq(actor, roomId, clientId, body);
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const dup = await storedDuplicate(actor, roomId, clientId);
    if (dup) return dup;
    throw e;
  }
  if (!row) {
    // Nothing inserted: not a member, or no such room. Say which (throws), else a join raced us.
    await requireMembership(actor, roomId);
    row = await insertWithNextSeq(actor, roomId, clientId, body);
    if (!row) throw new AppError("FORBIDDEN", "Join this room first.");
  }
  const message: MessageDTO = {
    id: row.id,
    roomId,
    seq: Number(row.seq),
    clientId,
    author: { id: actor.id, name: actor.name },
    body,
    createdAt: new Date(row.createdAt).toISOString(),
    editedAt: null,
    deleted: false,
  };
  emitToRoom(roomId, "message:new", message);
  return { message, duplicate: false };
}

/**
 * A page of history, oldest first. Without a cursor: the newest `limit` messages.
 * `before`: messages with seq < before (scrolling up). `after`: seq > after (catch-up, gap fill).
 */
export async function getHistory(actor: Actor, roomId: unknown, query: unknown): Promise<HistoryPage> {
  const room = await getRoom(actor, roomId);
  const { before, after, limit } = parseInput(ZHistoryQuery, query);
  const db = getDb();
  if (after !== undefined) {
    const rows = await db.message.findMany({
      where: { roomId: room.id, seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: limit + 1,
      select: messageSelect,
    });
    return { messages: rows.slice(0, limit).map(toMessageDTO), hasMore: rows.length > limit };
  }
  const rows = await db.message.findMany({
    where: { roomId: room.id, ...(before !== undefined ? { seq: { lt: before } } : {}) },
    orderBy: { seq: "desc" },
    take: limit + 1,
    select: messageSelect,
  });
  const page = rows.slice(0, limit).reverse();
  return { messages: page.map(toMessageDTO), hasMore: rows.length > limit };
}
