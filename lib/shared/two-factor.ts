/**
 * Two-factor sign-in (docs/two-factor.md): the shapes the settings page and the sign-in form
 * share with the server. A "code" is either a 6-digit authenticator code or a recovery code
 * (ten letters and digits, shown as `xxxxx-xxxxx`); `classifyCode` tells which.
 */
import { z } from "zod";
import { ZPassword } from "./schemas";

export const RECOVERY_CODE_COUNT = 10;
/** Letters and digits nobody confuses when copying from paper (no 0/o, 1/l/i). */
export const RECOVERY_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
export const RECOVERY_CODE_LENGTH = 10;

/** The `error` next-auth reports to the sign-in form: the password was right, now the code. */
export const TWO_FACTOR_REQUIRED = "TWO_FACTOR_REQUIRED";
/** The `error` for a wrong, reused or spent code (the password was right). */
export const TWO_FACTOR_INVALID = "TWO_FACTOR_INVALID";

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: string | null;
  /** Unused recovery codes (0 when two-factor is off). */
  recoveryCodesLeft: number;
}

export interface TwoFactorSetup {
  /** The secret in base32, for typing into an authenticator app by hand. */
  secret: string;
  /** The otpauth:// URI the QR code encodes. */
  otpauthUrl: string;
  /** The QR code as a PNG data URL. */
  qrCode: string;
}

export type ClassifiedCode = { kind: "totp"; code: string } | { kind: "recovery"; code: string } | null;

/** A 6-digit code (spaces allowed) is an authenticator code; ten alphabet characters (dashes and spaces allowed, any case) a recovery code. */
export function classifyCode(raw: string): ClassifiedCode {
  const compact = raw.replace(/[\s-]/g, "").toLowerCase();
  if (/^\d{6}$/.test(compact)) return { kind: "totp", code: compact };
  if (compact.length === RECOVERY_CODE_LENGTH && [...compact].every((c) => RECOVERY_CODE_ALPHABET.includes(c))) return { kind: "recovery", code: compact };
  return null;
}

const ZCode = z.string().max(64, "is too long").refine((s) => classifyCode(s) !== null, "must be the 6-digit code from your authenticator app or a recovery code");

/** `POST /api/me/two-factor/enable`: the first code from the app confirms the set-up. */
export const ZEnableTwoFactor = z.object({ code: z.string().max(64).refine((s) => classifyCode(s)?.kind === "totp", "must be the 6-digit code from your authenticator app") }).strict();
/** `POST /api/me/two-factor/disable`. */
export const ZDisableTwoFactor = z.object({ password: z.string().min(1, "is required").max(200), code: ZCode }).strict();
/** `POST /api/me/two-factor/recovery-codes`. */
export const ZRegenerateRecoveryCodes = z.object({ code: ZCode }).strict();
/** `POST /api/me/password`. */
export const ZChangePassword = z.object({ currentPassword: z.string().min(1, "is required").max(200), newPassword: ZPassword }).strict();

/** `abcdefghjk` -> `abcde-fghjk`, as shown to the user. */
export function formatRecoveryCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
