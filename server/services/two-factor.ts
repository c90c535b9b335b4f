/**
 * Two-factor sign-in (docs/two-factor.md): setting up an authenticator (TOTP) from the settings
 * page, the code at sign-in, recovery codes, turning it off. Every code check of an account —
 * at sign-in and in settings — counts its failures against `two-factor:account`; past the limit
 * codes are refused (RATE_LIMITED) until the window passes, like passwords.
 */
import { verify } from "@node-rs/argon2";
import QRCode from "qrcode";
import type { Runtime } from "../runtime";
import { AppError } from "@/lib/shared/errors";
import {
  classifyCode,
  formatRecoveryCode,
  ZDisableTwoFactor,
  ZEnableTwoFactor,
  ZRegenerateRecoveryCodes,
  type TwoFactorSetup,
  type TwoFactorStatus,
} from "@/lib/shared/two-factor";
import type { GlobalRole } from "@/lib/shared/types";
import type { Prisma } from "../db";
import { checkTotp, decryptSecret, encryptSecret, newRecoveryCodes, newTotpSecret, otpauthUrl, recoveryCodeHash } from "./totp";
import { parseInput } from "./validate";

const LIMIT = "two-factor:account";

/**
 * Whether this user must set up two-factor before using staff powers: the instance setting
 * "Require two-factor for staff" is on, the user is a global admin or moderator, and their
 * two-factor is not on. They can still sign in and chat (and enrol); the dashboard and the
 * admin API refuse them until they have (docs/two-factor.md "Required for staff").
 */
export async function twoFactorRequiredFor(rt: Runtime, user: { id: string; role: GlobalRole }): Promise<boolean> {
  if (user.role === "MEMBER") return false;
  // The settings row (instance-settings.ts; id 1, absent until first read: the defaults, off).
  const settings = await rt.db.instanceSettings.findUnique({ where: { id: 1 }, select: { requireTwoFactorForStaff: true } });
  return (settings?.requireTwoFactorForStaff ?? false) && !(await hasTwoFactor(rt, user.id));
}

/** For the admin API: refuse staff who must set up two-factor first. */
export async function assertStaffTwoFactor(rt: Runtime, user: { id: string; role: GlobalRole }): Promise<void> {
  if (await twoFactorRequiredFor(rt, user)) {
    throw new AppError("FORBIDDEN", "This server requires two-factor sign-in for staff: set it up in Password and two-factor, then use the dashboard.", { reason: "TWO_FACTOR_REQUIRED" });
  }
}

export async function getTwoFactorStatus(rt: Runtime, userId: string): Promise<TwoFactorStatus> {
  const [row, left] = await Promise.all([
    rt.db.twoFactor.findUnique({ where: { userId }, select: { enabledAt: true } }),
    rt.db.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  const enabledAt = row?.enabledAt ?? null;
  return { enabled: enabledAt !== null, enabledAt: enabledAt?.toISOString() ?? null, recoveryCodesLeft: enabledAt ? left : 0 };
}

/** Whether signing in as this user needs a code. */
export async function hasTwoFactor(rt: Runtime, userId: string): Promise<boolean> {
  const row = await rt.db.twoFactor.findUnique({ where: { userId }, select: { enabledAt: true } });
  return Boolean(row?.enabledAt);
}

/**
 * `POST /api/me/two-factor/setup`: a new secret (replacing an unfinished set-up's), shown this
 * once as text and as a QR code. Refused while two-factor is on (turn it off first).
 */
export async function beginTwoFactorSetup(rt: Runtime, user: { id: string; email: string }): Promise<TwoFactorSetup> {
  if (await hasTwoFactor(rt, user.id)) throw new AppError("CONFLICT", "Two-factor sign-in is already on. Turn it off first to set up another authenticator.");
  const secret = newTotpSecret();
  const stored = encryptSecret(secret, rt.env.AUTH_SECRET);
  await rt.db.twoFactor.upsert({
    where: { userId: user.id },
    create: { userId: user.id, secret: stored },
    update: { secret: stored, createdAt: new Date(), enabledAt: null, lastUsedStep: null },
  });
  const url = otpauthUrl(secret, user.email);
  return { secret, otpauthUrl: url, qrCode: await QRCode.toDataURL(url, { margin: 1, width: 240, errorCorrectionLevel: "M" }) };
}

/** `POST /api/me/two-factor/enable` `{ code }`: the first code confirms the set-up; the ten recovery codes, shown once. */
export async function enableTwoFactor(rt: Runtime, userId: string, input: unknown): Promise<{ recoveryCodes: string[] }> {
  const { code } = parseInput(ZEnableTwoFactor, input);
  const row = await rt.db.twoFactor.findUnique({ where: { userId } });
  if (!row) throw new AppError("BAD_REQUEST", "Start the set-up first.");
  if (row.enabledAt) throw new AppError("CONFLICT", "Two-factor sign-in is already on.");
  await rt.limits.check(LIMIT, userId);
  const secret = readSecret(rt, userId, row.secret);
  const check = secret === null ? null : checkTotp(secret, classifyCode(code)?.code ?? "", row.lastUsedStep);
  if (!check?.ok) {
    await rt.limits.consume(LIMIT, userId).catch(() => undefined);
    throw wrongCode("code");
  }
  const codes = await rt.db.$transaction(async (tx) => {
    const done = await tx.twoFactor.updateMany({ where: { userId, enabledAt: null, secret: row.secret }, data: { enabledAt: new Date(), lastUsedStep: check.step } });
    if (done.count === 0) throw new AppError("CONFLICT", "The set-up changed meanwhile. Start again.");
    return replaceRecoveryCodes(tx, userId);
  });
  await rt.limits.reset(LIMIT, userId);
  rt.log.info("two-factor enabled", { userId });
  return { recoveryCodes: codes };
}

/** `POST /api/me/two-factor/disable` `{ password, code }`: both must be right. */
export async function disableTwoFactor(rt: Runtime, userId: string, input: unknown): Promise<void> {
  const { password, code } = parseInput(ZDisableTwoFactor, input);
  const user = await rt.db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user || !(await hasTwoFactor(rt, userId))) throw new AppError("BAD_REQUEST", "Two-factor sign-in is not on.");
  await rt.limits.check(LIMIT, userId);
  if (!(await verify(user.passwordHash, password))) {
    await rt.limits.consume(LIMIT, userId).catch(() => undefined);
    throw new AppError("VALIDATION_FAILED", "That is not your current password.", { fieldErrors: { password: ["is not your current password"] } });
  }
  await requireCode(rt, userId, code);
  await rt.db.$transaction([rt.db.recoveryCode.deleteMany({ where: { userId } }), rt.db.twoFactor.deleteMany({ where: { userId } })]);
  rt.log.info("two-factor disabled", { userId });
}

/** `POST /api/me/two-factor/recovery-codes` `{ code }`: ten new codes; the old ones stop working. */
export async function regenerateRecoveryCodes(rt: Runtime, userId: string, input: unknown): Promise<{ recoveryCodes: string[] }> {
  const { code } = parseInput(ZRegenerateRecoveryCodes, input);
  if (!(await hasTwoFactor(rt, userId))) throw new AppError("BAD_REQUEST", "Two-factor sign-in is not on.");
  await requireCode(rt, userId, code);
  const codes = await rt.db.$transaction((tx) => replaceRecoveryCodes(tx, userId));
  rt.log.info("two-factor recovery codes regenerated", { userId });
  return { recoveryCodes: codes };
}

async function replaceRecoveryCodes(tx: Prisma.TransactionClient, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: recoveryCodeHash(c) })) });
  return codes.map(formatRecoveryCode);
}

function wrongCode(field: string): AppError {
  return new AppError("VALIDATION_FAILED", "That code is not right (or was already used).", { fieldErrors: { [field]: ["is not right, or was already used"] } });
}

async function requireCode(rt: Runtime, userId: string, code: string): Promise<void> {
  const result = await spendSecondFactor(rt, userId, code);
  if (!result) throw wrongCode("code");
}

export interface SecondFactorUsed {
  method: "totp" | "recovery";
  /** Unused recovery codes after this one. */
  recoveryCodesLeft: number;
}

/**
 * Checks and spends one code of an account with two-factor on: an authenticator code (its step
 * recorded, so it cannot be used again) or a recovery code (marked used). Null when wrong, and
 * the failure is counted; throws RATE_LIMITED once the account is past `two-factor:account`.
 */
export async function spendSecondFactor(rt: Runtime, userId: string, raw: string): Promise<SecondFactorUsed | null> {
  await rt.limits.check(LIMIT, userId);
  const used = await spend(rt, userId, raw);
  if (!used) {
    await rt.limits.consume(LIMIT, userId).catch(() => undefined);
    return null;
  }
  await rt.limits.reset(LIMIT, userId);
  return used;
}

/** The decrypted secret, or null (logged) when it was encrypted under another AUTH_SECRET: then only recovery codes work. */
function readSecret(rt: Runtime, userId: string, stored: string): string | null {
  try {
    return decryptSecret(stored, rt.env.AUTH_SECRET);
  } catch (err) {
    rt.log.error("two-factor secret unreadable (was AUTH_SECRET changed?)", { userId, err });
    return null;
  }
}

async function spend(rt: Runtime, userId: string, raw: string): Promise<SecondFactorUsed | null> {
  const code = classifyCode(raw);
  if (!code) return null;
  if (code.kind === "totp") {
    const row = await rt.db.twoFactor.findUnique({ where: { userId } });
    if (!row?.enabledAt) return null;
    const secret = readSecret(rt, userId, row.secret);
    const check = secret === null ? null : checkTotp(secret, code.code, row.lastUsedStep);
    if (!check?.ok) return null;
    // Atomic: of two sign-ins racing with one code, only one moves the step forward.
    const moved = await rt.db.twoFactor.updateMany({
      where: { userId, enabledAt: { not: null }, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: check.step } }] },
      data: { lastUsedStep: check.step },
    });
    if (moved.count === 0) return null;
    return { method: "totp", recoveryCodesLeft: await rt.db.recoveryCode.count({ where: { userId, usedAt: null } }) };
  }
  const spent = await rt.db.recoveryCode.updateMany({ where: { userId, codeHash: recoveryCodeHash(code.code), usedAt: null }, data: { usedAt: new Date() } });
  if (spent.count === 0) return null;
  const left = await rt.db.recoveryCode.count({ where: { userId, usedAt: null } });
  rt.log.info("two-factor recovery code used", { userId, recoveryCodesLeft: left });
  return { method: "recovery", recoveryCodesLeft: left };
}

/** Inside the admin reset's transaction: the user's authenticator and recovery codes are gone; whether there was one. */
export async function removeTwoFactor(tx: Prisma.TransactionClient, userId: string): Promise<boolean> {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  return (await tx.twoFactor.deleteMany({ where: { userId } })).count > 0;
}

export type SignInSecondFactor = { outcome: "not-needed" } | { outcome: "required" } | { outcome: "invalid" } | { outcome: "ok"; used: SecondFactorUsed };

/**
 * At sign-in, after the password matched: whether the account needs a code, and if the form
 * sent one (`otp` or `recoveryCode`), whether it is right. Throws RATE_LIMITED past the limit.
 */
export async function signInSecondFactor(rt: Runtime, userId: string, credentials: Record<string, unknown> | undefined): Promise<SignInSecondFactor> {
  if (!(await hasTwoFactor(rt, userId))) return { outcome: "not-needed" };
  const field = (name: string) => (typeof credentials?.[name] === "string" ? (credentials[name] as string).slice(0, 64) : "");
  const raw = field("otp") || field("recoveryCode");
  if (!raw) return { outcome: "required" };
  const used = await spendSecondFactor(rt, userId, raw);
  return used ? { outcome: "ok", used } : { outcome: "invalid" };
}
