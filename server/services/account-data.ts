/**
 * Leaving (docs/accounts.md "Your data and leaving"): a user downloads what Parley holds about
 * them as one JSON archive, and deletes their account; admins can do both for anyone (audited).
 * A deleted account stays as a row named "Deleted user" (messages, reactions and DMs keep pointing
 * at it) with every personal field erased, every session revoked, every identity unlinked and no
 * way to sign in. Its messages are kept or removed by ACCOUNT_DELETION_MESSAGES.
 */
import { verify } from "@node-rs/argon2";
import { z } from "zod";
import type { Runtime } from "../runtime";
import { AppError } from "@/lib/shared/errors";
import { ZId } from "@/lib/shared/schemas";
import type { CurrentUser, UserSummary } from "@/lib/shared/types";
import { roleOf } from "./admin-users";
import { recordAudit } from "./audit";
import { messageSelect, toMessageDTO } from "./dto";
import { authorizeOver } from "./policy";
import { roomIdsOf } from "./rooms";
import { forgetSessions, revokeAllSessions } from "./user-sessions";
import { parseInput } from "./validate";

export const DELETED_USER_NAME = "Deleted user";

/** Rows read per query while the archive streams out. */
const PAGE = 1000;

/** The archive's name in Content-Disposition. */
export function exportFileName(now = new Date()): string {
  return `parley-export-${now.toISOString().slice(0, 10)}.json`;
}

async function exportedUser(rt: Runtime, userId: string) {
  const user = await rt.db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, emailVerifiedAt: true, name: true, role: true, createdAt: true, status: true, theme: true, locale: true, timeZone: true, lastSeenAt: true, avatarUpdatedAt: true, deletedAt: true, twoFactor: { select: { enabledAt: true } } },
  });
  if (!user || user.deletedAt) throw new AppError("NOT_FOUND", "No such user.");
  return user;
}

/**
 * The archive as a stream of JSON text: the profile, memberships, sessions, linked identities,
 * files and every message the user wrote (deleted ones as such), read a page at a time so a
 * long history never sits in memory whole.
 */
export async function exportAccount(rt: Runtime, userId: string): Promise<ReadableStream<Uint8Array>> {
  const user = await exportedUser(rt, userId);
  const db = rt.db;
  const [memberships, sessions, identities, files] = await Promise.all([
    db.membership.findMany({ where: { userId }, orderBy: { joinedAt: "asc" }, select: { role: true, joinedAt: true, room: { select: { id: true, name: true, kind: true, visibility: true } } } }),
    db.session.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { createdAt: true, lastActiveAt: true, expiresAt: true, revokedAt: true, userAgent: true, ip: true } }),
    db.identity.findMany({ where: { userId }, select: { provider: true, email: true, createdAt: true, lastUsedAt: true } }),
    db.attachment.findMany({ where: { uploaderId: userId }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, mime: true, size: true, createdAt: true, roomId: true, messageId: true } }),
  ]);
  const head = {
    format: "parley-export/1",
    exportedAt: new Date().toISOString(),
    profile: { ...user, twoFactor: undefined, twoFactorEnabled: !!user.twoFactor?.enabledAt, avatarUrl: user.avatarUpdatedAt ? `${rt.env.APP_ORIGIN}/api/users/${user.id}/avatar` : null, avatarUpdatedAt: undefined, deletedAt: undefined },
    memberships: memberships.map((m) => ({ roomId: m.room.id, room: m.room.name, kind: m.room.kind, visibility: m.room.visibility, role: m.role, joinedAt: m.joinedAt })),
    sessions,
    identities,
    files: files.map((f) => ({ ...f, url: `${rt.env.APP_ORIGIN}/api/attachments/${f.id}` })),
  };
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let first = true;
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      // Everything but the messages, then the messages array left open for pull().
      controller.enqueue(encoder.encode(`${JSON.stringify(head).slice(0, -1)},"messages":[`));
    },
    async pull(controller) {
      if (done) return;
      const rows = await db.message.findMany({
        where: { authorId: userId },
        orderBy: { id: "asc" },
        take: PAGE,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        select: { id: true, roomId: true, seq: true, body: true, createdAt: true, editedAt: true, deletedAt: true, threadRootId: true, room: { select: { name: true } } },
      });
      const text = rows
        .map((m) => JSON.stringify({ id: m.id, roomId: m.roomId, room: m.room.name, seq: m.seq, body: m.deletedAt ? null : m.body, createdAt: m.createdAt, editedAt: m.editedAt, deletedAt: m.deletedAt, threadRootId: m.threadRootId }))
        .join(",");
      if (text) controller.enqueue(encoder.encode(`${first ? "" : ","}${text}`));
      if (rows.length) first = false;
      cursor = rows.at(-1)?.id;
      if (rows.length < PAGE) {
        done = true;
        controller.enqueue(encoder.encode("]}\n"));
        controller.close();
      }
    },
  });
}

/** The admin's export of someone: admins only, audited. */
export async function exportAccountAsAdmin(rt: Runtime, actor: CurrentUser, userId: unknown): Promise<ReadableStream<Uint8Array>> {
  const target = await targetOf(rt, userId);
  authorizeOver("user.export", { globalRole: await roleOf(rt, actor.id), roomRole: null }, { globalRole: target.role }, "Only admins export someone else's data.");
  await recordAudit(rt.db, { actorId: actor.id, action: "user.export", targetType: "user", targetId: target.id });
  return exportAccount(rt, target.id);
}

/** Deleting one's own account: the email typed as confirmation, and the password when the account has one. */
export const ZDeleteAccountRequest = z
  .object({
    confirmEmail: z.string().trim().toLowerCase().max(320),
    password: z.string().max(1024).optional(),
  })
  .strict();

export const ZAdminDeleteAccountRequest = z.object({ reason: z.string().trim().max(500).optional() }).strict();

export type MessagePolicy = "keep" | "remove";

async function targetOf(rt: Runtime, userId: unknown) {
  const id = ZId.safeParse(userId);
  const row = id.success ? await rt.db.user.findUnique({ where: { id: id.data }, select: { id: true, role: true, deletedAt: true } }) : null;
  if (!row || row.deletedAt) throw new AppError("NOT_FOUND", "No such user.");
  return row;
}

/** `DELETE /api/me`: the person deletes their own account. */
export async function deleteOwnAccount(rt: Runtime, actor: CurrentUser, input: unknown): Promise<{ messages: MessagePolicy; removed: number }> {
  const { confirmEmail, password } = parseInput(ZDeleteAccountRequest, input);
  const row = await rt.db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { email: true, passwordHash: true, role: true } });
  if (confirmEmail !== row.email) {
    throw new AppError("VALIDATION_FAILED", "Type your account's email to confirm.", { fieldErrors: { confirmEmail: ["does not match your account's email"] } });
  }
  if (row.passwordHash) {
    await rt.limits.check("signin:account", row.email);
    const ok = !!password && (await verify(row.passwordHash, password).catch(() => false));
    if (!ok) {
      await rt.limits.consume("signin:account", row.email).catch(() => undefined);
      throw new AppError("VALIDATION_FAILED", "That is not your password.", { fieldErrors: { password: ["does not match"] } });
    }
  }
  if (row.role === "ADMIN" && (await rt.db.user.count({ where: { role: "ADMIN", deletedAt: null } })) <= 1) {
    throw new AppError("CONFLICT", "You are the only admin: make someone else an admin before deleting your account.");
  }
  return eraseAccount(rt, actor.id, actor.id, null);
}

/** `DELETE /api/admin/users/{id}`: an admin deletes someone's account (never their own here). */
export async function deleteAccountAsAdmin(rt: Runtime, actor: CurrentUser, userId: unknown, input: unknown): Promise<{ messages: MessagePolicy; removed: number }> {
  const { reason } = parseInput(ZAdminDeleteAccountRequest, input);
  const target = await targetOf(rt, userId);
  if (target.id === actor.id) throw new AppError("FORBIDDEN", "Delete your own account from your profile, not the dashboard.");
  authorizeOver("user.delete", { globalRole: await roleOf(rt, actor.id), roomRole: null }, { globalRole: target.role }, "Only admins delete accounts, and not other admins'.");
  return eraseAccount(rt, actor.id, target.id, reason ?? null);
}

/**
 * Erase the account in one transaction: personal fields, sessions, identities, pending links and
 * tokens, memberships of rooms (DMs keep the row so the other person still sees the conversation)
 * and mention notices; its messages kept or soft-deleted by policy (reactions stay, under the new
 * name); audited. Then the
 * sessions' sockets close, rooms hear that the member left, and everyone sees the new name.
 */
async function eraseAccount(rt: Runtime, actorId: string, userId: string, reason: string | null): Promise<{ messages: MessagePolicy; removed: number }> {
  const policy: MessagePolicy = rt.env.ACCOUNT_DELETION_MESSAGES;
  const roomsBefore = await rt.db.membership.findMany({ where: { userId, room: { kind: { not: "DM" } } }, select: { roomId: true } });
  const hadAvatar = (await rt.db.user.findUniqueOrThrow({ where: { id: userId }, select: { avatarUpdatedAt: true } })).avatarUpdatedAt !== null;
  const files = policy === "remove" ? await rt.db.attachment.findMany({ where: { uploaderId: userId }, select: { id: true, hasThumb: true } }) : [];
  const { sessionIds, removedIds } = await rt.db.$transaction(async (tx) => {
    const sessionIds = await revokeAllSessions(tx, userId);
    await tx.user.update({
      where: { id: userId },
      data: {
        deletedAt: new Date(),
        name: DELETED_USER_NAME,
        email: `deleted-${userId}@deleted.invalid`,
        passwordHash: "",
        avatarUpdatedAt: null,
        timeZone: null,
        lastSeenAt: null,
        emailVerifiedAt: null,
        banReason: null,
        muteReason: null,
        sessionVersion: { increment: 1 },
      },
    });
    await tx.identity.deleteMany({ where: { userId } });
    await tx.identityLinkRequest.deleteMany({ where: { userId } });
    await tx.passwordResetToken.deleteMany({ where: { userId } });
    await tx.emailVerificationToken.deleteMany({ where: { userId } });
    await tx.twoFactor.deleteMany({ where: { userId } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.mentionNotice.deleteMany({ where: { userId } });
    await tx.membership.deleteMany({ where: { userId, room: { kind: { not: "DM" } } } });
    let removedIds: string[] = [];
    if (policy === "remove") {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        UPDATE "Message" SET "body" = '', "deletedAt" = now(), "deletedById" = ${userId}::uuid, "rev" = "rev" + 1
        WHERE "authorId" = ${userId}::uuid AND "deletedAt" IS NULL
        RETURNING "id"`;
      removedIds = rows.map((r) => r.id);
      await tx.attachment.deleteMany({ where: { uploaderId: userId } });
    }
    await recordAudit(tx, { actorId, action: "user.delete", targetType: "user", targetId: userId, reason, details: { messages: policy, removed: removedIds.length, self: actorId === userId } });
    return { sessionIds, removedIds };
  });
  forgetSessions(rt, sessionIds);
  rt.broadcast.disconnectUser(userId);
  if (hadAvatar) await rt.storage.delete(`avatar-${userId}`).catch(() => undefined);
  for (const f of files) {
    await rt.storage.delete(f.id).catch(() => undefined);
    if (f.hasThumb) await rt.storage.delete(`${f.id}.thumb`).catch(() => undefined);
  }
  for (const { roomId } of roomsBefore) rt.broadcast.toRoom(roomId, "member:left", { roomId, userId });
  const summary: UserSummary = { id: userId, name: DELETED_USER_NAME, avatarUrl: null };
  rt.broadcast.refreshUser(summary);
  rt.broadcast.toAudience(userId, await roomIdsOf(rt, userId), "user:updated", { user: summary });
  for (let i = 0; i < removedIds.length; i += 500) {
    const copies = await rt.db.message.findMany({ where: { id: { in: removedIds.slice(i, i + 500) } }, select: messageSelect });
    for (const m of copies) rt.broadcast.toRoom(m.roomId, "message:updated", toMessageDTO(m));
  }
  return { messages: policy, removed: removedIds.length };
}
