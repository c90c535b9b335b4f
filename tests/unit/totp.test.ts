import { describe, expect, it } from "vitest";
import { checkTotp, decryptSecret, encryptSecret, newRecoveryCodes, newTotpSecret, otpauthUrl, recoveryCodeHash, stepAt, totpCode, TOTP_PERIOD_S } from "@/server/services/totp";
import { classifyCode, formatRecoveryCode, RECOVERY_CODE_ALPHABET } from "@/lib/shared/two-factor";

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const T = 1_764_000_000_000; // a fixed instant
const STEP_MS = TOTP_PERIOD_S * 1000;

describe("TOTP codes (RFC 6238: 6 digits, 30 s, ±1 step)", () => {
  it("matches RFC 6238's SHA-1 test vector", () => {
    // RFC 6238 appendix B: secret "12345678901234567890" (base32 below), T = 59 s -> 94287082 (8 digits; the last 6 here).
    expect(totpCode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 59_000)).toBe("287082");
  });

  it("accepts the current code, and the ones of the step before and after", () => {
    for (const offset of [-STEP_MS, 0, STEP_MS]) {
      const result = checkTotp(SECRET, totpCode(SECRET, T + offset), null, T);
      expect(result).toEqual({ ok: true, step: stepAt(T + offset) });
    }
  });

  it("refuses codes two steps away, and wrong codes", () => {
    expect(checkTotp(SECRET, totpCode(SECRET, T - 2 * STEP_MS), null, T)).toEqual({ ok: false, reason: "invalid" });
    expect(checkTotp(SECRET, totpCode(SECRET, T + 2 * STEP_MS), null, T)).toEqual({ ok: false, reason: "invalid" });
    const right = totpCode(SECRET, T);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    expect(checkTotp(SECRET, wrong, null, T)).toEqual({ ok: false, reason: "invalid" });
    expect(checkTotp(newTotpSecret(), right, null, T).ok).toBe(false);
  });

  it("refuses a code of a step already used (replay), and an older one after a newer one", () => {
    const first = checkTotp(SECRET, totpCode(SECRET, T), null, T);
    if (!first.ok) throw new Error("expected ok");
    expect(checkTotp(SECRET, totpCode(SECRET, T), first.step, T)).toEqual({ ok: false, reason: "replayed" });
    expect(checkTotp(SECRET, totpCode(SECRET, T - STEP_MS), first.step, T)).toEqual({ ok: false, reason: "replayed" });
    // The next step's code is still good.
    expect(checkTotp(SECRET, totpCode(SECRET, T + STEP_MS), first.step, T + STEP_MS)).toEqual({ ok: true, step: first.step + 1 });
  });

  it("puts the issuer, the account and the secret in the otpauth URI", () => {
    const url = otpauthUrl(SECRET, "ana@example.com");
    expect(url).toMatch(/^otpauth:\/\/totp\/Parley:ana%40example\.com\?/);
    expect(url).toContain(`secret=${SECRET}`);
    expect(url).toContain("issuer=Parley");
  });
});

describe("the secret at rest", () => {
  const key = "x".repeat(40);
  it("round-trips, never contains the secret, and differs each time", () => {
    const secret = newTotpSecret();
    const a = encryptSecret(secret, key);
    const b = encryptSecret(secret, key);
    expect(a).not.toContain(secret);
    expect(a).not.toBe(b);
    expect(decryptSecret(a, key)).toBe(secret);
  });

  it("cannot be read with another AUTH_SECRET, nor after tampering", () => {
    const stored = encryptSecret(newTotpSecret(), key);
    expect(() => decryptSecret(stored, "y".repeat(40))).toThrow();
    const parts = stored.split(".");
    parts[3] = Buffer.from("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").toString("base64url");
    expect(() => decryptSecret(parts.join("."), key)).toThrow();
  });
});

describe("recovery codes", () => {
  it("makes ten distinct codes of the alphabet, which classify as recovery codes in any formatting", () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) {
      expect(c).toHaveLength(10);
      expect([...c].every((ch) => RECOVERY_CODE_ALPHABET.includes(ch))).toBe(true);
      expect(classifyCode(formatRecoveryCode(c).toUpperCase())).toEqual({ kind: "recovery", code: c });
      expect(classifyCode(` ${c.slice(0, 5)} ${c.slice(5)} `)).toEqual({ kind: "recovery", code: c });
    }
  });

  it("hashes a code to SHA-256 hex, the same for the same code, never the code itself", () => {
    const [code = ""] = newRecoveryCodes();
    expect(recoveryCodeHash(code)).toMatch(/^[0-9a-f]{64}$/);
    expect(recoveryCodeHash(code)).toBe(recoveryCodeHash(code));
    expect(recoveryCodeHash(code)).not.toContain(code);
    expect(recoveryCodeHash(code)).not.toBe(recoveryCodeHash(`${code.slice(1)}a`));
  });

  it("tells authenticator codes from recovery codes and refuses anything else", () => {
    expect(classifyCode("123 456")).toEqual({ kind: "totp", code: "123456" });
    expect(classifyCode("12345")).toBeNull();
    expect(classifyCode("abcde-fghi0")).toBeNull(); // 0 is not in the alphabet
    expect(classifyCode("")).toBeNull();
  });
});
