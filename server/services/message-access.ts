/**
 * Shared checks for actions on one stored message (reactions, pins): the caller's standing in
 * the room, and the message being in that room. Private rooms stay invisible to non-members
 * (NOT_FOUND, exactly as for a missing room).
 */
import type { Runtime } from "../runtime";
import { AppError } from "@/lib/shared/errors";
import type { RoomRoleName } from "./policy";
import { requireMembership, requireReadable, type Actor } from "./room-access";

/**
 * The caller's role in the room. `mustBeMember`: NOT_FOUND for an invisible room, FORBIDDEN
 * for a public room not joined. Otherwise: NOT_FOUND for an invisible room, null for a public
 * room not joined.
 */
export async function roomRoleFor(rt: Runtime, actor: Actor, roomId: string, opts: { mustBeMember: boolean }): Promise<RoomRoleName | null> {
  if (opts.mustBeMember) return (await requireMembership(rt, actor, roomId)).role;
  return (await requireReadable(rt, actor, roomId)).role;
}

/** The message, which must be in `roomId` (NOT_FOUND otherwise), in a room that is not archived (read-only: FORBIDDEN). */
export async function requireMessageInRoom(rt: Runtime, roomId: string, messageId: string) {
  const row = await rt.db.message.findUnique({
    where: { id: messageId },
    select: { id: true, roomId: true, deletedAt: true, pinnedAt: true, room: { select: { archivedAt: true } } },
  });
  if (!row || row.roomId !== roomId) throw new AppError("NOT_FOUND", "No such message in this room.");
  if (row.room.archivedAt) throw new AppError("FORBIDDEN", "This room is archived: it is read-only.");
  return row;
}
