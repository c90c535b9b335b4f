/**
 * Pinned messages. Pinning sets `pinnedAt`/`pinnedById` on the message (bumping its rev) and
 * is broadcast as `message:updated`; the room's pinned list is read from those columns.
 * Who may pin: `message.pin` in the policy table. Who may read the list: whoever may read the room.
 */
import type { Runtime } from "../runtime";
import { AppError } from "@/lib/shared/errors";
import { ZSetPin } from "@/lib/shared/schemas";
import type { MessageDTO } from "@/lib/shared/types";
import { messageSelect, toMessageDTO } from "./dto";
import { requireMessageInRoom, roomRoleFor } from "./message-access";
import { roleOf } from "./admin-users";
import { authorize } from "./policy";
import { getRoom } from "./rooms";
import { type Actor } from "./room-access";
import { parseInput } from "./validate";

/** Most pins a room keeps. */
export const PINS_MAX = 100;

export async function setPin(rt: Runtime, actor: Actor, input: unknown): Promise<MessageDTO> {
  const { roomId, messageId, pinned } = parseInput(ZSetPin, input);
  const roomRole = await roomRoleFor(rt, actor, roomId, { mustBeMember: false });
  authorize("message.pin", { globalRole: await roleOf(rt, actor.id), roomRole }, "Only room owners and moderators can pin messages.");
  const target = await requireMessageInRoom(rt, roomId, messageId);
  if (pinned && target.deletedAt) throw new AppError("FORBIDDEN", "This message was deleted.");

  const db = rt.db;
  if ((target.pinnedAt !== null) === pinned) {
    return toMessageDTO(await db.message.findUniqueOrThrow({ where: { id: messageId }, select: messageSelect }));
  }
  if (pinned) {
    const count = await db.message.count({ where: { roomId, pinnedAt: { not: null }, deletedAt: null } });
    if (count >= PINS_MAX) throw new AppError("FORBIDDEN", `A room can have at most ${PINS_MAX} pinned messages; unpin one first.`);
  }
  // Conditional on the current state, so a concurrent identical request changes (and broadcasts) once.
  const { count } = await db.message.updateMany({
    where: { id: messageId, pinnedAt: pinned ? null : { not: null } },
    data: pinned ? { pinnedAt: new Date(), pinnedById: actor.id, rev: { increment: 1 } } : { pinnedAt: null, pinnedById: null, rev: { increment: 1 } },
  });
  const dto = toMessageDTO(await db.message.findUniqueOrThrow({ where: { id: messageId }, select: messageSelect }));
  if (count > 0) rt.broadcast.toRoom(roomId, "message:updated", dto);
  return dto;
}

/** The room's pinned messages, most recently pinned first (deleted ones drop out). */
export async function listPins(rt: Runtime, actor: Actor, roomId: unknown): Promise<MessageDTO[]> {
  const room = await getRoom(rt, actor, roomId);
  const rows = await rt.db.message.findMany({
    where: { roomId: room.id, pinnedAt: { not: null }, deletedAt: null },
    orderBy: { pinnedAt: "desc" },
    take: PINS_MAX,
    select: messageSelect,
  });
  return rows.map(toMessageDTO);
}
