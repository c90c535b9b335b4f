/**
 * Rooms and memberships. Private rooms are invisible to non-members: every lookup a
 * non-member makes of one answers NOT_FOUND, exactly as for a room that does not exist.
 */
import type { Runtime } from "../runtime";
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/shared/errors";
import { ZCreateRoomRequest, ZMyRoomsQuery, ZRoomDirectoryQuery } from "@/lib/shared/schemas";
import type { GlobalRole, MemberDTO, RoomDTO, RoomPage } from "@/lib/shared/types";
import { roomSelectFor, toMemberDTO, toRoomDTO, userSummarySelect } from "./dto";
import { toRoomDTOs, toRoomView } from "./room-views";
import { isUniqueViolation } from "./errors";
import { parseInput } from "./validate";
import { parseRoomId, ROOM_NOT_FOUND, type Actor } from "./room-access";



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


/**
 * The caller's own rooms and DMs (every one, a page at a time, in id order), archived ones left
 * out. Public rooms the caller has not joined are in the directory instead, so no number of
 * other people's rooms can push the caller's own out of the list.
 */
export async function listMyRooms(rt: Runtime, actor: Actor, query: unknown): Promise<RoomPage> {
  const { cursor, limit } = parseInput(ZMyRoomsQuery, query);
  const rows = await rt.db.room.findMany({
    where: { archivedAt: null, memberships: { some: { userId: actor.id } }, ...(cursor ? { id: { gt: cursor } } : {}) },
    select: roomSelectFor(actor.id),
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  return toRoomPage(rt, rows, limit);
}

/** The directory: public rooms (not DMs, not archived) by name, filtered by a name search, a page at a time. */
export async function listRoomDirectory(rt: Runtime, actor: Actor, query: unknown): Promise<RoomPage> {
  const { q, cursor, limit } = parseInput(ZRoomDirectoryQuery, query);
  const rows = await rt.db.room.findMany({
    where: { archivedAt: null, kind: "ROOM", visibility: "PUBLIC", ...(q ? { name: { contains: q, mode: "insensitive" as const } } : {}) },
    select: roomSelectFor(actor.id),
    orderBy: [{ name: "asc" }, { id: "asc" }],
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    take: limit + 1,
  });
  return toRoomPage(rt, rows, limit);
}

/** `rows` holds up to `limit + 1` rooms: the extra one only says there is a next page. */
async function toRoomPage(rt: Runtime, rows: Parameters<typeof toRoomDTOs>[1], limit: number): Promise<RoomPage> {
  const page = rows.slice(0, limit);
  return { rooms: await toRoomDTOs(rt, page), nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null };
}

/** Rooms one user may own at once (not counting DMs or archived rooms); global staff are exempt. */
export const MAX_OWNED_ROOMS = 100;

export async function createRoom(rt: Runtime, actor: Actor & { role: GlobalRole }, input: unknown): Promise<RoomDTO> {
  const { name, topic, visibility } = parseInput(ZCreateRoomRequest, input);
  if (actor.role === "MEMBER") {
    const owned = await rt.db.membership.count({ where: { userId: actor.id, role: "OWNER", room: { kind: "ROOM", archivedAt: null } } });
    if (owned >= MAX_OWNED_ROOMS) throw new AppError("FORBIDDEN", `You own ${MAX_OWNED_ROOMS} rooms, the most one person may; archive one first.`);
  }
  const base = slugify(name);
  for (let attempt = 0; attempt < 5; attempt++) {
    // Always suffixed: a bare slug only for free names would tell anyone that a private room of
    // that name exists.
    const slug = `${base}-${randomBytes(3).toString("hex")}`;
    try {
      const row = await rt.db.room.create({
        data: { slug, name, topic: topic || null, visibility, creatorId: actor.id, memberships: { create: { userId: actor.id, role: "OWNER" } } },
        select: roomSelectFor(actor.id),
      });
      rt.broadcast.subscribeUser(actor.id, row.id, true);
      return toRoomDTO(row);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  throw new AppError("CONFLICT", "Could not find a free address for this room name; try another name.");
}

/** A room as the caller sees it; NOT_FOUND if it does not exist or is private and the caller is not in it. */
export async function getRoom(rt: Runtime, actor: Actor, roomId: unknown): Promise<RoomDTO> {
  const id = parseRoomId(roomId);
  const row = await rt.db.room.findUnique({ where: { id }, select: roomSelectFor(actor.id) });
  if (!row || (row.visibility === "PRIVATE" && row.memberships.length === 0)) throw ROOM_NOT_FOUND();
  return toRoomView(rt, row);
}

export async function joinRoom(rt: Runtime, actor: Actor, roomId: unknown): Promise<RoomDTO> {
  const room = await getRoom(rt, actor, roomId);
  if (room.membership) return room;
  let created = true;
  const membership = await rt.db
    // A newcomer starts with the room read: its history is there to scroll, not to count as unread.
    .membership.create({ data: { userId: actor.id, roomId: room.id, lastReadSeq: room.lastSeq }, select: { role: true, joinedAt: true, user: { select: userSummarySelect } } })
    .catch((e: unknown) => {
      if (!isUniqueViolation(e)) throw e;
      created = false; // joined concurrently from another tab
      return null;
    });
  if (created && membership) {
    rt.broadcast.subscribeUser(actor.id, room.id, true);
    rt.broadcast.toRoom(room.id, "member:joined", { roomId: room.id, member: toMemberDTO(membership) });
  }
  return getRoom(rt, actor, room.id);
}

export async function leaveRoom(rt: Runtime, actor: Actor, roomId: unknown): Promise<void> {
  const room = await getRoom(rt, actor, roomId);
  if (!room.membership) return;
  if (room.kind === "DM" && (room.dmMembers?.length ?? 0) <= 2) throw new AppError("FORBIDDEN", "A direct message between two people cannot be left.");
  const { count } = await rt.db.$transaction(async (tx) => {
    // A group DM someone left is no longer the DM of its original set of people: opening that
    // set again starts a new one.
    if (room.kind === "DM") await tx.room.update({ where: { id: room.id }, data: { dmKey: null } });
    return tx.membership.deleteMany({ where: { userId: actor.id, roomId: room.id } });
  });
  if (count > 0) {
    rt.broadcast.toRoom(room.id, "member:left", { roomId: room.id, userId: actor.id });
    rt.broadcast.subscribeUser(actor.id, room.id, false);
    rt.broadcast.toUser(actor.id, "room:removed", { roomId: room.id });
  }
}

export async function listMembers(rt: Runtime, actor: Actor, roomId: unknown): Promise<MemberDTO[]> {
  const room = await getRoom(rt, actor, roomId);
  const rows = await rt.db.membership.findMany({
    where: { roomId: room.id },
    select: { role: true, joinedAt: true, user: { select: { ...userSummarySelect, status: true } } },
    orderBy: { joinedAt: "asc" },
    take: 5000,
  });
  return rows.map(toMemberDTO);
}

/** Ids of every room the user belongs to (to subscribe a new socket). */
export async function roomIdsOf(rt: Runtime, userId: string): Promise<string[]> {
  const rows = await rt.db.membership.findMany({ where: { userId }, select: { roomId: true } });
  return rows.map((r) => r.roomId);
}
