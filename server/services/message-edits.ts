/**
 * Changing a stored message: edit (the author) and soft delete (the author, room owners and
 * moderators, global staff: `message.delete` in policy.ts). Each change bumps `rev` in the
 * same statement and, after commit, broadcasts the full copy as `message:updated`.
 *
 * A message is visible to whoever may read its room: a private room's message is NOT_FOUND
 * to non-members, exactly like a missing one.
 */
import type { Runtime } from "../runtime";
import { AppError } from "@/lib/shared/errors";
import { ZEditMessage, ZId, ZMessageRef } from "@/lib/shared/schemas";
import type { MessageDTO } from "@/lib/shared/types";
import { recordAudit } from "./audit";
import { messageSelect, toMessageDTO } from "./dto";
import { announceMentions, resolveMentions, syncMentions } from "./mentions";
import { authorize, outranks, type GlobalRoleName, type PolicyContext } from "./policy";
import type { Actor } from "./room-access";
import { guardSend } from "./send-guard";
import { parseInput } from "./validate";

const MESSAGE_NOT_FOUND = () => new AppError("NOT_FOUND", "No such message.");

interface Target {
  id: string;
  roomId: string;
  seq: number;
  authorId: string;
  /** The stored body says `@room` (an edit re-checks the policy only when it is new). */
  mentionsRoom: boolean;
  deleted: boolean;
  archived: boolean;
  ctx: PolicyContext;
}

/** The message and the actor's standing towards it; NOT_FOUND when the actor may not see it. */
async function loadTarget(rt: Runtime, actor: Actor, messageId: string): Promise<Target> {
  const db = rt.db;
  const message = await db.message.findUnique({
    where: { id: messageId },
    select: { id: true, roomId: true, seq: true, authorId: true, mentionsRoom: true, deletedAt: true, room: { select: { visibility: true, archivedAt: true } } },
  });
  if (!message) throw MESSAGE_NOT_FOUND();
  const user = await db.user.findUnique({
    where: { id: actor.id },
    select: { role: true, memberships: { where: { roomId: message.roomId }, select: { role: true } } },
  });
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  const roomRole = user.memberships[0]?.role ?? null;
  const globalRole: GlobalRoleName = user.role;
  const staff = globalRole === "ADMIN" || globalRole === "MODERATOR";
  if (message.room.visibility === "PRIVATE" && roomRole === null && !staff) throw MESSAGE_NOT_FOUND();
  return {
    id: message.id,
    roomId: message.roomId,
    seq: message.seq,
    authorId: message.authorId,
    mentionsRoom: message.mentionsRoom,
    deleted: message.deletedAt !== null,
    archived: message.room.archivedAt !== null,
    ctx: { globalRole, roomRole, isAuthor: message.authorId === actor.id },
  };
}

/** A message id that is not a UUID names no message: NOT_FOUND, as for rooms. */
function refuseMalformedId(input: unknown): void {
  const id = typeof input === "object" && input !== null ? (input as { messageId?: unknown }).messageId : undefined;
  if (typeof id === "string" && !ZId.safeParse(id).success) throw MESSAGE_NOT_FOUND();
}

function refuseArchived(target: Target): void {
  if (target.archived) throw new AppError("FORBIDDEN", "This room is archived: it is read-only.");
}

/** Edit one's own message (while still a member of its room). */
export async function editMessage(rt: Runtime, actor: Actor, input: unknown): Promise<MessageDTO> {
  refuseMalformedId(input);
  const { messageId, body: typed } = parseInput(ZEditMessage, input);
  const target = await loadTarget(rt, actor, messageId);
  authorize("message.edit", target.ctx, "Only the author can edit a message.");
  if (target.ctx.roomRole === null) throw new AppError("FORBIDDEN", "Join this room first.");
  refuseArchived(target);
  if (target.deleted) throw new AppError("CONFLICT", "This message was deleted; it can no longer be edited.");
  // The send path's moderation: ban, mutes, lock, archive, word filter (masked words stored masked).
  const body = await guardSend(rt, actor.id, target.roomId, typed, { slowMode: false });
  // New mentions count (and notify); an @room already there is not re-checked against policy.
  const mentions = await resolveMentions(rt, actor, target.roomId, body, { alreadyRoom: target.mentionsRoom });
  // The new body and its mentions are one transaction: an edit is stored whole or not at all.
  const fresh = await rt.db.$transaction(async (tx) => {
    const { count } = await tx.message.updateMany({
      where: { id: target.id, deletedAt: null },
      data: { body, editedAt: new Date(), rev: { increment: 1 }, mentionsRoom: mentions.room },
    });
    if (count === 0) throw new AppError("CONFLICT", "This message was deleted; it can no longer be edited.");
    return syncMentions(tx, target, mentions);
  });
  const dto = await publish(rt, target.id);
  announceMentions(rt, dto, fresh);
  return dto;
}

/**
 * Soft delete: the body is erased in the database too (so no later reader, search index or
 * export can reveal it); the row stays so the room shows "message deleted" in place.
 * Deleting a deleted message answers its current copy and changes nothing.
 */
export async function deleteMessage(rt: Runtime, actor: Actor, input: unknown): Promise<MessageDTO> {
  refuseMalformedId(input);
  const { messageId } = parseInput(ZMessageRef, input);
  return deleteMessageById(rt, actor, messageId);
}

/** For other services (moderation): delete by id, with the same rules. */
export async function deleteMessageById(rt: Runtime, actor: Actor, messageId: string): Promise<MessageDTO> {
  const target = await loadTarget(rt, actor, messageId);
  authorize("message.delete", target.ctx, "You can only delete your own messages.");
  if (!target.ctx.isAuthor) await refuseUnlessOutranks(rt, target);
  // An archived room is read-only for everyone but global staff (who may still remove abuse).
  if (target.ctx.globalRole === "MEMBER") refuseArchived(target);
  if (target.deleted) return current(rt, target.id);
  const removal = !target.ctx.isAuthor;
  const count = await rt.db.$transaction(async (tx) => {
    const { count } = await tx.message.updateMany({
      where: { id: target.id, deletedAt: null },
      data: { body: "", deletedAt: new Date(), deletedById: actor.id, rev: { increment: 1 } },
    });
    // Removing someone else's message is a moderation action: audited with the deletion.
    if (count > 0 && removal) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "message.remove",
        targetType: "message",
        targetId: target.id,
        details: { roomId: target.roomId, authorId: target.authorId },
      });
    }
    return count;
  });
  if (count === 0) return current(rt, target.id);
  return publish(rt, target.id);
}

/**
 * Removing someone else's message is acting on that person: the actor must outrank its author
 * (docs/permissions.md, "Rank"), so a global moderator cannot remove an admin's message nor a
 * room moderator the owner's.
 */
async function refuseUnlessOutranks(rt: Runtime, target: Target): Promise<void> {
  const author = await rt.db.user.findUnique({
    where: { id: target.authorId },
    select: { role: true, memberships: { where: { roomId: target.roomId }, select: { role: true } } },
  });
  if (!author) return;
  const party = { globalRole: author.role, roomRole: author.memberships[0]?.role ?? null };
  if (!outranks({ globalRole: target.ctx.globalRole, roomRole: target.ctx.roomRole }, party)) {
    throw new AppError("FORBIDDEN", "You can only remove messages of people below your own role.");
  }
}

async function current(rt: Runtime, messageId: string): Promise<MessageDTO> {
  const row = await rt.db.message.findUnique({ where: { id: messageId }, select: messageSelect });
  if (!row) throw MESSAGE_NOT_FOUND();
  return toMessageDTO(row);
}

/** Read the committed copy and broadcast it to the room. */
async function publish(rt: Runtime, messageId: string): Promise<MessageDTO> {
  const dto = await current(rt, messageId);
  rt.broadcast.toRoom(dto.roomId, "message:updated", dto);
  return dto;
}
