/**
 * Emoji reactions: one row per (message, user, emoji), so adding twice or removing twice
 * changes nothing. A change bumps the message's rev in the same transaction and is broadcast
 * as `message:updated` after commit; an unchanged request broadcasts nothing.
 */
import type { Runtime } from "../runtime";
import { AppError } from "@/lib/shared/errors";
import { REACTION_EMOJI_MAX, ZSetReaction } from "@/lib/shared/schemas";
import type { MessageDTO } from "@/lib/shared/types";
import { messageSelect, toMessageDTO } from "./dto";
import { requireMessageInRoom, roomRoleFor } from "./message-access";
import { roleOf } from "./admin-users";
import { authorize } from "./policy";
import type { Actor } from "./room-access";
import { parseInput } from "./validate";

export async function setReaction(rt: Runtime, actor: Actor, input: unknown): Promise<MessageDTO> {
  const { roomId, messageId, emoji, on } = parseInput(ZSetReaction, input);
  const roomRole = await roomRoleFor(rt, actor, roomId, { mustBeMember: true });
  authorize("message.react", { globalRole: await roleOf(rt, actor.id), roomRole }, "Join this room first.");
  const target = await requireMessageInRoom(rt, roomId, messageId);
  if (target.deletedAt) throw new AppError("FORBIDDEN", "This message was deleted.");

  const db = rt.db;
  const changed = await db.$transaction(async (tx) => {
    if (on) {
      const distinct = await tx.reaction.findMany({ where: { messageId }, distinct: ["emoji"], select: { emoji: true } });
      if (distinct.length >= REACTION_EMOJI_MAX && !distinct.some((r) => r.emoji === emoji)) {
        throw new AppError("FORBIDDEN", `A message can carry at most ${REACTION_EMOJI_MAX} different reactions.`);
      }
      const { count } = await tx.reaction.createMany({ data: [{ messageId, userId: actor.id, emoji }], skipDuplicates: true });
      if (count === 0) return null;
    } else {
      const { count } = await tx.reaction.deleteMany({ where: { messageId, userId: actor.id, emoji } });
      if (count === 0) return null;
    }
    return tx.message.update({ where: { id: messageId }, data: { rev: { increment: 1 } }, select: messageSelect });
  });
  if (!changed) {
    const current = await db.message.findUniqueOrThrow({ where: { id: messageId }, select: messageSelect });
    return toMessageDTO(current);
  }
  const dto = toMessageDTO(changed);
  rt.broadcast.toRoom(roomId, "message:updated", dto);
  return dto;
}
