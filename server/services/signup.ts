/**
 * Sign-up that reveals nothing, and email verification (docs/accounts.md).
 *
 * `POST /api/auth/register` answers every valid request `202 { status: "check-email" }`: a new
 * address gets an (unverified) account and a confirmation link; a taken address gets a mail
 * saying someone tried to sign up with it, pointing at sign-in and password reset; an address
 * refused by the sign-up settings gets a mail saying why (invitation only, domain not allowed).
 * The password is checked and hashed in every case, so the answer costs the same; mails go out
 * after the answer. A confirmation link is 32 random bytes, of which the database keeps the
 * SHA-256; it works once, for 48 hours. The same links confirm a new address on email change:
 * the address becomes the account's only once its link is used.
 */
import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { Runtime } from "../runtime";
import { AppError, isAppError } from "@/lib/shared/errors";
import { ZRegisterRequest } from "@/lib/shared/schemas";
import {
  VERIFY_TOKEN_TTL_HOURS,
  ZChangeEmailRequest,
  ZResendVerificationRequest,
  ZVerifyEmailRequest,
  type CheckEmailAnswer,
  type EmailStatusDTO,
} from "@/lib/shared/accounts";
import type { CurrentUser } from "@/lib/shared/types";
import type { MailMessage } from "./mailer";
import { isUniqueViolation } from "./errors";
import { domainAllowed, readInstanceSettings } from "./instance-settings";
import { assertStrongPassword } from "./password-strength";
import { createAccount } from "./users";
import { parseInput } from "./validate";

export const CHECK_EMAIL: CheckEmailAnswer = { status: "check-email" };

export const tokenHashOf = (token: string) => createHash("sha256").update(token).digest("hex");
export const newToken = () => randomBytes(32).toString("base64url");

/** Send a mail after the answer: counted per address (`limit`), failures logged, never thrown. */
export function mailLater(rt: Runtime, to: string, limit: "register:account" | "verify-email:account", compose: () => Promise<MailMessage | null>): void {
  const run = async () => {
    try {
      await rt.limits.consume(limit, to);
    } catch (e) {
      if (isAppError(e) && e.code === "RATE_LIMITED") {
        rt.log.warn("account mail: too many for one address; none sent", { limit });
        return;
      }
      throw e;
    }
    const mail = await compose();
    if (mail) await rt.mailer.send(mail);
  };
  void run().catch((err: unknown) => rt.log.error("account mail failed", { err }));
}

/** `POST /api/auth/register` (the route counts `register:ip`). */
export async function register(rt: Runtime, input: unknown): Promise<CheckEmailAnswer> {
  const { email, password, name } = parseInput(ZRegisterRequest, input);
  assertStrongPassword(password, [email, name]);
  const passwordHash = await hash(password);
  const settings = await readInstanceSettings(rt);
  const origin = rt.env.APP_ORIGIN;
  if (settings.signupPolicy === "INVITE_ONLY" || !domainAllowed(settings, email)) {
    const why =
      settings.signupPolicy === "INVITE_ONLY"
        ? "This Parley server takes new members by invitation only. If you were invited, use the link in your invitation mail; otherwise ask an admin of the server for an invitation."
        : "This Parley server only takes sign-ups from some email domains, and this address is not one of them. Ask an admin of the server for an invitation, or sign up with your work address.";
    mailLater(rt, email, "register:account", async () => {
      // Someone already has this address: tell them what someone tried instead.
      if (await rt.db.user.findUnique({ where: { email }, select: { id: true } })) return takenMail(email, origin);
      return { to: email, subject: "Your Parley sign-up", text: `Someone (hopefully you) tried to create a Parley account at ${origin} with this address.\n\n${why}\n` };
    });
    return CHECK_EMAIL;
  }
  try {
    const user = await createAccount(rt, { email, name, passwordHash, verified: false });
    mailLater(rt, email, "register:account", () => verificationMail(rt, user.id, email, "signup"));
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    mailLater(rt, email, "register:account", () => Promise.resolve(takenMail(email, origin)));
  }
  return CHECK_EMAIL;
}

function takenMail(email: string, origin: string): MailMessage {
  return {
    to: email,
    subject: "Someone tried to sign up with your address",
    text: `Someone (maybe you) tried to create a new Parley account at ${origin} with this address, which already has an account. No new account was made.\n\nSign in here: ${origin}/signin\nForgot your password? Set a new one here: ${origin}/forgot-password\n\nIf it was not you, you can ignore this mail.\n`,
    link: `${origin}/signin`,
  };
}

/** A new confirmation link for `email` (the account's own, or the new one of an email change), as a mail. */
async function verificationMail(rt: Runtime, userId: string, email: string, why: "signup" | "resend" | "change"): Promise<MailMessage> {
  const token = newToken();
  await rt.db.emailVerificationToken.create({ data: { userId, email, tokenHash: tokenHashOf(token), expiresAt: new Date(Date.now() + VERIFY_TOKEN_TTL_HOURS * 3600_000) } });
  const link = `${rt.env.APP_ORIGIN}/verify-email/${token}`;
  const lead =
    why === "change"
      ? "Someone (hopefully you) asked to make this the email address of a Parley account."
      : why === "signup"
        ? "Welcome to Parley! Confirm that this address is yours."
        : "Here is a new link to confirm your Parley email address.";
  return {
    to: email,
    subject: why === "change" ? "Confirm your new Parley email address" : "Confirm your Parley email address",
    text: `${lead}\n\nOpen this link (it works once, for ${VERIFY_TOKEN_TTL_HOURS} hours):\n${link}\n\nIf it was not you, ignore this mail.\n`,
    link,
  };
}

const INVALID_LINK: Record<"unknown" | "used" | "expired", string> = {
  unknown: "This confirmation link is not valid. Ask for a new one.",
  used: "This confirmation link has already been used.",
  expired: "This confirmation link has expired. Ask for a new one.",
};
const invalidLink = (reason: keyof typeof INVALID_LINK) => new AppError("BAD_REQUEST", INVALID_LINK[reason], { reason });

/** `POST /api/auth/verify-email { token }`: confirms the address of the link (and makes it the account's, for an email change). */
export async function confirmEmail(rt: Runtime, input: unknown, ip: string): Promise<{ email: string }> {
  await rt.limits.consume("verify-email.confirm:ip", ip);
  const { token } = parseInput(ZVerifyEmailRequest, input);
  const row = await rt.db.emailVerificationToken.findUnique({ where: { tokenHash: tokenHashOf(token) }, select: { id: true, userId: true, email: true, usedAt: true, expiresAt: true, user: { select: { email: true } } } });
  if (!row) throw invalidLink("unknown");
  if (row.usedAt) throw invalidLink("used");
  if (row.expiresAt.getTime() <= Date.now()) throw invalidLink("expired");
  const previous = row.user.email;
  try {
    await rt.db.$transaction(async (tx) => {
      const now = new Date();
      const spent = await tx.emailVerificationToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
      if (spent.count === 0) throw invalidLink("used");
      // Every other open link of the user ends: one confirmed address, no stale change pending.
      await tx.emailVerificationToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: now } });
      await tx.user.update({ where: { id: row.userId }, data: { email: row.email, emailVerifiedAt: now } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", "Another account took this address meanwhile; your email stays as it was.");
    throw e;
  }
  if (previous !== row.email) {
    rt.log.info("email changed", { userId: row.userId });
    mailLater(rt, previous, "verify-email:account", () =>
      Promise.resolve({ to: previous, subject: "Your Parley email address was changed", text: `The email address of your Parley account at ${rt.env.APP_ORIGIN} is now ${row.email}. If you did not do this, reset your password and tell an admin.\n` }),
    );
  }
  return { email: row.email };
}

/** `POST /api/auth/verify-email/resend { email }` (signed out, from the sign-in form): 202 always; a link only to an unverified account. */
export async function resendVerificationFor(rt: Runtime, input: unknown, ip: string): Promise<CheckEmailAnswer> {
  const { email } = parseInput(ZResendVerificationRequest, input);
  await rt.limits.consume("verify-email.resend:ip", ip);
  mailLater(rt, email, "verify-email:account", async () => {
    const user = await rt.db.user.findUnique({ where: { email }, select: { id: true, emailVerifiedAt: true } });
    return user && !user.emailVerifiedAt ? verificationMail(rt, user.id, email, "resend") : null;
  });
  return CHECK_EMAIL;
}

async function pendingEmailOf(rt: Runtime, userId: string, current: string): Promise<string | null> {
  const pending = await rt.db.emailVerificationToken.findFirst({
    where: { userId, usedAt: null, expiresAt: { gt: new Date() }, email: { not: current } },
    orderBy: { createdAt: "desc" },
    select: { email: true },
  });
  return pending?.email ?? null;
}

/** `GET /api/me/email`. */
export async function emailStatus(rt: Runtime, actor: CurrentUser): Promise<EmailStatusDTO> {
  const user = await rt.db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { email: true, emailVerifiedAt: true } });
  const settings = await readInstanceSettings(rt);
  return { email: user.email, verified: user.emailVerifiedAt !== null, pendingEmail: await pendingEmailOf(rt, actor.id, user.email), emailVerification: settings.emailVerification };
}

/** `POST /api/me/email/verification`: a new link to the pending new address, else to the account's unverified one. */
export async function resendMyVerification(rt: Runtime, actor: CurrentUser): Promise<CheckEmailAnswer> {
  const status = await emailStatus(rt, actor);
  const to = status.pendingEmail ?? (status.verified ? null : status.email);
  if (!to) throw new AppError("CONFLICT", "Your email address is confirmed already.");
  mailLater(rt, to, "verify-email:account", () => verificationMail(rt, actor.id, to, status.pendingEmail ? "change" : "resend"));
  return CHECK_EMAIL;
}

/**
 * `PUT /api/me/email { email, currentPassword }`: a link to the new address, which becomes the
 * account's once confirmed. Answers the same whether or not the new address is taken (a taken
 * one gets a mail saying so instead of a link).
 */
export async function changeEmail(rt: Runtime, actor: CurrentUser, input: unknown): Promise<CheckEmailAnswer> {
  const { email, currentPassword } = parseInput(ZChangeEmailRequest, input);
  const user = await rt.db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { email: true, passwordHash: true } });
  if (!(await verify(user.passwordHash, currentPassword))) {
    throw new AppError("VALIDATION_FAILED", "The current password is not right.", { fieldErrors: { currentPassword: ["is not right"] } });
  }
  if (email === user.email) throw new AppError("VALIDATION_FAILED", "This is your email address already.", { fieldErrors: { email: ["is your address already"] } });
  const origin = rt.env.APP_ORIGIN;
  mailLater(rt, email, "verify-email:account", async () => {
    if (await rt.db.user.findUnique({ where: { email }, select: { id: true } })) {
      return { to: email, subject: "Someone tried to use your address", text: `Someone tried to make this address, which already has a Parley account at ${origin}, the email of another account. Nothing changed.\n\nSign in: ${origin}/signin\n`, link: `${origin}/signin` };
    }
    return verificationMail(rt, actor.id, email, "change");
  });
  return CHECK_EMAIL;
}
