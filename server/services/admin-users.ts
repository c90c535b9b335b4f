/**
 * Global moderation of accounts (dashboard "Users"): search, view, change role, ban and unban,
 * mute and unmute, force sign-out. Each action: validate -> authorize (policy table + rank) ->
 * write with its audit entry in one transaction -> invalidate caches cluster-wide -> tell the
 * user's sockets. A ban and a forced sign-out bump `sessionVersion`, which every REST call and
 * socket handshake checks, revoke every server-side session of the user (off the Sessions page
 * for good: an unban does not bring them back), and disconnect the user's sockets on every instance.
 */
import type { Runtime } from "../runtime";
import { AppError } from "@/lib/shared/errors";
import {
  ADMIN_PAGE_SIZE,
  banMessage,
  ZBanRequest,
  ZMuteRequest,
  ZReasonOnly,
  ZSetRoleRequest,
  ZAdminUserSearch,
  type AdminUserDetail,
  type AdminUserDTO,
  type BanInfo,
  type MuteInfo,
  type Paged,
  type SessionEnded,
} from "@/lib/shared/moderation";

import { ZId } from "@/lib/shared/schemas";
import { type Prisma } from "../db";
import { auditOfTarget, recordAudit } from "./audit";
import { authorize, authorizeOver, type GlobalRoleName } from "./policy";
import type { Actor } from "./room-access";
import { removeTwoFactor } from "./two-factor";
import { revokeAllSessions } from "./user-sessions";
import { parseInput } from "./validate";

/** A staff member acting (their role is read fresh from the database by each service). */
export type StaffActor = Actor;

/** Disconnect this long after telling the sockets why, so the reason arrives first. */
const DISCONNECT_DELAY_MS = 200;

const userAdminSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  createdAt: true,
  bannedAt: true,
  bannedUntil: true,
  banReason: true,
  mutedUntil: true,
  muteReason: true,
} as const;
type UserAdminRow = Prisma.UserGetPayload<{ select: typeof userAdminSelect }>;

export function activeBan(u: { bannedAt: Date | null; bannedUntil: Date | null; banReason: string | null }, now = Date.now()): BanInfo | null {
  if (!u.bannedAt) return null;
  if (u.bannedUntil && u.bannedUntil.getTime() <= now) return null;
  return { reason: u.banReason ?? "", until: u.bannedUntil?.toISOString() ?? null, at: u.bannedAt.toISOString() };
}

export function activeMute(u: { mutedUntil: Date | null; muteReason: string | null }, scope: MuteInfo["scope"], now = Date.now()): MuteInfo | null {
  if (!u.mutedUntil || u.mutedUntil.getTime() <= now) return null;
  return { scope, until: u.mutedUntil.toISOString(), reason: u.muteReason };
}

function toAdminUser(u: UserAdminRow): AdminUserDTO {
  return { id: u.id, name: u.name, email: u.email, role: u.role, createdAt: u.createdAt.toISOString(), ban: activeBan(u), mute: activeMute(u, "global") };
}

/**
 * The actor's current global role, for every permission check: from the moderation cache, which
 * a role change invalidates on every instance — never the role a socket had when it connected
 * (a demoted moderator's open socket loses her powers at once).
 */
export async function roleOf(rt: Runtime, userId: string): Promise<GlobalRoleName> {
  return (await rt.moderation.userState(userId)).role;
}

async function staffContext(rt: Runtime, actor: StaffActor) {
  return { globalRole: await roleOf(rt, actor.id), roomRole: null };
}

async function findTarget(rt: Runtime, userId: unknown): Promise<UserAdminRow> {
  const id = ZId.safeParse(userId);
  const row = id.success ? await rt.db.user.findUnique({ where: { id: id.data }, select: userAdminSelect }) : null;
  if (!row) throw new AppError("NOT_FOUND", "No such user.");
  return row;
}

/** Tell the user's sockets why, then close them on every instance. */
export function endSessions(rt: Runtime, userId: string, payload: SessionEnded): void {
  rt.broadcast.toUser(userId, "session:ended", payload);
  setTimeout(() => rt.broadcast.disconnectUser(userId), DISCONNECT_DELAY_MS).unref();
}

export async function searchUsers(rt: Runtime, actor: StaffActor, query: unknown): Promise<Paged<AdminUserDTO>> {
  authorize("admin.access", await staffContext(rt, actor));
  const { q, page } = parseInput(ZAdminUserSearch, query);
  const where: Prisma.UserWhereInput = q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { email: { contains: q, mode: "insensitive" } }] } : {};
  const db = rt.db;
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * ADMIN_PAGE_SIZE, take: ADMIN_PAGE_SIZE, select: userAdminSelect }),
  ]);
  return { items: rows.map(toAdminUser), page, pageSize: ADMIN_PAGE_SIZE, total };
}

export async function getUserDetail(rt: Runtime, actor: StaffActor, userId: unknown): Promise<AdminUserDetail> {
  authorize("admin.access", await staffContext(rt, actor));
  const user = await findTarget(rt, userId);
  const db = rt.db;
  const [memberships, messages, history, messageCount, twoFactor, account, identities, sessions, invitation] = await Promise.all([
    db.membership.findMany({ where: { userId: user.id }, select: { role: true, room: { select: { id: true, name: true } } }, orderBy: { joinedAt: "asc" }, take: 200 }),
    db.message.findMany({
      where: { authorId: user.id },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: { id: true, roomId: true, body: true, createdAt: true, deletedAt: true, room: { select: { name: true } } },
    }),
    auditOfTarget(rt, user.id),
    db.message.count({ where: { authorId: user.id } }),
    db.twoFactor.findUnique({ where: { userId: user.id }, select: { enabledAt: true } }),
    db.user.findUnique({ where: { id: user.id }, select: { emailVerifiedAt: true } }),
    db.identity.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" }, select: { provider: true, email: true, lastUsedAt: true } }),
    db.session.findMany({ where: { userId: user.id, revokedAt: null, expiresAt: { gt: new Date() } }, orderBy: { lastActiveAt: "desc" }, take: 20, select: { userAgent: true, ip: true, createdAt: true, lastActiveAt: true } }),
    db.accountInvitation.findFirst({ where: { acceptedUserId: user.id }, select: { acceptedAt: true, invitedBy: { select: { name: true } } } }),
  ]);
  return {
    user: { ...toAdminUser(user), messageCount },
    rooms: memberships.map((m) => ({ id: m.room.id, name: m.room.name, role: m.role })),
    recentMessages: messages.map((m) => ({
      id: m.id,
      roomId: m.roomId,
      roomName: m.room.name,
      body: m.deletedAt ? "" : m.body,
      createdAt: m.createdAt.toISOString(),
      deleted: m.deletedAt !== null,
    })),
    history,
    twoFactorEnabled: Boolean(twoFactor?.enabledAt),
    emailVerifiedAt: account?.emailVerifiedAt?.toISOString() ?? null,
    identities: identities.map((i) => ({ provider: i.provider, email: i.email, lastUsedAt: i.lastUsedAt?.toISOString() ?? null })),
    sessions: sessions.map((s) => ({ userAgent: s.userAgent, ip: s.ip, createdAt: s.createdAt.toISOString(), lastActiveAt: s.lastActiveAt.toISOString() })),
    invitedBy: invitation?.acceptedAt ? { name: invitation.invitedBy.name, at: invitation.acceptedAt.toISOString() } : null,
  };
}

export async function banUser(rt: Runtime, actor: StaffActor, userId: unknown, input: unknown): Promise<AdminUserDTO> {
  const { reason, minutes } = parseInput(ZBanRequest, input);
  const target = await findTarget(rt, userId);
  authorizeOver("user.ban", await staffContext(rt, actor), { globalRole: target.role }, "You can only ban people below your own role.");
  const now = new Date();
  const until = minutes ? new Date(now.getTime() + minutes * 60_000) : null;
  const { row, sessionIds } = await rt.db.$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: target.id },
      data: { bannedAt: now, bannedUntil: until, banReason: reason, sessionVersion: { increment: 1 } },
      select: userAdminSelect,
    });
    await recordAudit(tx, { actorId: actor.id, action: "user.ban", targetType: "user", targetId: target.id, reason, details: { until: until?.toISOString() ?? null } });
    return { row: updated, sessionIds: await revokeAllSessions(tx, target.id) };
  });
  rt.moderation.invalidate({ kind: "user", userId: target.id });
  rt.sessionStates.invalidate(sessionIds);
  const ban = activeBan(row);
  if (ban) endSessions(rt, target.id, { reason: "banned", message: banMessage(ban), ban });
  return toAdminUser(row);
}

export async function unbanUser(rt: Runtime, actor: StaffActor, userId: unknown, input: unknown): Promise<AdminUserDTO> {
  const { reason } = parseInput(ZReasonOnly, input);
  const target = await findTarget(rt, userId);
  authorizeOver("user.ban", await staffContext(rt, actor), { globalRole: target.role });
  const row = await rt.db.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id: target.id }, data: { bannedAt: null, bannedUntil: null, banReason: null }, select: userAdminSelect });
    await recordAudit(tx, { actorId: actor.id, action: "user.unban", targetType: "user", targetId: target.id, reason });
    return updated;
  });
  rt.moderation.invalidate({ kind: "user", userId: target.id });
  return toAdminUser(row);
}

export async function muteUser(rt: Runtime, actor: StaffActor, userId: unknown, input: unknown): Promise<AdminUserDTO> {
  const { minutes, reason } = parseInput(ZMuteRequest, input);
  const target = await findTarget(rt, userId);
  authorizeOver("user.mute", await staffContext(rt, actor), { globalRole: target.role }, "You can only mute people below your own role.");
  const until = new Date(Date.now() + minutes * 60_000);
  const row = await rt.db.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id: target.id }, data: { mutedUntil: until, muteReason: reason || null }, select: userAdminSelect });
    await recordAudit(tx, { actorId: actor.id, action: "user.mute", targetType: "user", targetId: target.id, reason, details: { until: until.toISOString(), minutes } });
    return updated;
  });
  rt.moderation.invalidate({ kind: "user", userId: target.id });
  rt.broadcast.toUser(target.id, "moderation:muted", { roomId: null, mute: activeMute(row, "global") });
  return toAdminUser(row);
}

export async function unmuteUser(rt: Runtime, actor: StaffActor, userId: unknown, input: unknown): Promise<AdminUserDTO> {
  const { reason } = parseInput(ZReasonOnly, input);
  const target = await findTarget(rt, userId);
  authorizeOver("user.mute", await staffContext(rt, actor), { globalRole: target.role });
  const row = await rt.db.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id: target.id }, data: { mutedUntil: null, muteReason: null }, select: userAdminSelect });
    await recordAudit(tx, { actorId: actor.id, action: "user.unmute", targetType: "user", targetId: target.id, reason });
    return updated;
  });
  rt.moderation.invalidate({ kind: "user", userId: target.id });
  rt.broadcast.toUser(target.id, "moderation:muted", { roomId: null, mute: null });
  return toAdminUser(row);
}

export async function forceSignOut(rt: Runtime, actor: StaffActor, userId: unknown, input: unknown): Promise<AdminUserDTO> {
  const { reason } = parseInput(ZReasonOnly, input);
  const target = await findTarget(rt, userId);
  authorizeOver("user.signOut", await staffContext(rt, actor), { globalRole: target.role }, "You can only sign out people below your own role.");
  const { row, sessionIds } = await rt.db.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id: target.id }, data: { sessionVersion: { increment: 1 } }, select: userAdminSelect });
    await recordAudit(tx, { actorId: actor.id, action: "user.signOut", targetType: "user", targetId: target.id, reason });
    return { row: updated, sessionIds: await revokeAllSessions(tx, target.id) };
  });
  rt.moderation.invalidate({ kind: "user", userId: target.id });
  rt.sessionStates.invalidate(sessionIds);
  endSessions(rt, target.id, { reason: "signed_out", message: "A moderator signed you out of every session.", ban: null });
  return toAdminUser(row);
}

/**
 * For someone who lost their authenticator and their recovery codes: their second factor is
 * removed (they sign in with the password alone and may set up a new one), audited. Their
 * sessions stay: the person asking is usually locked out, not compromised; an admin who suspects
 * a compromised account also uses Force sign-out (user.signOut).
 */
export async function resetTwoFactor(rt: Runtime, actor: StaffActor, userId: unknown, input: unknown): Promise<AdminUserDTO> {
  const { reason } = parseInput(ZReasonOnly, input);
  const target = await findTarget(rt, userId);
  authorizeOver("user.resetTwoFactor", await staffContext(rt, actor), { globalRole: target.role }, "You can only reset the two-factor sign-in of people below your own role.");
  await rt.db.$transaction(async (tx) => {
    if (!(await removeTwoFactor(tx, target.id))) throw new AppError("BAD_REQUEST", "This account has no two-factor sign-in to reset.");
    await recordAudit(tx, { actorId: actor.id, action: "user.resetTwoFactor", targetType: "user", targetId: target.id, reason });
  });
  rt.log.info("two-factor reset by an admin", { userId: target.id, actorId: actor.id });
  return toAdminUser(target);
}

export async function setUserRole(rt: Runtime, actor: StaffActor, userId: unknown, input: unknown): Promise<AdminUserDTO> {
  const { role, reason } = parseInput(ZSetRoleRequest, input);
  const target = await findTarget(rt, userId);
  if (target.id === actor.id) throw new AppError("FORBIDDEN", "You cannot change your own role.");
  authorizeOver("user.setRole", await staffContext(rt, actor), { globalRole: target.role }, "You can only change the role of people below your own role.");
  const row = await rt.db.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id: target.id }, data: { role }, select: userAdminSelect });
    await recordAudit(tx, { actorId: actor.id, action: "user.setRole", targetType: "user", targetId: target.id, reason, details: { from: target.role, to: role } });
    return updated;
  });
  rt.moderation.invalidate({ kind: "user", userId: target.id });
  return toAdminUser(row);
}

/** Sign-in check: refuse a banned account with its reason (the password was right). */
export function assertNotBanned(u: { bannedAt: Date | null; bannedUntil: Date | null; banReason: string | null }): void {
  const ban = activeBan(u);
  if (ban) throw new AppError("BANNED", banMessage(ban), { reason: ban.reason, until: ban.until });
}
