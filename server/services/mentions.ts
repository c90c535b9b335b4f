/**
 * Mentions: `@Name` names a member of the room (display names may hold spaces, so the longest
 * member name that follows the `@` wins), `@room` reaches every member. Only members are ever
 * stored (a Mention row per message and user). `@room` is the policy action
 * `message.mentionRoom`: everyone in rooms of up to MENTION_ROOM_OPEN_MAX members, above that
 * only room owners/moderators and global staff; a refused `@room` refuses the whole message.
 */
import type { Prisma } from "../db";
import type { Runtime } from "../runtime";
import type { MessageDTO } from "@/lib/shared/types";
import { roleOf } from "./admin-users";
import { authorize, MENTION_ROOM_OPEN_MAX } from "./policy";
import type { Actor } from "./room-access";
import { NO_MENTIONS, parseMentions, type MentionTargets } from "@/lib/shared/mentions";

export type { MentionTargets };

type Tx = Prisma.TransactionClient;

/**
 * Resolve the mentions of a message about to be stored or edited in `roomId`, and refuse a
 * `@room` the actor may not use. No query unless the body holds an `@`.
 */
export async function resolveMentions(rt: Runtime, actor: Actor, roomId: string, body: string, opts: { alreadyRoom?: boolean } = {}): Promise<MentionTargets & { names?: Readonly<Record<string, string>> }> {
  if (!body.includes("@")) return NO_MENTIONS;
  const rows = await rt.db.membership.findMany({ where: { roomId }, select: { userId: true, role: true, user: { select: { name: true } } }, take: 5000 });
  const self = rows.find((r) => r.userId === actor.id);
  // Not a member: the write refuses it with the right error (NOT_FOUND for a private room).
  if (!self) return NO_MENTIONS;
  const targets = parseMentions(body, rows.map((r) => ({ id: r.userId, name: r.user.name })), actor.id);
  if (targets.room && !opts.alreadyRoom) {
    const roomRole = self.role;
    authorize(
      "message.mentionRoom",
      { globalRole: await roleOf(rt, actor.id), roomRole, roomMemberCount: rows.length },
      `Only room owners and moderators can use @room in rooms of more than ${MENTION_ROOM_OPEN_MAX} members.`,
    );
  }
  // The names matched (what the body wrote): the DTO's `mentioned` labels before any read.
  const names: Record<string, string> = {};
  for (const r of rows) if (targets.userIds.includes(r.userId)) names[r.userId] = r.user.name;
  return { ...targets, names };
}

/**
 * Tell the people a newly stored message mentions (its Mention and MentionNotice rows were
 * written by the message writer's statement, with the message): `@room` once on the room's
 * channel, names to each user named whose row was stored (`named`: still a member).
 */
export function announceNewMessage(rt: Runtime, message: MessageDTO, targets: MentionTargets, named: readonly string[]): void {
  if (targets.room) announceMentions(rt, message, targets);
  else if (named.length > 0) announceMentions(rt, message, { userIds: [...named], room: false });
}

/**
 * Record that the people `targets` reach (the names, or every member but the author for `@room`)
 * are told about this message; answers those not told before. Once per user per message, ever:
 * the rows outlive an edit that drops the mention.
 */
async function claimNotices(db: Tx, message: MessageRef, targets: MentionTargets): Promise<string[]> {
  const rows = targets.room
    ? await db.$queryRaw<{ userId: string }[]>`
        INSERT INTO "MentionNotice" ("messageId", "userId")
        SELECT ${message.id}::uuid, m."userId" FROM "Mention" m WHERE m."messageId" = ${message.id}::uuid
        ON CONFLICT DO NOTHING RETURNING "userId"`
    : await db.$queryRaw<{ userId: string }[]>`
        INSERT INTO "MentionNotice" ("messageId", "userId")
        SELECT ${message.id}::uuid, m."userId" FROM "Mention" m WHERE m."messageId" = ${message.id}::uuid AND m."userId" = ANY(${[...targets.userIds]}::uuid[])
        ON CONFLICT DO NOTHING RETURNING "userId"`;
  return rows.map((r) => r.userId);
}

type MessageRef = Pick<MessageDTO, "id" | "roomId" | "seq"> & { author: { id: string } };

async function insertMentions(db: Tx, message: MessageRef, userIds: readonly string[], room: boolean): Promise<void> {
  if (userIds.length > 0) {
    // Only current members: someone who left between parsing and now is not stored.
    // label: the name the (new) body wrote, which the parse matched against the member's name now.
    await db.$executeRaw`
      INSERT INTO "Mention" ("messageId", "userId", "roomId", "seq", "viaRoom", "label")
      SELECT ${message.id}::uuid, m."userId", m."roomId", ${message.seq}::int, false, u."name"
      FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
      WHERE m."roomId" = ${message.roomId}::uuid AND m."userId" = ANY(${[...userIds]}::uuid[])
      ON CONFLICT ("messageId", "userId") DO UPDATE SET "viaRoom" = false, "label" = EXCLUDED."label"`;
  }
  if (room) {
    await db.$executeRaw`
      INSERT INTO "Mention" ("messageId", "userId", "roomId", "seq", "viaRoom")
      SELECT ${message.id}::uuid, m."userId", m."roomId", ${message.seq}::int, true
      FROM "Membership" m WHERE m."roomId" = ${message.roomId}::uuid AND m."userId" <> ${message.author.id}::uuid
      ON CONFLICT ("messageId", "userId") DO NOTHING`;
  }
}

/**
 * `@room` reaches the room's channel once (clients ignore their own); names reach each user
 * (`viaRoom`: they are reached by an `@room` added by an edit).
 */
export function announceMentions(rt: Runtime, message: MessageDTO, who: MentionTargets & { viaRoom?: boolean }): void {
  if (who.room) {
    rt.broadcast.toRoom(message.roomId, "mention:new", { message, viaRoom: true });
    return;
  }
  for (const userId of who.userIds) rt.broadcast.toUser(userId, "mention:new", { message, viaRoom: who.viaRoom === true });
}

/**
 * After an edit, in the edit's transaction (`db`): make the stored mentions match the new body. Answers
 * whom to tell once the new copy is out: people mentioned who were never told about this
 * message (once per user per message, ever: mentioning someone again after an edit removed
 * them does not notify again). People no longer mentioned lose the mention.
 */
export async function syncMentions(
  db: Tx,
  message: { id: string; roomId: string; seq: number; authorId: string },
  targets: MentionTargets,
): Promise<MentionTargets & { viaRoom: boolean }> {
  const messageId = message.id;
  // Everyone not named now loses the row; `@room` rows come back with the insert below.
  await db.mention.deleteMany({ where: { messageId, userId: { notIn: targets.userIds } } });
  const ref = { ...message, author: { id: message.authorId } };
  await insertMentions(db, ref, targets.userIds, targets.room);
  if (targets.userIds.length === 0 && !targets.room) return { ...NO_MENTIONS, viaRoom: false };
  return { userIds: await claimNotices(db, ref, targets), room: false, viaRoom: targets.room };
}
