/**
 * Rooms and memberships. Private rooms are invisible to non-members: every lookup a
 * non-member makes of one answers NOT_FOUND, exactly as for a room that does not exist.
 */
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/shared/errors";
import { ZCreateRoomRequest, ZId } from "@/lib/shared/schemas";
import type { MemberDTO, RoomDTO } from "@/lib/shared/types";
import { getDb } from "../db";
import type { RoomRole } from "../generated/prisma/enums";
import { emitToRoom, emitToUser, subscribeUser } from "../realtime/registry";
import { roomSelectFor, toMemberDTO, toRoomDTO } from "./dto";
import { toRoomDTOs, toRoomView } from "./room-views";
import { isUniqueViolation } from "./errors";
import { parseInput } from "./validate";

export interface Actor {
  id: string;
  name: string;
}

const ROOM_NOT_FOUND = () => new AppError("NOT_FOUND", "No such room.");

export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
  return base || "room";
}

function parseRoomId(roomId: unknown): string {
  const parsed = ZId.safeParse(roomId);
  if (!parsed.success) throw ROOM_NOT_FOUND();
  return parsed.data;
}

/** Public rooms and the caller's private rooms and DMs, the caller's own first, then by name. Archived rooms are left out. */
export async function listRooms(actor: Actor): Promise<RoomDTO[]> {
  const rows = await getDb().room.findMany({
    where: { archivedAt: null, OR: [{ visibility: "PUBLIC" }, { memberships: { some: { userId: actor.id } } }] },
    select: roomSelectFor(actor.id),
    orderBy: { name: "asc" },
    take: 500,
  });
  return (await toRoomDTOs(rows)).sort((a, b) => Number(b.membership !== null) - Number(a.membership !== null));
}

export async function createRoom(actor: Actor, input: unknown): Promise<RoomDTO> {
  const { name, topic, visibility } = parseInput(ZCreateRoomRequest, input);
  const base = slugify(name);
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${randomBytes(3).toString("hex")}`;
    try {
      const row = await getDb().room.create({
        data: { slug, name, topic: topic || null, visibility, creatorId: actor.id, memberships: { create: { userId: actor.id, role: "OWNER" } } },
        select: roomSelectFor(actor.id),
      });
      subscribeUser(actor.id, row.id, true);
      return toRoomDTO(row);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  throw new AppError("CONFLICT", "Could not find a free address for this room name; try another name.");
}

/** A room as the caller sees it; NOT_FOUND if it does not exist or is private and the caller is not in it. */
export async function getRoom(actor: Actor, roomId: unknown): Promise<RoomDTO> {
  const id = parseRoomId(roomId);
  const row = await getDb().room.findUnique({ where: { id }, select: roomSelectFor(actor.id) });
  if (!row || (row.visibility === "PRIVATE" && row.memberships.length === 0)) throw ROOM_NOT_FOUND();
  return toRoomView(row);
}

export async function joinRoom(actor: Actor, roomId: unknown): Promise<RoomDTO> {
  const room = await getRoom(actor, roomId);
  if (room.membership) return room;
  let created = true;
  const membership = await getDb()
    // A newcomer starts with the room read: its history is there to scroll, not to count as unread.
    .membership.create({ data: { userId: actor.id, roomId: room.id, lastReadSeq: room.lastSeq }, select: { role: true, joinedAt: true, user: { select: { id: true, name: true } } } })
    .catch((e: unknown) => {
      if (!isUniqueViolation(e)) throw e;
      created = false; // joined concurrently from another tab
      return null;
    });
  if (created && membership) {
    subscribeUser(actor.id, room.id, true);
    emitToRoom(room.id, "member:joined", { roomId: room.id, member: toMemberDTO(membership) });
  }
  return getRoom(actor, room.id);
}

export async function leaveRoom(actor: Actor, roomId: unknown): Promise<void> {
  const room = await getRoom(actor, roomId);
  if (!room.membership) return;
  if (room.kind === "DM") throw new AppError("FORBIDDEN", "A direct message has a fixed set of people; it cannot be left.");
  const { count } = await getDb().membership.deleteMany({ where: { userId: actor.id, roomId: room.id } });
  if (count > 0) {
    emitToRoom(room.id, "member:left", { roomId: room.id, userId: actor.id });
    subscribeUser(actor.id, room.id, false);
    emitToUser(actor.id, "room:removed", { roomId: room.id });
  }
}

export async function listMembers(actor: Actor, roomId: unknown): Promise<MemberDTO[]> {
  const room = await getRoom(actor, roomId);
  const rows = await getDb().membership.findMany({
    where: { roomId: room.id },
    select: { role: true, joinedAt: true, user: { select: { id: true, name: true, status: true } } },
    orderBy: { joinedAt: "asc" },
    take: 5000,
  });
  return rows.map(toMemberDTO);
}

/** The caller's membership of a room, or an error: NOT_FOUND if invisible, FORBIDDEN if visible but not joined. */
export async function requireMembership(actor: Actor, roomId: unknown): Promise<{ roomId: string; role: RoomRole }> {
  const id = parseRoomId(roomId);
  const row = await getDb().membership.findUnique({ where: { userId_roomId: { userId: actor.id, roomId: id } }, select: { role: true } });
  if (row) return { roomId: id, role: row.role };
  const room = await getDb().room.findUnique({ where: { id }, select: { visibility: true } });
  if (!room || room.visibility === "PRIVATE") throw ROOM_NOT_FOUND();
  throw new AppError("FORBIDDEN", "Join this room first.");
}

/**
 * A room the actor may read (a member, or any public room) and their role in it, in one
 * indexed read: what history needs, without the member count and DM names a RoomDTO costs.
 * NOT_FOUND for a missing room and for a private room the actor is not in.
 */
export async function requireReadable(actor: Actor, roomId: unknown): Promise<{ roomId: string; role: RoomRole | null }> {
  const id = parseRoomId(roomId);
  const row = await getDb().room.findUnique({ where: { id }, select: { visibility: true, memberships: { where: { userId: actor.id }, select: { role: true } } } });
  const role = row?.memberships[0]?.role ?? null;
  if (!row || (row.visibility === "PRIVATE" && role === null)) throw ROOM_NOT_FOUND();
  return { roomId: id, role };
}

/** Ids of every room the user belongs to (to subscribe a new socket). */
export async function roomIdsOf(userId: string): Promise<string[]> {
  const rows = await getDb().membership.findMany({ where: { userId }, select: { roomId: true } });
  return rows.map((r) => r.roomId);
}
