/**
 * Managing a room: settings (name, topic, visibility), archiving, adding people by name.
 * Rules in policy.ts (`room.update`, `room.archive`, `room.invite`). DMs have none of these:
 * their people and settings are fixed. Changes are announced to the room as `room:updated`.
 */
import type { Runtime } from "../runtime";
import { AppError } from "@/lib/shared/errors";
import { ZAddMemberRequest, ZArchiveRequest, ZId, ZRenameDmRequest, ZUpdateRoomRequest } from "@/lib/shared/schemas";
import type { MemberDTO, RoomDTO } from "@/lib/shared/types";
import { roomSelectFor, toMemberDTO, toRoomSettingsDTO, userSummarySelect } from "./dto";
import { recordAudit } from "./audit";
import { isUniqueViolation } from "./errors";
import { authorize, type Action, type PolicyContext } from "./policy";
import { toRoomView } from "./room-views";
import type { Actor } from "./room-access";
import { parseInput } from "./validate";

const ROOM_NOT_FOUND = () => new AppError("NOT_FOUND", "No such room.");

export interface RoomStanding {
  roomId: string;
  kind: "ROOM" | "DM";
  visibility: "PUBLIC" | "PRIVATE";
  archived: boolean;
  ctx: PolicyContext;
}

/**
 * The room and the actor's roles in it, read fresh (a demoted moderator's open socket carries
 * the old role). NOT_FOUND when the actor may not see the room; global staff see every room.
 */
export async function roomStanding(rt: Runtime, actor: Actor, roomId: unknown): Promise<RoomStanding> {
  const parsed = ZId.safeParse(roomId);
  if (!parsed.success) throw ROOM_NOT_FOUND();
  const db = rt.db;
  const [room, user] = await Promise.all([
    db.room.findUnique({ where: { id: parsed.data }, select: { id: true, kind: true, visibility: true, archivedAt: true } }),
    db.user.findUnique({ where: { id: actor.id }, select: { role: true, memberships: { where: { roomId: parsed.data }, select: { role: true } } } }),
  ]);
  if (!room || !user) throw ROOM_NOT_FOUND();
  const roomRole = user.memberships[0]?.role ?? null;
  const staff = user.role !== "MEMBER";
  if (room.visibility === "PRIVATE" && roomRole === null && !staff) throw ROOM_NOT_FOUND();
  return { roomId: room.id, kind: room.kind, visibility: room.visibility, archived: room.archivedAt !== null, ctx: { globalRole: user.role, roomRole } };
}

/** Authorize a management action on an ordinary, live room. */
export async function requireManageable(rt: Runtime, actor: Actor, roomId: unknown, action: Action, refusal: string): Promise<RoomStanding> {
  const standing = await roomStanding(rt, actor, roomId);
  if (standing.kind === "DM") throw new AppError("FORBIDDEN", "A direct message has fixed people and no settings.");
  authorize(action, standing.ctx, refusal);
  return standing;
}

function refuseArchived(standing: RoomStanding): void {
  if (standing.archived) throw new AppError("FORBIDDEN", "This room is archived: it is read-only.");
}

export async function updateRoom(rt: Runtime, actor: Actor, roomId: unknown, input: unknown): Promise<RoomDTO> {
  const dm = await roomStanding(rt, actor, roomId);
  if (dm.kind === "DM") return renameGroupDm(rt, actor, dm, input);
  const standing = await requireManageable(rt, actor, roomId, "room.update", "Only the room's owners and moderators can change its settings.");
  refuseArchived(standing);
  const { name, topic, visibility } = parseInput(ZUpdateRoomRequest, input);
  const changesVisibility = visibility !== undefined && visibility !== standing.visibility;
  // Opening a private room exposes its whole history: its owner's decision (or an admin's).
  if (changesVisibility && visibility === "PUBLIC") authorize("room.makePublic", standing.ctx, "Only the room's owner or an admin can make a private room public.");
  const row = await rt.db.$transaction(async (tx) => {
    const updated = await tx.room.update({
      where: { id: standing.roomId },
      data: { ...(name !== undefined ? { name } : {}), ...(topic !== undefined ? { topic: topic || null } : {}), ...(visibility ? { visibility } : {}) },
      select: { id: true, name: true, topic: true, visibility: true, archivedAt: true },
    });
    if (changesVisibility) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: visibility === "PUBLIC" ? "room.makePublic" : "room.makePrivate",
        targetType: "room",
        targetId: updated.id,
        details: { label: `#${updated.name}` },
      });
    }
    return updated;
  });
  rt.broadcast.toRoom(row.id, "room:updated", { room: toRoomSettingsDTO(row) });
  return viewFor(rt, actor.id, row.id);
}

/**
 * A group DM's name, set (or cleared) by any of its members; the others see it live through
 * `room:updated`. A 1:1 DM is titled by the other person and has no name.
 */
async function renameGroupDm(rt: Runtime, actor: Actor, standing: RoomStanding, input: unknown): Promise<RoomDTO> {
  if (standing.ctx.roomRole === null) throw ROOM_NOT_FOUND();
  const { name } = parseInput(ZRenameDmRequest, input);
  const members = await rt.db.membership.count({ where: { roomId: standing.roomId } });
  if (members <= 2) throw new AppError("FORBIDDEN", "A conversation between two people is named after the other person.");
  const row = await rt.db.room.update({
    where: { id: standing.roomId },
    data: { dmName: name },
    select: { id: true, name: true, dmName: true, topic: true, visibility: true, archivedAt: true },
  });
  rt.broadcast.toRoom(row.id, "room:updated", { room: toRoomSettingsDTO(row) });
  return viewFor(rt, actor.id, row.id);
}

/**
 * Archive (read-only, hidden from lists, history kept) or unarchive, with an audit entry
 * (`room.archive` / `room.unarchive`) in the same transaction. Also used by the admin dashboard.
 */
export async function setRoomArchived(rt: Runtime, actor: Actor, roomId: unknown, input: unknown): Promise<RoomDTO> {
  const standing = await requireManageable(rt, actor, roomId, "room.archive", "Only the room's owner can archive it.");
  const { archived, reason } = parseInput(ZArchiveRequest, input ?? {});
  const row = await rt.db.$transaction(async (tx) => {
    const updated = await tx.room.update({
      where: { id: standing.roomId },
      data: { archivedAt: archived ? new Date() : null },
      select: { id: true, name: true, topic: true, visibility: true, archivedAt: true },
    });
    if (standing.archived !== archived) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: archived ? "room.archive" : "room.unarchive",
        targetType: "room",
        targetId: updated.id,
        reason,
        details: { label: `#${updated.name}` },
      });
    }
    return updated;
  });
  if (standing.archived !== archived) rt.broadcast.toRoom(row.id, "room:updated", { room: toRoomSettingsDTO(row) });
  return viewFor(rt, actor.id, row.id);
}

/** The room as `userId` sees it (also for staff who are not members). */
async function viewFor(rt: Runtime, userId: string, roomId: string): Promise<RoomDTO> {
  const row = await rt.db.room.findUnique({ where: { id: roomId }, select: roomSelectFor(userId) });
  if (!row) throw ROOM_NOT_FOUND();
  return toRoomView(rt, row);
}

/**
 * Add a user to the room (an invite by name): they become a member at once, their sockets
 * subscribe, their sidebar gains the room, and the room sees them join.
 */
export async function addMember(rt: Runtime, actor: Actor, roomId: unknown, input: unknown): Promise<MemberDTO> {
  const standing = await requireManageable(rt, actor, roomId, "room.invite", "Only the room's owners and moderators can invite people.");
  refuseArchived(standing);
  const { userId } = parseInput(ZAddMemberRequest, input);
  const db = rt.db;
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) throw new AppError("NOT_FOUND", "No such user.");
  return admit(rt, userId, standing.roomId);
}

/** Make `userId` a member and announce it (used by invites by name and by invite links). */
export async function admit(rt: Runtime, userId: string, roomId: string): Promise<MemberDTO> {
  const select = { role: true, joinedAt: true, user: { select: { ...userSummarySelect, status: true } } } as const;
  const db = rt.db;
  try {
    const membership = await db.membership.create({ data: { userId, roomId }, select });
    rt.broadcast.subscribeUser(userId, roomId, true);
    rt.broadcast.toRoom(roomId, "member:joined", { roomId, member: toMemberDTO(membership) });
    rt.broadcast.toUser(userId, "room:added", { room: await viewFor(rt, userId, roomId) });
    return toMemberDTO(membership);
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // Already a member: nothing changes.
    const existing = await db.membership.findUniqueOrThrow({ where: { userId_roomId: { userId, roomId } }, select });
    return toMemberDTO(existing);
  }
}
