/**
 * Read state: how far each member has read a room (`Membership.lastReadSeq`, only ever moving
 * forward), the unread and mention counts derived from it, and the per-room notification mute.
 * Changes reach every tab of the user on every instance (`membership:state` to `user:<id>`);
 * in DMs the other participants also learn how far one has read (`member:read`, "seen by").
 * Counts are never sent to anyone but the member they belong to.
 */
import type { Runtime } from "../runtime";
import { ZMarkRead, ZSetNotifications } from "@/lib/shared/schemas";
import { UNREAD_COUNT_CAP, type ReadState } from "@/lib/shared/types";
import { requireMembership, type Actor } from "./room-access";
import { parseInput } from "./validate";

export type Counts = Pick<ReadState, "unreadCount" | "mentionCount">;

interface CountRow {
  roomId: string;
  unread: number;
  mentions: number;
}

/**
 * Unread and mention counts of `userId` in each of `roomIds` they belong to. Unread: messages by
 * others after lastReadSeq in the main timeline, not deleted. Mentions: those naming the user
 * (thread replies included). Each count stops at UNREAD_COUNT_CAP.
 */
export async function countsFor(rt: Runtime, userId: string, roomIds: readonly string[]): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>();
  if (roomIds.length === 0) return out;
  const rows = await rt.db.$queryRaw<CountRow[]>`
    SELECT m."roomId",
      (SELECT count(*)::int FROM (
        SELECT 1 FROM "Message" x
        WHERE x."roomId" = m."roomId" AND x."seq" > m."lastReadSeq" AND x."authorId" <> m."userId"
          AND x."deletedAt" IS NULL AND (x."threadRootId" IS NULL OR x."alsoInRoom")
        LIMIT ${UNREAD_COUNT_CAP}) u) AS "unread",
      (SELECT count(*)::int FROM (
        SELECT 1 FROM "Mention" n JOIN "Message" x ON x."id" = n."messageId"
        WHERE n."userId" = m."userId" AND n."roomId" = m."roomId" AND n."seq" > m."lastReadSeq" AND x."deletedAt" IS NULL
        LIMIT ${UNREAD_COUNT_CAP}) c) AS "mentions"
    FROM "Membership" m
    WHERE m."userId" = ${userId}::uuid AND m."roomId" = ANY(${[...roomIds]}::uuid[])`;
  for (const r of rows) out.set(r.roomId, { unreadCount: Number(r.unread), mentionCount: Number(r.mentions) });
  return out;
}

/** The member's read state in one room (the caller has checked the membership). */
async function readStateOf(rt: Runtime, userId: string, roomId: string): Promise<{ roomId: string } & ReadState> {
  const [m, counts] = await Promise.all([
    rt.db.membership.findUnique({ where: { userId_roomId: { userId, roomId } }, select: { lastReadSeq: true, notificationsMuted: true } }),
    countsFor(rt, userId, [roomId]),
  ]);
  return {
    roomId,
    lastReadSeq: m?.lastReadSeq ?? 0,
    notificationsMuted: m?.notificationsMuted ?? false,
    ...(counts.get(roomId) ?? { unreadCount: 0, mentionCount: 0 }),
  };
}

/**
 * I have seen `roomId` up to `seq`. Moves lastReadSeq forward only (never past the room's last
 * seq); a lower or equal seq changes nothing and announces nothing. Answers the read state.
 */
export async function markRead(rt: Runtime, actor: Actor, input: unknown): Promise<{ roomId: string } & ReadState> {
  const { roomId, seq } = parseInput(ZMarkRead, input);
  await requireMembership(rt, actor, roomId);
  const moved = await rt.db.$queryRaw<{ lastReadSeq: number; kind: string }[]>`
    UPDATE "Membership" m SET "lastReadSeq" = LEAST(${seq}::int, r."lastSeq")
    FROM "Room" r
    WHERE r."id" = m."roomId" AND m."userId" = ${actor.id}::uuid AND m."roomId" = ${roomId}::uuid
      AND m."lastReadSeq" < LEAST(${seq}::int, r."lastSeq")
    RETURNING m."lastReadSeq", r."kind"::text AS "kind"`;
  const state = await readStateOf(rt, actor.id, roomId);
  const row = moved[0];
  if (row) {
    rt.broadcast.toUser(actor.id, "membership:state", state);
    if (row.kind === "DM") rt.broadcast.toRoom(roomId, "member:read", { roomId, userId: actor.id, lastReadSeq: row.lastReadSeq });
  }
  return state;
}

/** Silence (or not) a room's notifications for the caller; announced to their other tabs. */
export async function setNotificationsMuted(rt: Runtime, actor: Actor, roomId: unknown, input: unknown): Promise<{ roomId: string } & ReadState> {
  const { muted } = parseInput(ZSetNotifications, input);
  const member = await requireMembership(rt, actor, roomId);
  await rt.db.membership.update({ where: { userId_roomId: { userId: actor.id, roomId: member.roomId } }, data: { notificationsMuted: muted } });
  const state = await readStateOf(rt, actor.id, member.roomId);
  rt.broadcast.toUser(actor.id, "membership:state", state);
  return state;
}
