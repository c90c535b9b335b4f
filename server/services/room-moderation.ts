/**
 * Room-level moderation, used from the room's own UI by its owners and moderators and from the
 * dashboard by global staff: lock, slow mode, mute / unmute / remove a member, delete a room.
 * Same shape as every moderation action: validate -> authorize -> write + audit in one
 * transaction -> invalidate caches cluster-wide -> emit.
 */
import type { Runtime } from "../runtime";
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
import { activeMute, roleOf, type StaffActor } from "./admin-users";
import { recordAudit } from "./audit";
import { authorize, authorizeOver, can, type Action, type PolicyContext } from "./policy";
import { getRoom } from "./rooms";
import { parseInput } from "./validate";

/** The room (NOT_FOUND if invisible to the actor) and the actor's policy context in it. */
async function roomContext(rt: Runtime, actor: StaffActor, roomId: unknown): Promise<{ room: { id: string; name: string }; ctx: PolicyContext }> {
  const globalRole = await roleOf(rt, actor.id);
  const id = ZId.safeParse(roomId);
  if ((globalRole === "ADMIN" || globalRole === "MODERATOR") && id.success) {
    // Global staff moderate every room from the dashboard, private ones included.
    const row = await rt.db.room.findUnique({
      where: { id: id.data },
      select: { id: true, name: true, memberships: { where: { userId: actor.id }, select: { role: true } } },
    });
    if (!row) throw new AppError("NOT_FOUND", "No such room.");
    return { room: { id: row.id, name: row.name }, ctx: { globalRole, roomRole: row.memberships[0]?.role ?? null } };
  }
  const room = await getRoom(rt, actor, roomId);
  return { room: { id: room.id, name: room.name }, ctx: { globalRole, roomRole: room.membership?.role ?? null } };
}

function announceRoom(rt: Runtime, room: { id: string; locked: boolean; slowModeSeconds: number }) {
  rt.broadcast.toRoom(room.id, "room:moderation", { roomId: room.id, locked: room.locked, slowModeSeconds: room.slowModeSeconds });
}

export async function setRoomLock(rt: Runtime, actor: StaffActor, roomId: unknown, input: unknown) {
  const { locked, reason } = parseInput(ZLockRequest, input);
  const { room, ctx } = await roomContext(rt, actor, roomId);
  authorize("room.lock", ctx);
  const row = await rt.db.$transaction(async (tx) => {
    const updated = await tx.room.update({ where: { id: room.id }, data: { locked }, select: { id: true, locked: true, slowModeSeconds: true } });
    await recordAudit(tx, { actorId: actor.id, action: locked ? "room.lock" : "room.unlock", targetType: "room", targetId: room.id, reason });
    return updated;
  });
  rt.moderation.invalidate({ kind: "room", roomId: room.id });
  announceRoom(rt, row);
  return row;
}

export async function setRoomSlowMode(rt: Runtime, actor: StaffActor, roomId: unknown, input: unknown) {
  const { seconds, reason } = parseInput(ZSlowModeRequest, input);
  const { room, ctx } = await roomContext(rt, actor, roomId);
  authorize("room.slowMode", ctx);
  const row = await rt.db.$transaction(async (tx) => {
    const updated = await tx.room.update({ where: { id: room.id }, data: { slowModeSeconds: seconds }, select: { id: true, locked: true, slowModeSeconds: true } });
    await recordAudit(tx, { actorId: actor.id, action: "room.slowMode", targetType: "room", targetId: room.id, reason, details: { seconds } });
    return updated;
  });
  rt.moderation.invalidate({ kind: "room", roomId: room.id });
  announceRoom(rt, row);
  return row;
}

async function targetMember(rt: Runtime, roomId: string, userId: unknown) {
  const id = ZId.safeParse(userId);
  const m = id.success
    ? await rt.db.membership.findUnique({
        where: { userId_roomId: { userId: id.data, roomId } },
        select: { role: true, user: { select: { id: true, name: true, role: true } } },
      })
    : null;
  if (!m) throw new AppError("NOT_FOUND", "This person is not a member of the room.");
  return m;
}

async function memberAction(rt: Runtime, actor: StaffActor, action: Action, roomId: unknown, userId: unknown) {
  const { room, ctx } = await roomContext(rt, actor, roomId);
  const target = await targetMember(rt, room.id, userId);
  if (target.user.id === actor.id) throw new AppError("FORBIDDEN", "You cannot do that to yourself.");
  authorizeOver(action, ctx, { globalRole: target.user.role, roomRole: target.role }, "You can only moderate people below your own role.");
  return { room, target };
}

export async function muteMember(rt: Runtime, actor: StaffActor, roomId: unknown, userId: unknown, input: unknown): Promise<MuteInfo | null> {
  const { minutes, reason } = parseInput(ZMuteRequest, input);
  const { room, target } = await memberAction(rt, actor, "room.member.mute", roomId, userId);
  const until = new Date(Date.now() + minutes * 60_000);
  await rt.db.$transaction(async (tx) => {
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
  rt.moderation.invalidate({ kind: "member", roomId: room.id, userId: target.user.id });
  const mute = activeMute({ mutedUntil: until, muteReason: reason || null }, "room");
  rt.broadcast.toUser(target.user.id, "moderation:muted", { roomId: room.id, mute });
  return mute;
}

export async function unmuteMember(rt: Runtime, actor: StaffActor, roomId: unknown, userId: unknown, input: unknown): Promise<void> {
  const { reason } = parseInput(ZReasonOnly, input);
  const { room, target } = await memberAction(rt, actor, "room.member.mute", roomId, userId);
  await rt.db.$transaction(async (tx) => {
    await tx.membership.update({ where: { userId_roomId: { userId: target.user.id, roomId: room.id } }, data: { mutedUntil: null, muteReason: null } });
    await recordAudit(tx, { actorId: actor.id, action: "room.member.unmute", targetType: "user", targetId: target.user.id, reason, details: { roomId: room.id, room: room.name } });
  });
  rt.moderation.invalidate({ kind: "member", roomId: room.id, userId: target.user.id });
  rt.broadcast.toUser(target.user.id, "moderation:muted", { roomId: room.id, mute: null });
}

export async function removeMember(rt: Runtime, actor: StaffActor, roomId: unknown, userId: unknown, input: unknown): Promise<void> {
  const { reason } = parseInput(ZReasonOnly, input);
  const { room, target } = await memberAction(rt, actor, "room.member.remove", roomId, userId);
  await rt.db.$transaction(async (tx) => {
    await tx.membership.delete({ where: { userId_roomId: { userId: target.user.id, roomId: room.id } } });
    await recordAudit(tx, { actorId: actor.id, action: "room.member.remove", targetType: "user", targetId: target.user.id, reason, details: { roomId: room.id, room: room.name } });
  });
  rt.moderation.invalidate({ kind: "member", roomId: room.id, userId: target.user.id });
  rt.broadcast.toUser(target.user.id, "member:removed", { roomId: room.id, reason: reason || null });
  rt.broadcast.subscribeUser(target.user.id, room.id, false);
  rt.broadcast.toRoom(room.id, "member:left", { roomId: room.id, userId: target.user.id });
}

export async function deleteRoom(rt: Runtime, actor: StaffActor, roomId: unknown, input: unknown): Promise<void> {
  const { reason } = parseInput(ZReasonOnly, input);
  const { room, ctx } = await roomContext(rt, actor, roomId);
  authorize("room.delete", ctx);
  const memberIds = (await rt.db.membership.findMany({ where: { roomId: room.id }, select: { userId: true } })).map((m) => m.userId);
  await rt.db.$transaction(async (tx) => {
    await tx.room.delete({ where: { id: room.id } });
    await recordAudit(tx, { actorId: actor.id, action: "room.delete", targetType: "room", targetId: room.id, reason, details: { label: `#${room.name}` } });
  });
  rt.moderation.invalidate({ kind: "room", roomId: room.id });
  for (const userId of memberIds) rt.broadcast.toUser(userId, "member:removed", { roomId: room.id, reason: "The room was deleted." });
  rt.broadcast.closeRoom(room.id);
}

/** What the composer and room menu need: lock, slow mode, the caller's mute and powers. */
export async function getRoomModeration(rt: Runtime, actor: StaffActor, roomId: unknown): Promise<RoomModerationState> {
  const room = await getRoom(rt, actor, roomId);
  const db = rt.db;
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
