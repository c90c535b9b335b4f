/**
 * Room-level moderation, used from the room's own UI by its owners and moderators and from the
 * dashboard by global staff: lock, slow mode, mute / unmute / remove a member, delete a room.
 * Same shape as every moderation action: validate -> authorize -> write + audit in one
 * transaction -> invalidate caches cluster-wide -> emit.
 */
import { AppError } from "@/lib/shared/errors";
import {
  ZLockRequest,
  ZMuteRequest,
  ZReasonOnly,
  ZSlowModeRequest,
  type MuteInfo,
  type RoomModerationState,
} from "@/lib/shared/moderation";
import { ZId } from "@/lib/shared/schemas";
import { getDb } from "../db";
import { emitToRoom, emitToUser, getIo, subscribeUser } from "../realtime/registry";
import { activeMute, roleOf, type StaffActor } from "./admin-users";
import { recordAudit } from "./audit";
import { invalidate } from "./moderation-state";
import { authorize, authorizeOver, can, type Action, type PolicyContext } from "./policy";
import { getRoom } from "./rooms";
import { parseInput } from "./validate";

/** The room (NOT_FOUND if invisible to the actor) and the actor's policy context in it. */
async function roomContext(actor: StaffActor, roomId: unknown): Promise<{ room: { id: string; name: string }; ctx: PolicyContext }> {
  const globalRole = await roleOf(actor.id);
  const id = ZId.safeParse(roomId);
  if ((globalRole === "ADMIN" || globalRole === "MODERATOR") && id.success) {
    // Global staff moderate every room from the dashboard, private ones included.
    const row = await getDb().room.findUnique({
      where: { id: id.data },
      select: { id: true, name: true, memberships: { where: { userId: actor.id }, select: { role: true } } },
    });
    if (!row) throw new AppError("NOT_FOUND", "No such room.");
    return { room: { id: row.id, name: row.name }, ctx: { globalRole, roomRole: row.memberships[0]?.role ?? null } };
  }
  const room = await getRoom(actor, roomId);
  return { room: { id: room.id, name: room.name }, ctx: { globalRole, roomRole: room.membership?.role ?? null } };
}

function announceRoom(room: { id: string; locked: boolean; slowModeSeconds: number }) {
  emitToRoom(room.id, "room:moderation", { roomId: room.id, locked: room.locked, slowModeSeconds: room.slowModeSeconds });
}

export async function setRoomLock(actor: StaffActor, roomId: unknown, input: unknown) {
  const { locked, reason } = parseInput(ZLockRequest, input);
  const { room, ctx } = await roomContext(actor, roomId);
  authorize("room.lock", ctx);
  const row = await getDb().$transaction(async (tx) => {
    const updated = await tx.room.update({ where: { id: room.id }, data: { locked }, select: { id: true, locked: true, slowModeSeconds: true } });
    await recordAudit(tx, { actorId: actor.id, action: locked ? "room.lock" : "room.unlock", targetType: "room", targetId: room.id, reason });
    return updated;
  });
  invalidate({ kind: "room", roomId: room.id });
  announceRoom(row);
  return row;
}

export async function setRoomSlowMode(actor: StaffActor, roomId: unknown, input: unknown) {
  const { seconds, reason } = parseInput(ZSlowModeRequest, input);
  const { room, ctx } = await roomContext(actor, roomId);
  authorize("room.slowMode", ctx);
  const row = await getDb().$transaction(async (tx) => {
    const updated = await tx.room.update({ where: { id: room.id }, data: { slowModeSeconds: seconds }, select: { id: true, locked: true, slowModeSeconds: true } });
    await recordAudit(tx, { actorId: actor.id, action: "room.slowMode", targetType: "room", targetId: room.id, reason, details: { seconds } });
    return updated;
  });
  invalidate({ kind: "room", roomId: room.id });
  announceRoom(row);
  return row;
}

async function targetMember(roomId: string, userId: unknown) {
  const id = ZId.safeParse(userId);
  const m = id.success
    ? await getDb().membership.findUnique({
        where: { userId_roomId: { userId: id.data, roomId } },
        select: { role: true, user: { select: { id: true, name: true, role: true } } },
      })
    : null;
  if (!m) throw new AppError("NOT_FOUND", "This person is not a member of the room.");
  return m;
}

async function memberAction(actor: StaffActor, action: Action, roomId: unknown, userId: unknown) {
  const { room, ctx } = await roomContext(actor, roomId);
  const target = await targetMember(room.id, userId);
  if (target.user.id === actor.id) throw new AppError("FORBIDDEN", "You cannot do that to yourself.");
  authorizeOver(action, ctx, { globalRole: target.user.role, roomRole: target.role }, "You can only moderate people below your own role.");
  return { room, target };
}

export async function muteMember(actor: StaffActor, roomId: unknown, userId: unknown, input: unknown): Promise<MuteInfo | null> {
  const { minutes, reason } = parseInput(ZMuteRequest, input);
  const { room, target } = await memberAction(actor, "room.member.mute", roomId, userId);
  const until = new Date(Date.now() + minutes * 60_000);
  await getDb().$transaction(async (tx) => {
    await tx.membership.update({ where: { userId_roomId: { userId: target.user.id, roomId: room.id } }, data: { mutedUntil: until, muteReason: reason || null } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "room.member.mute",
      targetType: "user",
      targetId: target.user.id,
      reason,
      details: { roomId: room.id, room: room.name, until: until.toISOString(), minutes },
    });
  });
  invalidate({ kind: "member", roomId: room.id, userId: target.user.id });
  const mute = activeMute({ mutedUntil: until, muteReason: reason || null }, "room");
  emitToUser(target.user.id, "moderation:muted", { roomId: room.id, mute });
  return mute;
}

export async function unmuteMember(actor: StaffActor, roomId: unknown, userId: unknown, input: unknown): Promise<void> {
  const { reason } = parseInput(ZReasonOnly, input);
  const { room, target } = await memberAction(actor, "room.member.mute", roomId, userId);
  await getDb().$transaction(async (tx) => {
    await tx.membership.update({ where: { userId_roomId: { userId: target.user.id, roomId: room.id } }, data: { mutedUntil: null, muteReason: null } });
    await recordAudit(tx, { actorId: actor.id, action: "room.member.unmute", targetType: "user", targetId: target.user.id, reason, details: { roomId: room.id, room: room.name } });
  });
  invalidate({ kind: "member", roomId: room.id, userId: target.user.id });
  emitToUser(target.user.id, "moderation:muted", { roomId: room.id, mute: null });
}

export async function removeMember(actor: StaffActor, roomId: unknown, userId: unknown, input: unknown): Promise<void> {
  const { reason } = parseInput(ZReasonOnly, input);
  const { room, target } = await memberAction(actor, "room.member.remove", roomId, userId);
  await getDb().$transaction(async (tx) => {
    await tx.membership.delete({ where: { userId_roomId: { userId: target.user.id, roomId: room.id } } });
    await recordAudit(tx, { actorId: actor.id, action: "room.member.remove", targetType: "user", targetId: target.user.id, reason, details: { roomId: room.id, room: room.name } });
  });
  invalidate({ kind: "member", roomId: room.id, userId: target.user.id });
  emitToUser(target.user.id, "member:removed", { roomId: room.id, reason: reason || null });
  subscribeUser(target.user.id, room.id, false);
  emitToRoom(room.id, "member:left", { roomId: room.id, userId: target.user.id });
}

export async function deleteRoom(actor: StaffActor, roomId: unknown, input: unknown): Promise<void> {
  const { reason } = parseInput(ZReasonOnly, input);
  const { room, ctx } = await roomContext(actor, roomId);
  authorize("room.delete", ctx);
  const memberIds = (await getDb().membership.findMany({ where: { roomId: room.id }, select: { userId: true } })).map((m) => m.userId);
  await getDb().$transaction(async (tx) => {
    await tx.room.delete({ where: { id: room.id } });
    await recordAudit(tx, { actorId: actor.id, action: "room.delete", targetType: "room", targetId: room.id, reason, details: { label: `#${room.name}` } });
  });
  invalidate({ kind: "room", roomId: room.id });
  for (const userId of memberIds) emitToUser(userId, "member:removed", { roomId: room.id, reason: "The room was deleted." });
  getIo()?.in(`room:${room.id}`).socketsLeave(`room:${room.id}`);
}

/** What the composer and room menu need: lock, slow mode, the caller's mute and powers. */
export async function getRoomModeration(actor: StaffActor, roomId: unknown): Promise<RoomModerationState> {
  const room = await getRoom(actor, roomId);
  const db = getDb();
  const [r, user, member] = await Promise.all([
    db.room.findUnique({ where: { id: room.id }, select: { locked: true, slowModeSeconds: true } }),
    db.user.findUnique({ where: { id: actor.id }, select: { role: true, mutedUntil: true, muteReason: true } }),
    db.membership.findUnique({ where: { userId_roomId: { userId: actor.id, roomId: room.id } }, select: { role: true, mutedUntil: true, muteReason: true } }),
  ]);
  const ctx: PolicyContext = { globalRole: user?.role ?? "MEMBER", roomRole: member?.role ?? null };
  return {
    roomId: room.id,
    locked: r?.locked ?? false,
    slowModeSeconds: r?.slowModeSeconds ?? 0,
    exempt: can("room.bypassLimits", ctx),
    canModerate: can("room.lock", ctx),
    mute: (user && activeMute(user, "global")) ?? (member ? activeMute(member, "room") : null),
  };
}
