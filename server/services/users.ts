/** Accounts: registration, credential checks, and session lookups. */
import type { Runtime } from "../runtime";
import { hash, verify } from "@node-rs/argon2";
import { AppError } from "@/lib/shared/errors";
import { ZSignInRequest } from "@/lib/shared/schemas";
import { SIGNIN_EMAIL_UNVERIFIED } from "@/lib/shared/accounts";
import type { CurrentUser } from "@/lib/shared/types";
import { activeBan, assertNotBanned } from "./admin-users";
import { toUserSummary } from "./dto";
import { readInstanceSettings } from "./instance-settings";
import { joinRoom } from "./rooms";

/** The room every new account joins (created by the seed). */
export const DEFAULT_ROOM_SLUG = "general";

const userSelect = { id: true, email: true, name: true, role: true, sessionVersion: true, avatarUpdatedAt: true } as const;
const banSelect = { bannedAt: true, bannedUntil: true, banReason: true } as const;

// Verified against when the email is unknown, so both paths cost one argon2 verification.
let dummyHash: Promise<string> | undefined;

/**
 * Create an account (sign-up, an accepted invitation): the password already checked and hashed.
 * Throws the unique violation of a taken email for the caller to handle. New accounts start in
 * the default room, when there is one, so nobody lands in an empty app.
 */
export async function createAccount(rt: Runtime, input: { email: string; name: string; passwordHash: string; verified: boolean }): Promise<CurrentUser> {
  const db = rt.db;
  const row = await db.user.create({ data: { email: input.email, name: input.name, passwordHash: input.passwordHash, emailVerifiedAt: input.verified ? new Date() : null }, select: userSelect });
  const user = { ...toUserSummary(row), email: row.email, role: row.role };
  const general = await db.room.findUnique({ where: { slug: DEFAULT_ROOM_SLUG }, select: { id: true, visibility: true } });
  if (general?.visibility === "PUBLIC") await joinRoom(rt, user, general.id);
  return user;
}

/** The user for these credentials, or null. Never says which of email or password was wrong. */
export async function verifyCredentials(rt: Runtime, input: unknown): Promise<(CurrentUser & { sessionVersion: number }) | null> {
  const parsed = ZSignInRequest.safeParse(input);
  if (!parsed.success) return null;
  const user = await rt.db.user.findUnique({ where: { email: parsed.data.email }, select: { ...userSelect, ...banSelect, passwordHash: true, emailVerifiedAt: true } });
  // "" is an account without a password (created by single sign-on): nothing verifies against it.
  if (!user?.passwordHash) {
    dummyHash ??= hash("parley-timing-equaliser");
    await verify(await dummyHash, parsed.data.password);
    return null;
  }
  if (!(await verify(user.passwordHash, parsed.data.password))) return null;
  // Only after the password matched: a ban (and its reason) is not revealed to strangers.
  assertNotBanned(user);
  // Also only after the password matched: with verification REQUIRED an unconfirmed account waits (docs/accounts.md).
  if (!user.emailVerifiedAt && (await readInstanceSettings(rt)).emailVerification === "REQUIRED") {
    throw new AppError("FORBIDDEN", SIGNIN_EMAIL_UNVERIFIED);
  }
  return { ...toUserSummary(user), email: user.email, role: user.role, sessionVersion: user.sessionVersion };
}

/** The current state of a session's user, or null if it no longer exists or the session was revoked. */
export async function findSessionUser(rt: Runtime, userId: string, sessionVersion: number): Promise<CurrentUser | null> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const user = await rt.db.user.findUnique({ where: { id: userId }, select: { ...userSelect, ...banSelect } });
  if (!user || user.sessionVersion !== sessionVersion || activeBan(user)) return null;
  return { ...toUserSummary(user), email: user.email, role: user.role };
}
