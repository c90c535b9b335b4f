/**
 * A user's sessions (signed-in browsers): started at sign-in, listed on the Sessions page,
 * revoked by sign-out, by the user (one, or all others), and by a ban or a forced sign-out.
 * A revocation is committed, then forgotten by every instance's cache (./session-states.ts),
 * then the session's open sockets are closed on every instance.
 */
import type { Runtime } from "../runtime";
import { AppError } from "@/lib/shared/errors";
import { ZId } from "@/lib/shared/schemas";
import { describeUserAgent, ZRevokeOthersQuery, type SessionDTO } from "@/lib/shared/sessions";
import type { Prisma } from "../db";
import { SESSION_MAX_AGE_S } from "./session-states";
import { parseInput } from "./validate";

export interface SessionClient {
  userAgent: string;
  ip: string;
}

/** A new session for a user who just signed in; its id goes into the cookie's JWT. */
export async function startSession(rt: Runtime, userId: string, client: SessionClient): Promise<string> {
  const now = Date.now();
  const row = await rt.db.session.create({
    data: { userId, userAgent: client.userAgent.slice(0, 512), ip: client.ip.slice(0, 64), expiresAt: new Date(now + SESSION_MAX_AGE_S * 1000) },
    select: { id: true },
  });
  // Housekeeping, per user: sessions expired, or revoked a while ago, are of no use to anyone.
  const longAgo = new Date(now - SESSION_MAX_AGE_S * 1000);
  await rt.db.session.deleteMany({ where: { userId, OR: [{ expiresAt: { lt: new Date(now) } }, { revokedAt: { lt: longAgo } }] } });
  return row.id;
}

/** The user's live sessions, most recently used first. */
export async function listSessions(rt: Runtime, userId: string, currentSessionId: string): Promise<SessionDTO[]> {
  const rows = await rt.db.session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: [{ lastActiveAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  return rows.map((r) => ({
    id: r.id,
    ...describeUserAgent(r.userAgent),
    ip: r.ip,
    createdAt: r.createdAt.toISOString(),
    lastActiveAt: r.lastActiveAt.toISOString(),
    current: r.id === currentSessionId,
  }));
}

/** Revoke one of the user's own sessions (the current one included: that is signing out). */
export async function revokeSession(rt: Runtime, userId: string, sessionId: unknown): Promise<void> {
  const id = ZId.safeParse(sessionId);
  const row = id.success ? await rt.db.session.findUnique({ where: { id: id.data }, select: { userId: true } }) : null;
  // Another user's session is as absent as one that never existed.
  if (!id.success || !row || row.userId !== userId) throw new AppError("NOT_FOUND", "No such session.");
  await endSessions(rt, { id: id.data, userId });
}

/** `DELETE /api/sessions?others=1`: every session of the user but this one. How many were revoked. */
export async function revokeOtherSessions(rt: Runtime, userId: string, currentSessionId: string, query: unknown): Promise<number> {
  parseInput(ZRevokeOthersQuery, query);
  return (await endSessions(rt, { userId, id: { not: currentSessionId } })).length;
}

/** Sign-out (next-auth's signOut event): the cookie's session, if it is this user's. */
export async function signOutSession(rt: Runtime, userId: string, sessionId: string): Promise<void> {
  if (ZId.safeParse(sessionId).success) await endSessions(rt, { id: sessionId, userId });
}

/** Inside a ban's or forced sign-out's transaction: revoke every session of the user; their ids (for forgetSessions). */
export function revokeAllSessions(tx: Prisma.TransactionClient, userId: string): Promise<string[]> {
  return revokeWhere(tx, { userId });
}

/** Inside a password change's transaction: revoke every session of the user but `keepId`; their ids (for forgetSessions). */
export function revokeOtherSessionsIn(tx: Prisma.TransactionClient, userId: string, keepId: string): Promise<string[]> {
  return revokeWhere(tx, { userId, id: { not: keepId } });
}

/** After the revocation committed: no instance accepts these sessions any more, and their sockets close. */
export function forgetSessions(rt: Runtime, sessionIds: readonly string[]): void {
  rt.sessionStates.invalidate(sessionIds);
  rt.broadcast.disconnectSessions(sessionIds);
}

async function endSessions(rt: Runtime, where: Prisma.SessionWhereInput): Promise<string[]> {
  const ids = await revokeWhere(rt.db, where);
  forgetSessions(rt, ids);
  return ids;
}

async function revokeWhere(db: Prisma.TransactionClient, where: Prisma.SessionWhereInput): Promise<string[]> {
  const rows = await db.session.updateManyAndReturn({ where: { ...where, revokedAt: null }, data: { revokedAt: new Date() }, select: { id: true } });
  return rows.map((r) => r.id);
}
