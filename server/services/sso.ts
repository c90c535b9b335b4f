/**
 * Single sign-on (docs/accounts.md "Single sign-on"): an OpenID Connect identity signs in as the
 * Parley user it is linked to. The first sign-in of an identity either creates an account (its
 * email is new here) or, when the email already has an account, asks that account's owner to
 * confirm the link with the account's password: an identity provider that says an address is
 * someone's does not by itself hand them an existing Parley account.
 */
import { verify } from "@node-rs/argon2";
import { z } from "zod";
import type { Runtime } from "../runtime";
import { AppError, isAppError } from "@/lib/shared/errors";
import { ZDisplayName, ZEmail } from "@/lib/shared/schemas";
import type { CurrentUser, IdentityDTO } from "@/lib/shared/types";
import { assertNotBanned } from "./admin-users";
import { recordAudit } from "./audit";
import { toUserSummary } from "./dto";
import { isUniqueViolation } from "./errors";
import { domainAllowed, readInstanceSettings } from "./instance-settings";
import { joinRoom } from "./rooms";
import { newToken, tokenHashOf } from "./signup";
import { DEFAULT_ROOM_SLUG } from "./users";
import { parseInput } from "./validate";

/** next-auth's id of the configured OpenID Connect provider (its callback is /api/auth/callback/oidc). */
export const OIDC_PROVIDER_ID = "oidc";

/** How long a link confirmation page stays valid. */
export const LINK_TTL_MS = 30 * 60_000;

/** What the identity provider said about the person, from its ID token / userinfo claims. */
export interface SsoProfile {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/** Why a single sign-on was turned away; each is a `?error=` code the sign-in page words. */
export type SsoRefusal = "SsoEmailUnverified" | "SsoSignupClosed" | "SsoFailed";

export type SignedInUser = CurrentUser & { sessionVersion: number };

export type SsoOutcome =
  | { kind: "user"; user: SignedInUser; created: boolean }
  | { kind: "link"; token: string }
  | { kind: "refused"; code: SsoRefusal };

const userSelect = { id: true, email: true, name: true, role: true, sessionVersion: true, avatarUpdatedAt: true, bannedAt: true, bannedUntil: true, banReason: true } as const;

function signedIn(row: { id: string; email: string; name: string; role: CurrentUser["role"]; sessionVersion: number; avatarUpdatedAt: Date | null }): SignedInUser {
  return { ...toUserSummary(row), email: row.email, role: row.role, sessionVersion: row.sessionVersion };
}

/** A display name from the provider's `name`, else the email's local part, within Parley's name rules. */
function displayNameOf(profile: SsoProfile, email: string): string {
  for (const candidate of [profile.name, email.split("@")[0]]) {
    const parsed = ZDisplayName.safeParse((candidate ?? "").trim().slice(0, 50));
    if (parsed.success && parsed.data) return parsed.data;
  }
  return "New user";
}

/**
 * The outcome of a completed OpenID Connect sign-in. A linked identity signs in as its user
 * (a ban still refuses: thrown as BANNED, like a password sign-in). An unlinked one needs a
 * verified email: a new email creates the account; a known one starts a link confirmation.
 */
export async function resolveSsoSignIn(rt: Runtime, provider: string, profile: SsoProfile): Promise<SsoOutcome> {
  const linked = await rt.db.identity.findUnique({ where: { provider_subject: { provider, subject: profile.subject } }, select: { id: true, user: { select: userSelect } } });
  if (linked) {
    assertNotBanned(linked.user);
    await rt.db.identity.update({ where: { id: linked.id }, data: { lastUsedAt: new Date(), ...(profile.email ? { email: profile.email.toLowerCase() } : {}) } });
    return { kind: "user", user: signedIn(linked.user), created: false };
  }
  const email = ZEmail.safeParse(profile.email ?? "");
  if (!email.success || !profile.emailVerified) return { kind: "refused", code: "SsoEmailUnverified" };
  const existing = await rt.db.user.findUnique({ where: { email: email.data }, select: { id: true } });
  if (existing) {
    const token = newToken();
    await rt.db.identityLinkRequest.create({
      data: { userId: existing.id, tokenHash: tokenHashOf(token), provider, subject: profile.subject, email: email.data, expiresAt: new Date(Date.now() + LINK_TTL_MS) },
    });
    return { kind: "link", token };
  }
  // Who may join (docs/accounts.md "Settings") holds for single sign-on too: an invitation-only
  // server takes new people through their invitation, and allowed domains apply.
  const settings = await readInstanceSettings(rt);
  if (settings.signupPolicy === "INVITE_ONLY" || !domainAllowed(settings, email.data)) return { kind: "refused", code: "SsoSignupClosed" };
  try {
    const row = await rt.db.$transaction(async (tx) => {
      // No password: "" never verifies (argon2 hashes are never empty); a reset can set one.
      // The provider vouched for the email (email_verified), so it counts as confirmed.
      const user = await tx.user.create({ data: { email: email.data, name: displayNameOf(profile, email.data), passwordHash: "", emailVerifiedAt: new Date() }, select: userSelect });
      await tx.identity.create({ data: { userId: user.id, provider, subject: profile.subject, email: email.data, lastUsedAt: new Date() } });
      await recordAudit(tx, { actorId: user.id, action: "identity.link", targetType: "user", targetId: user.id, details: { provider, email: email.data, created: true } });
      return user;
    });
    const user = signedIn(row);
    const general = await rt.db.room.findUnique({ where: { slug: DEFAULT_ROOM_SLUG }, select: { id: true, visibility: true } });
    if (general?.visibility === "PUBLIC") await joinRoom(rt, user, general.id);
    return { kind: "user", user, created: true };
  } catch (e) {
    // The same first sign-in twice at once (two tabs): the other one created the account.
    if (isUniqueViolation(e)) return resolveSsoSignIn(rt, provider, profile);
    throw e;
  }
}

const INVALID_LINK: Record<"unknown" | "used" | "expired", string> = {
  unknown: "This confirmation link is not valid. Sign in with single sign-on again.",
  used: "This confirmation link has already been used. Sign in with single sign-on again.",
  expired: "This confirmation link has expired. Sign in with single sign-on again.",
};

function invalidLink(reason: keyof typeof INVALID_LINK): AppError {
  return new AppError("BAD_REQUEST", INVALID_LINK[reason], { reason });
}

const ZLinkToken = z.string().min(20).max(100).regex(/^[A-Za-z0-9_-]+$/, "is not a link token");

/** The pending link a confirmation page shows (the account's email), or why it cannot be used. */
export async function pendingIdentityLink(rt: Runtime, token: string): Promise<{ ok: true; email: string } | { ok: false; message: string }> {
  if (!ZLinkToken.safeParse(token).success) return { ok: false, message: INVALID_LINK.unknown };
  const row = await rt.db.identityLinkRequest.findUnique({ where: { tokenHash: tokenHashOf(token) }, select: { usedAt: true, expiresAt: true, user: { select: { email: true } } } });
  if (!row) return { ok: false, message: INVALID_LINK.unknown };
  if (row.usedAt) return { ok: false, message: INVALID_LINK.used };
  if (row.expiresAt.getTime() <= Date.now()) return { ok: false, message: INVALID_LINK.expired };
  return { ok: true, email: row.user.email };
}

export const ZConfirmIdentityLink = z.object({ token: ZLinkToken, password: z.string().min(1, "is required").max(1024) }).strict();

/**
 * `POST /api/auth/sso-link`: the account's password confirms the pending link; the identity is
 * then linked (audited) and the next single sign-on signs in as the account. Wrong passwords
 * count against the account like sign-in failures.
 */
export async function confirmIdentityLink(rt: Runtime, input: unknown, ip: string): Promise<{ email: string }> {
  await rt.limits.consume("signin:ip", ip);
  const { token, password } = parseInput(ZConfirmIdentityLink, input);
  const row = await rt.db.identityLinkRequest.findUnique({
    where: { tokenHash: tokenHashOf(token) },
    select: { id: true, usedAt: true, expiresAt: true, provider: true, subject: true, email: true, user: { select: { ...userSelect, passwordHash: true } } },
  });
  if (!row) throw invalidLink("unknown");
  if (row.usedAt) throw invalidLink("used");
  if (row.expiresAt.getTime() <= Date.now()) throw invalidLink("expired");
  const account = row.user.email;
  await rt.limits.check("signin:account", account);
  const matches = row.user.passwordHash !== "" && (await verify(row.user.passwordHash, password).catch(() => false));
  if (!matches) {
    await rt.limits.consume("signin:account", account).catch(() => undefined);
    throw new AppError("BAD_REQUEST", "That is not this account’s password.", { fieldErrors: { password: ["does not match"] } });
  }
  await rt.limits.reset("signin:account", account);
  assertNotBanned(row.user);
  const userId = row.user.id;
  try {
    await rt.db.$transaction(async (tx) => {
      const now = new Date();
      const spent = await tx.identityLinkRequest.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
      if (spent.count === 0) throw invalidLink("used");
      await tx.identity.create({ data: { userId, provider: row.provider, subject: row.subject, email: row.email } });
      await recordAudit(tx, { actorId: userId, action: "identity.link", targetType: "user", targetId: userId, details: { provider: row.provider, email: row.email, created: false } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", "This single sign-on identity is already linked to an account.");
    throw e;
  }
  return { email: account };
}

/** `GET /api/me/identities`: the identities that sign in as this user. */
export async function listIdentities(rt: Runtime, userId: string): Promise<IdentityDTO[]> {
  const rows = await rt.db.identity.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { id: true, provider: true, email: true, createdAt: true, lastUsedAt: true } });
  return rows.map((r) => ({ id: r.id, provider: r.provider, email: r.email, createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null }));
}

/**
 * `DELETE /api/me/identities/{id}`: unlink (audited). Refused for the last way in: an account
 * without a password keeps its last identity (set a password by reset first).
 */
export async function unlinkIdentity(rt: Runtime, userId: string, identityId: unknown): Promise<void> {
  const id = parseInput(z.uuid({ message: "is not an identity id" }), identityId);
  await rt.db.$transaction(async (tx) => {
    const identity = await tx.identity.findFirst({ where: { id, userId }, select: { id: true, provider: true, email: true } });
    if (!identity) throw new AppError("NOT_FOUND", "No such linked identity.");
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true, _count: { select: { identities: true } } } });
    if (user.passwordHash === "" && user._count.identities <= 1) {
      throw new AppError("CONFLICT", "This is the only way into your account: set a password (Forgot password) before unlinking it.");
    }
    await tx.identity.delete({ where: { id: identity.id } });
    await recordAudit(tx, { actorId: userId, action: "identity.unlink", targetType: "user", targetId: userId, details: { provider: identity.provider, email: identity.email } });
  });
}

/** For the sign-in flow: a thrown ban keeps its code (the sign-in page words it); anything else is a failed sign-on. */
export function isBan(e: unknown): e is AppError {
  return isAppError(e) && e.code === "BANNED";
}

/** Sign-up and password reset exist only while passwords do: refused under AUTH_SSO_ONLY. */
export function assertPasswordAccounts(rt: Runtime): void {
  if (rt.env.AUTH_SSO_ONLY) throw new AppError("FORBIDDEN", "This server signs people in with single sign-on only.", { reason: "SSO_ONLY" });
}
