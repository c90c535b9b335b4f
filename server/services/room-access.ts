/**
 * Who may see and post in a room: the actor type every service takes, and the membership and
 * readability checks (one indexed read each) that most room services start with.
 */
import { AppError } from "@/lib/shared/errors";
import { ZId } from "@/lib/shared/schemas";
import type { RoomRole } from "../generated/prisma/enums";
import type { Runtime } from "../runtime";

/** The signed-in user a service acts for. */
export interface Actor {
  id: string;
  name: string;
  /** Carried into the messages they send (the same UserSummary everyone else sees). */
  avatarUrl: string | null;
}

export const ROOM_NOT_FOUND = () => new AppError("NOT_FOUND", "No such room.");

/** A room id from the outside, or NOT_FOUND (a malformed id names no room). */
export function parseRoomId(roomId: unknown): string {
  const parsed = ZId.safeParse(roomId);
  if (!parsed.success) throw ROOM_NOT_FOUND();
  return parsed.data;
}

/** The caller's membership of a room, or an error: NOT_FOUND if invisible, FORBIDDEN if visible but not joined. */
export async function requireMembership(rt: Runtime, actor: Actor, roomId: unknown): Promise<{ roomId: string; role: RoomRole }> {
  const id = parseRoomId(roomId);
  const row = await rt.db.membership.findUnique({ where: { userId_roomId: { userId: actor.id, roomId: id } }, select: { role: true } });
  if (row) return { roomId: id, role: row.role };
  const room = await rt.db.room.findUnique({ where: { id }, select: { visibility: true } });
  if (!room || room.visibility === "PRIVATE") throw ROOM_NOT_FOUND();
  throw new AppError("FORBIDDEN", "Join this room first.");
}

/**
 * A room the actor may read (a member, or any public room) and their role in it, in one
 * indexed read: what history needs, without the member count and DM names a RoomDTO costs.
 * NOT_FOUND for a missing room and for a private room the actor is not in.
 */
export async function requireReadable(rt: Runtime, actor: Actor, roomId: unknown): Promise<{ roomId: string; role: RoomRole | null }> {
  const id = parseRoomId(roomId);
  const row = await rt.db.room.findUnique({ where: { id }, select: { visibility: true, memberships: { where: { userId: actor.id }, select: { role: true } } } });
  const role = row?.memberships[0]?.role ?? null;
  if (!row || (row.visibility === "PRIVATE" && role === null)) throw ROOM_NOT_FOUND();
  return { roomId: id, role };
}
