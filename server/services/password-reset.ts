/**
 * Password reset (docs/api.md "Password reset"). A request always gets the same answer, whether
 * or not the account exists: the lookup and the mail happen after the answer, so not even its
 * timing tells. A reset token is 32 random bytes, in the mail only; the database keeps its
 * SHA-256. It works once, for 30 minutes; using it sets the password, spends every other token
 * of the user and revokes every session of the user (cluster-wide, sockets closed).
 */
import { hash } from "@node-rs/argon2";
import type { Runtime } from "../runtime";
import { AppError, isAppError } from "@/lib/shared/errors";
import { ZPasswordResetConfirm, ZPasswordResetRequest } from "@/lib/shared/schemas";
import { forgetSessions, revokeAllSessions } from "./user-sessions";
import { assertStrongPassword } from "./password-strength";
import { newToken, tokenHashOf } from "./signup";
import { parseInput } from "./validate";

export const RESET_TOKEN_TTL_MS = 30 * 60_000;

/** `POST /api/auth/password-reset`: validates, counts the IP, and starts the (maybe) mail without waiting for it. */
export async function requestPasswordReset(rt: Runtime, input: unknown, ip: string): Promise<void> {
  const { email } = parseInput(ZPasswordResetRequest, input);
  await rt.limits.consume("password-reset:ip", ip);
  void mailResetLink(rt, email).catch((err: unknown) => rt.log.error("password reset mail failed", { err }));
}

async function mailResetLink(rt: Runtime, email: string): Promise<void> {
  try {
    await rt.limits.consume("password-reset:account", email);
  } catch (e) {
    if (isAppError(e) && e.code === "RATE_LIMITED") {
      rt.log.warn("password reset: too many requests for one account; no mail sent");
      return;
    }
    throw e;
  }
  const user = await rt.db.user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (!user) return;
  const token = newToken();
  await rt.db.passwordResetToken.create({ data: { userId: user.id, tokenHash: tokenHashOf(token), expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MS) } });
  const link = `${rt.env.APP_ORIGIN}/reset-password/${token}`;
  await rt.mailer.send({
    to: user.email,
    subject: "Reset your Parley password",
    text: `Someone (hopefully you) asked to reset the password of your Parley account.\n\nSet a new password here (the link works once, for 30 minutes):\n${link}\n\nIf it was not you, ignore this mail: your password stays as it is.\n`,
    link,
  });
}

const INVALID_TOKEN: Record<"unknown" | "used" | "expired", string> = {
  unknown: "This reset link is not valid. Ask for a new one.",
  used: "This reset link has already been used. Ask for a new one.",
  expired: "This reset link has expired. Ask for a new one.",
};

function invalidToken(reason: keyof typeof INVALID_TOKEN): AppError {
  return new AppError("BAD_REQUEST", INVALID_TOKEN[reason], { reason });
}

/** `POST /api/auth/password-reset/confirm`: a valid token sets the password and revokes every session of its user. */
export async function confirmPasswordReset(rt: Runtime, input: unknown, ip: string): Promise<void> {
  await rt.limits.consume("password-reset.confirm:ip", ip);
  const { token, password } = parseInput(ZPasswordResetConfirm, input);
  const row = await rt.db.passwordResetToken.findUnique({ where: { tokenHash: tokenHashOf(token) }, select: { id: true, usedAt: true, expiresAt: true, user: { select: { id: true, email: true, name: true } } } });
  if (!row) throw invalidToken("unknown");
  if (row.usedAt) throw invalidToken("used");
  if (row.expiresAt.getTime() <= Date.now()) throw invalidToken("expired");
  assertStrongPassword(password, [row.user.email, row.user.name]);
  const passwordHash = await hash(password);
  const userId = row.user.id;
  const revoked = await rt.db.$transaction(async (tx) => {
    const now = new Date();
    // Spent here, atomically: of two confirmations racing with one token only one gets this row.
    const spent = await tx.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (spent.count === 0) throw invalidToken("used");
    await tx.passwordResetToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    return revokeAllSessions(tx, userId);
  });
  forgetSessions(rt, revoked);
  rt.log.info("password reset", { userId, sessionsRevoked: revoked.length });
}
