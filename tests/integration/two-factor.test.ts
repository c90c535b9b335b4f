/** Two-factor sign-in, change password and the common-password list (docs/two-factor.md) end to end over REST and next-auth. */
import { describe, expect, it } from "vitest";
import { api, registerUser, signIn } from "../helpers/clients";
import { serverFixture } from "../helpers/fixture";
import { withClient } from "../helpers/db";
import { registerWithRole } from "../helpers/moderation";
import { attemptSignIn, enrol, stepClock } from "../helpers/two-factor";
import type { TwoFactorSetup, TwoFactorStatus } from "@/lib/shared/two-factor";
import { encryptSecret } from "@/server/services/totp";

const fx = serverFixture();

type ErrorBody = { error: { code: string; message: string; details?: { fieldErrors?: Record<string, string[]> } } };

describe("setting up two-factor", () => {
  it("shows the secret once, stores it encrypted, and turns on only with a right code; the recovery codes are stored hashed", async () => {
    const u = await registerUser(fx.url);
    const clock = await stepClock();
    const first = await api<TwoFactorSetup>(fx.url, u, "POST", "/api/me/two-factor/setup", {});
    expect(first.status).toBe(200);
    expect(first.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(first.body.otpauthUrl).toContain(`secret=${first.body.secret}`);
    expect(first.body.qrCode).toMatch(/^data:image\/png;base64,/);
    // Asking again replaces the unfinished set-up's secret.
    const setup = await api<TwoFactorSetup>(fx.url, u, "POST", "/api/me/two-factor/setup", {});
    expect(setup.body.secret).not.toBe(first.body.secret);
    const stored = await withClient(fx.db.url, (c) => c.query<{ secret: string }>(`SELECT secret FROM "TwoFactor" WHERE "userId" = $1`, [u.user.id]));
    expect(stored.rows[0]?.secret).toMatch(/^v1\./);
    expect(stored.rows[0]?.secret).not.toContain(setup.body.secret);

    const stale = await api<ErrorBody>(fx.url, u, "POST", "/api/me/two-factor/enable", { code: clock.code(first.body.secret, 0) });
    expect(stale.status).toBe(400);
    expect(stale.body.error.details?.fieldErrors?.code).toBeDefined();
    const junk = await api<ErrorBody>(fx.url, u, "POST", "/api/me/two-factor/enable", { code: "12ab" });
    expect(junk.status).toBe(400);
    expect((await api<TwoFactorStatus>(fx.url, u, "GET", "/api/me/two-factor")).body).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0 });

    const on = await api<{ recoveryCodes: string[] }>(fx.url, u, "POST", "/api/me/two-factor/enable", { code: clock.code(setup.body.secret, 0) });
    expect(on.status).toBe(200);
    expect(on.body.recoveryCodes).toHaveLength(10);
    for (const c of on.body.recoveryCodes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const status = await api<TwoFactorStatus>(fx.url, u, "GET", "/api/me/two-factor");
    expect(status.body).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    const hashes = await withClient(fx.db.url, (c) => c.query<{ codeHash: string }>(`SELECT "codeHash" FROM "RecoveryCode" WHERE "userId" = $1`, [u.user.id]));
    expect(hashes.rows).toHaveLength(10);
    const dump = JSON.stringify(hashes.rows);
    for (const c of on.body.recoveryCodes) expect(dump).not.toContain(c.replace("-", ""));
    // On: no new secret is handed out.
    expect((await api(fx.url, u, "POST", "/api/me/two-factor/setup", {})).status).toBe(409);
  });
});

describe("signing in with two-factor on", () => {
  it("asks for the code after a right password, refuses wrong and replayed codes, and signs in with a right one", async () => {
    const u = await registerUser(fx.url);
    const clock = await stepClock();
    const { secret } = await enrol(fx.url, u, (s) => clock.code(s, -1));
    const creds = { email: u.email, password: u.password };

    const passwordOnly = await attemptSignIn(fx.url, creds);
    expect(passwordOnly).toMatchObject({ error: "TWO_FACTOR_REQUIRED", cookie: null });
    // A wrong password says nothing about two-factor, code or not.
    expect(await attemptSignIn(fx.url, { email: u.email, password: "wrong-password-1", otp: clock.code(secret, 0) })).toMatchObject({ error: "CredentialsSignin", cookie: null });
    expect(await attemptSignIn(fx.url, { ...creds, otp: "000000" === clock.code(secret, 0) ? "111111" : "000000" })).toMatchObject({ error: "TWO_FACTOR_INVALID", cookie: null });
    // The code that turned two-factor on cannot be used again.
    expect(await attemptSignIn(fx.url, { ...creds, otp: clock.code(secret, -1) })).toMatchObject({ error: "TWO_FACTOR_INVALID", cookie: null });

    const ok = await attemptSignIn(fx.url, { ...creds, otp: clock.code(secret, 0) });
    expect(ok.error).toBeNull();
    expect(ok.cookie).not.toBeNull();
    expect((await api(fx.url, { ...u, cookie: ok.cookie! }, "GET", "/api/me")).status).toBe(200);
    // Replayed in the same step: refused.
    expect(await attemptSignIn(fx.url, { ...creds, otp: clock.code(secret, 0) })).toMatchObject({ error: "TWO_FACTOR_INVALID", cookie: null });
    // The next step's code works.
    expect((await attemptSignIn(fx.url, { ...creds, otp: clock.code(secret, 1) })).cookie).not.toBeNull();
  });

  it("signs in once with each recovery code, counting down; new codes replace the old ones", async () => {
    const u = await registerUser(fx.url);
    const clock = await stepClock();
    const { secret, recoveryCodes } = await enrol(fx.url, u, (s) => clock.code(s, -1));
    const creds = { email: u.email, password: u.password };
    const [first = "", second = ""] = recoveryCodes;

    const ok = await attemptSignIn(fx.url, { ...creds, recoveryCode: first.toUpperCase() });
    expect(ok.cookie).not.toBeNull();
    const me = { ...u, cookie: ok.cookie! };
    expect((await api<TwoFactorStatus>(fx.url, me, "GET", "/api/me/two-factor")).body.recoveryCodesLeft).toBe(9);
    expect(await attemptSignIn(fx.url, { ...creds, recoveryCode: first })).toMatchObject({ error: "TWO_FACTOR_INVALID", cookie: null });

    const regen = await api<{ recoveryCodes: string[] }>(fx.url, me, "POST", "/api/me/two-factor/recovery-codes", { code: clock.code(secret, 0) });
    expect(regen.status).toBe(200);
    expect(regen.body.recoveryCodes).toHaveLength(10);
    expect(regen.body.recoveryCodes).not.toContain(second);
    expect(await attemptSignIn(fx.url, { ...creds, recoveryCode: second })).toMatchObject({ error: "TWO_FACTOR_INVALID" });
    expect((await attemptSignIn(fx.url, { ...creds, recoveryCode: regen.body.recoveryCodes[0]! })).cookie).not.toBeNull();
    expect((await api<TwoFactorStatus>(fx.url, me, "GET", "/api/me/two-factor")).body.recoveryCodesLeft).toBe(9);
  });

  it("turns off with the password and a code, not with a wrong password; then the password alone signs in", async () => {
    const u = await registerUser(fx.url);
    const clock = await stepClock();
    const { recoveryCodes } = await enrol(fx.url, u, (s) => clock.code(s, -1));
    const wrong = await api<ErrorBody>(fx.url, u, "POST", "/api/me/two-factor/disable", { password: "not-my-password", code: recoveryCodes[0] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details?.fieldErrors?.password).toBeDefined();
    expect((await api<TwoFactorStatus>(fx.url, u, "GET", "/api/me/two-factor")).body.enabled).toBe(true);
    const badCode = await api<ErrorBody>(fx.url, u, "POST", "/api/me/two-factor/disable", { password: u.password, code: "zzzzz-zzzzz" });
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.details?.fieldErrors?.code).toBeDefined();
    expect((await api(fx.url, u, "POST", "/api/me/two-factor/disable", { password: u.password, code: recoveryCodes[0] })).status).toBe(200);
    expect((await api<TwoFactorStatus>(fx.url, u, "GET", "/api/me/two-factor")).body).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0 });
    expect((await attemptSignIn(fx.url, { email: u.email, password: u.password })).cookie).not.toBeNull();
  });
});

describe("a secret that cannot be decrypted (AUTH_SECRET changed)", () => {
  it("refuses authenticator codes as wrong, not as a server error, and still takes a recovery code", async () => {
    const u = await registerUser(fx.url);
    const clock = await stepClock();
    const { secret, recoveryCodes } = await enrol(fx.url, u, (s) => clock.code(s, -1));
    // What a secret encrypted under another AUTH_SECRET looks like to this server.
    const foreign = encryptSecret(secret, "another-auth-secret-of-32-characters!");
    await withClient(fx.db.url, (c) => c.query(`UPDATE "TwoFactor" SET secret = $1 WHERE "userId" = $2`, [foreign, u.user.id]));
    const creds = { email: u.email, password: u.password };
    expect(await attemptSignIn(fx.url, { ...creds, otp: clock.code(secret, 0) })).toMatchObject({ error: "TWO_FACTOR_INVALID", cookie: null });
    expect((await attemptSignIn(fx.url, { ...creds, recoveryCode: recoveryCodes[0]! })).cookie).not.toBeNull();
  });
});

describe("an admin resetting someone's second factor", () => {
  it("is for global admins only, is audited, leaves the person's sessions alone and lets them sign in with the password", async () => {
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN", "Admin");
    const moderator = await registerWithRole(fx.url, fx.db.url, "MODERATOR", "Mod");
    const u = await registerUser(fx.url);
    const clock = await stepClock();
    await enrol(fx.url, u, (s) => clock.code(s, -1));
    const detail = await api<{ twoFactorEnabled: boolean }>(fx.url, admin, "GET", `/api/admin/users/${u.user.id}`);
    expect(detail.body.twoFactorEnabled).toBe(true);

    expect((await api(fx.url, moderator, "POST", `/api/admin/users/${u.user.id}/reset-two-factor`, {})).status).toBe(403);
    expect((await api(fx.url, u, "POST", `/api/admin/users/${u.user.id}/reset-two-factor`, {})).status).toBe(403);
    expect((await api(fx.url, admin, "POST", `/api/admin/users/${u.user.id}/reset-two-factor`, { reason: 123 })).status).toBe(400);
    expect((await api<TwoFactorStatus>(fx.url, u, "GET", "/api/me/two-factor")).body.enabled).toBe(true);

    const reset = await api(fx.url, admin, "POST", `/api/admin/users/${u.user.id}/reset-two-factor`, { reason: "lost their phone" });
    expect(reset.status).toBe(200);
    const audit = await withClient(fx.db.url, (c) =>
      c.query<{ actorId: string; reason: string }>(`SELECT "actorId", reason FROM "AuditEntry" WHERE action = 'user.resetTwoFactor' AND "targetId" = $1`, [u.user.id]),
    );
    expect(audit.rows).toEqual([{ actorId: admin.user.id, reason: "lost their phone" }]);
    // The session they had goes on; the password alone signs in now.
    expect((await api(fx.url, u, "GET", "/api/me")).status).toBe(200);
    expect((await api<TwoFactorStatus>(fx.url, u, "GET", "/api/me/two-factor")).body.enabled).toBe(false);
    expect((await attemptSignIn(fx.url, { email: u.email, password: u.password })).cookie).not.toBeNull();
    // Nothing left to reset.
    expect((await api(fx.url, admin, "POST", `/api/admin/users/${u.user.id}/reset-two-factor`, {})).status).toBe(400);
  });
});

describe("changing the password", () => {
  it("needs the current password and a strong new one, then revokes every other session and keeps this one", async () => {
    const u = await registerUser(fx.url);
    const other = { ...u, cookie: await signIn(fx.url, u.email, u.password) };
    const next = "quiet lantern orchard 93";

    const wrong = await api<ErrorBody>(fx.url, u, "POST", "/api/me/password", { currentPassword: "nope-nope-nope", newPassword: next });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details?.fieldErrors?.currentPassword).toEqual(["is not your current password"]);
    const common = await api<ErrorBody>(fx.url, u, "POST", "/api/me/password", { currentPassword: u.password, newPassword: "baseball" });
    expect(common.status).toBe(400);
    expect(common.body.error.details?.fieldErrors?.newPassword?.[0]).toMatch(/10,000 most common passwords/);
    const same = await api<ErrorBody>(fx.url, u, "POST", "/api/me/password", { currentPassword: u.password, newPassword: u.password });
    expect(same.body.error.details?.fieldErrors?.newPassword).toEqual(["must differ from your current password"]);
    expect((await api(fx.url, u, "POST", "/api/me/password", { currentPassword: u.password, newPassword: next, extra: 1 })).status).toBe(400);
    // Nothing changed so far.
    expect((await api(fx.url, other, "GET", "/api/me")).status).toBe(200);

    const ok = await api<{ sessionsRevoked: number }>(fx.url, u, "POST", "/api/me/password", { currentPassword: u.password, newPassword: next });
    expect(ok.status).toBe(200);
    expect(ok.body.sessionsRevoked).toBe(1);
    expect((await api(fx.url, u, "GET", "/api/me")).status).toBe(200);
    expect((await api(fx.url, other, "GET", "/api/me")).status).toBe(401);
    await expect(signIn(fx.url, u.email, u.password)).rejects.toThrow(/sign-in failed/);
    await signIn(fx.url, u.email, next);
  });
});

describe("the common-password list", () => {
  it("refuses a listed password at sign-up with a clear message", async () => {
    const res = await fetch(`${fx.url}/api/auth/register`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: `common-${Date.now()}@example.test`, password: "sunshine1", name: "Sunny" }) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.details?.fieldErrors?.password?.[0]).toBe("is too easy to guess: it is one of the 10,000 most common passwords");
  });
});
