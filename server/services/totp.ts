/**
 * The pure parts of two-factor sign-in (docs/two-factor.md): TOTP codes (RFC 6238 through the
 * otpauth library: SHA-1, 6 digits, 30 s steps, the step before and after accepted for clock
 * drift, a code of an already used step refused), the secret's encryption at rest, and recovery
 * codes (random, shown once, stored as SHA-256: they carry ~50 bits of entropy, so a fast hash is
 * enough — the sign-in limits stop online guessing).
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { RECOVERY_CODE_ALPHABET, RECOVERY_CODE_COUNT, RECOVERY_CODE_LENGTH } from "@/lib/shared/two-factor";

export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of now whose codes are accepted. */
export const TOTP_WINDOW = 1;
const ISSUER = "Parley";

/** A new random secret (160 bits, RFC 4226's recommendation), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secret: string, label = ""): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: TOTP_DIGITS, period: TOTP_PERIOD_S, secret: Secret.fromBase32(secret) });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function otpauthUrl(secret: string, accountLabel: string): string {
  return totpOf(secret, accountLabel).toString();
}

/** The code for `secret` at `timestampMs` (tests; an authenticator app does the same). */
export function totpCode(secret: string, timestampMs = Date.now()): string {
  return totpOf(secret).generate({ timestamp: timestampMs });
}

/** The time step `timestampMs` falls in. */
export function stepAt(timestampMs: number): number {
  return Math.floor(timestampMs / 1000 / TOTP_PERIOD_S);
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "invalid" | "replayed" };

/**
 * Checks `code` against `secret` at `timestampMs`, within ±TOTP_WINDOW steps. A code whose step
 * is not after `lastUsedStep` is refused as replayed (the same code twice, or an older one after
 * a newer one was accepted). On success the caller stores `step` as the new `lastUsedStep`.
 */
export function checkTotp(secret: string, code: string, lastUsedStep: number | null, timestampMs = Date.now()): TotpCheck {
  const delta = totpOf(secret).validate({ token: code, timestamp: timestampMs, window: TOTP_WINDOW });
  if (delta === null) return { ok: false, reason: "invalid" };
  const step = stepAt(timestampMs) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return { ok: false, reason: "replayed" };
  return { ok: true, step };
}

// ---- the secret at rest -------------------------------------------------------------------------

function keyOf(authSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, "parley", "parley totp secret v1", 32));
}

/** AES-256-GCM under a key derived from AUTH_SECRET: `v1.<iv>.<tag>.<ciphertext>`, base64url. */
export function encryptSecret(secret: string, authSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(authSecret), iv);
  const ct = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

/** The secret back; throws when the stored value was not made with this AUTH_SECRET (or was altered). */
export function decryptSecret(stored: string, authSecret: string): string {
  const [version, iv, tag, ct] = stored.split(".");
  if (version !== "v1" || !iv || !tag || !ct) throw new Error("unknown two-factor secret format");
  const decipher = createDecipheriv("aes-256-gcm", keyOf(authSecret), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}

// ---- recovery codes -----------------------------------------------------------------------------

/** Ten new codes, each RECOVERY_CODE_LENGTH characters of the alphabet (unformatted). */
export function newRecoveryCodes(): string[] {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) {
    let code = "";
    for (let i = 0; i < RECOVERY_CODE_LENGTH; i++) code += RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)];
    codes.add(code);
  }
  return [...codes];
}

/** hex SHA-256 of a normalised (classifyCode'd) recovery code. */
export function recoveryCodeHash(code: string): string {
  return createHash("sha256").update(code).digest("hex");
}
