/** Password reset (docs/api.md "Password reset") end to end over REST, the mail read from a real SMTP server on loopback. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, registerUser, signIn, uniqueEmail } from "../helpers/clients";
import { serverFixture } from "../helpers/fixture";
import { mailBody, startSmtpServer, type TestSmtpServer } from "../helpers/smtp";
import { withClient } from "../helpers/db";

const STRONG = "correct horse battery staple 42";
const env: Record<string, string> = { MAIL_FROM: "Parley <noreply@parley.test>" };
let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
  env.SMTP_URL = smtp.url;
});
afterAll(async () => {
  await smtp?.stop();
});
const fx = serverFixture({ env });

async function resetLinkFor(email: string): Promise<{ link: string; token: string }> {
  const since = smtp.received.length;
  const res = await api(fx.url, null, "POST", "/api/auth/password-reset", { email });
  expect(res.status).toBe(202);
  // Registration's confirmation mail may arrive meanwhile: wait for the reset mail itself.
  const mail = await smtp.nextMailTo(email, since, /Subject: Reset your Parley password/);
  const match = /(http:\/\/\S+\/reset-password\/([A-Za-z0-9_-]{43}))/.exec(mailBody(mail.raw));
  if (!match?.[1] || !match[2]) throw new Error("no reset link in the mail");
  return { link: match[1], token: match[2] };
}

describe("requesting a reset", () => {
  it("mails a link under APP_ORIGIN from MAIL_FROM, and stores only the token's hash", async () => {
    const u = await registerUser(fx.url);
    const { link, token } = await resetLinkFor(u.email);
    expect(link.startsWith(`${fx.url}/reset-password/`)).toBe(true);
    const rows = await withClient(fx.db.url, (c) => c.query<{ tokenHash: string }>(`SELECT "tokenHash" FROM "PasswordResetToken"`));
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows.rows)).not.toContain(token);
  });

  it("answers an unknown email exactly like a known one, and sends nothing", async () => {
    const known = await registerUser(fx.url);
    const a = await api(fx.url, null, "POST", "/api/auth/password-reset", { email: known.email });
    const stranger = uniqueEmail("nobody");
    const since = smtp.received.length;
    const b = await api(fx.url, null, "POST", "/api/auth/password-reset", { email: stranger });
    expect(b.status).toBe(a.status);
    expect(b.body).toEqual(a.body);
    await smtp.nextMailTo(known.email, since, /Subject: Reset your Parley password/);
    // The known one's mail arrived (sent after the stranger's request was answered); none for the stranger.
    expect(smtp.received.slice(since).some((m) => m.to.includes(stranger))).toBe(false);
  });

  it("refuses bad input with 400", async () => {
    const res = await api<{ error: { code: string } }>(fx.url, null, "POST", "/api/auth/password-reset", { email: "nope" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
  });
});

describe("confirming a reset", () => {
  it("sets the password, revokes every session, and the link works once", async () => {
    const u = await registerUser(fx.url);
    const otherBrowser = await signIn(fx.url, u.email, u.password);
    expect((await api(fx.url, { ...u, cookie: otherBrowser }, "GET", "/api/me")).status).toBe(200);
    const { token } = await resetLinkFor(u.email);

    const ok = await api(fx.url, null, "POST", "/api/auth/password-reset/confirm", { token, password: STRONG });
    expect(ok.status).toBe(200);
    // Both sessions that existed are gone.
    expect((await api(fx.url, u, "GET", "/api/me")).status).toBe(401);
    expect((await api(fx.url, { ...u, cookie: otherBrowser }, "GET", "/api/me")).status).toBe(401);
    await expect(signIn(fx.url, u.email, u.password)).rejects.toThrow(/sign-in failed/);
    const fresh = await signIn(fx.url, u.email, STRONG);
    expect((await api(fx.url, { ...u, cookie: fresh }, "GET", "/api/me")).status).toBe(200);

    const again = await api<{ error: { code: string; message: string; details: { reason: string } } }>(fx.url, null, "POST", "/api/auth/password-reset/confirm", { token, password: "another fine long passphrase 7" });
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ code: "BAD_REQUEST", details: { reason: "used" } });
    expect(again.body.error.message).toMatch(/already been used/);
    await signIn(fx.url, u.email, STRONG);
  });

  it("refuses an unknown token and an expired one with 400, changing nothing", async () => {
    const u = await registerUser(fx.url);
    const unknown = await api<{ error: { details: { reason: string } } }>(fx.url, null, "POST", "/api/auth/password-reset/confirm", { token: "A".repeat(43), password: STRONG });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.reason).toBe("unknown");

    const { token } = await resetLinkFor(u.email);
    await withClient(fx.db.url, (c) => c.query(`UPDATE "PasswordResetToken" SET "expiresAt" = now() - interval '1 second'`));
    const expired = await api<{ error: { message: string; details: { reason: string } } }>(fx.url, null, "POST", "/api/auth/password-reset/confirm", { token, password: STRONG });
    expect(expired.status).toBe(400);
    expect(expired.body.error.details.reason).toBe("expired");
    expect(expired.body.error.message).toMatch(/expired/);
    // The old password still works, the session still stands.
    expect((await api(fx.url, u, "GET", "/api/me")).status).toBe(200);
    await signIn(fx.url, u.email, u.password);
  });

  it("refuses a weak password (or one containing the name or email) with the reason, and keeps the token", async () => {
    const u = await registerUser(fx.url, "Marguerite");
    const { token } = await resetLinkFor(u.email);
    const weak = await api<{ error: { code: string; details: { fieldErrors: { password: string[] } } } }>(fx.url, null, "POST", "/api/auth/password-reset/confirm", { token, password: "password1" });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe("VALIDATION_FAILED");
    expect(weak.body.error.details.fieldErrors.password[0]).toMatch(/too easy to guess/);
    const named = await api<{ error: { details: { fieldErrors: { password: string[] } } } }>(fx.url, null, "POST", "/api/auth/password-reset/confirm", { token, password: "Marguerite-x7!Q9zzLp" });
    expect(named.body.error.details.fieldErrors.password[0]).toMatch(/email or name/);
    expect((await api(fx.url, null, "POST", "/api/auth/password-reset/confirm", { token, password: STRONG })).status).toBe(200);
  });
});
