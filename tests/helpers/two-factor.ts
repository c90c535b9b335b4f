/** Two-factor sign-in for tests: a sign-in attempt that reports next-auth's error, enrolment over REST, codes by time step. */
import { stepAt, totpCode, TOTP_PERIOD_S } from "@/server/services/totp";
import type { TwoFactorSetup } from "@/lib/shared/two-factor";
import { api, type TestUser } from "./clients";
import { waitFor } from "./wait";

const STEP_MS = TOTP_PERIOD_S * 1000;

export interface SignInAttempt {
  status: number;
  /** next-auth's `error` (CredentialsSignin, TWO_FACTOR_REQUIRED, …), or null on success. */
  error: string | null;
  /** The session cookie, when the sign-in succeeded. */
  cookie: string | null;
}

/** The credentials callback with any extra fields (otp, recoveryCode). */
export async function attemptSignIn(baseUrl: string, fields: Record<string, string>): Promise<SignInAttempt> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, ...fields, json: "true" }),
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0] ?? "").find((c) => c.includes("session-token=")) ?? null;
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  const error = body.url ? new URL(body.url, baseUrl).searchParams.get("error") : null;
  return { status: res.status, error, cookie };
}

/**
 * Codes by time step, relative to a base step taken when there are at least 10 s of it left
 * (waiting for the next step otherwise): `code(secret, k)` is the code of step base+k, accepted
 * while the clock is within one step of it — so a test that uses k = -1, 0, 1 in order, each
 * once, passes whichever step boundary it runs across.
 */
export async function stepClock(): Promise<{ base: number; code: (secret: string, k: number) => string }> {
  await waitFor("10 s left in the current TOTP step", () => STEP_MS - (Date.now() % STEP_MS) >= 10_000, STEP_MS);
  const base = stepAt(Date.now());
  return { base, code: (secret, k) => totpCode(secret, (base + k) * STEP_MS + 1000) };
}

/** Turns two-factor on for `who` over REST with the code of step base+k; its secret and recovery codes. */
export async function enrol(baseUrl: string, who: TestUser, code: (secret: string) => string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await api<TwoFactorSetup>(baseUrl, who, "POST", "/api/me/two-factor/setup", {});
  if (setup.status !== 200) throw new Error(`two-factor setup failed: ${setup.status}`);
  const enabled = await api<{ recoveryCodes: string[] }>(baseUrl, who, "POST", "/api/me/two-factor/enable", { code: code(setup.body.secret) });
  if (enabled.status !== 200) throw new Error(`two-factor enable failed: ${enabled.status} ${JSON.stringify(enabled.body)}`);
  return { secret: setup.body.secret, recoveryCodes: enabled.body.recoveryCodes };
}
