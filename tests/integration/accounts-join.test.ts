/**
 * Who may join (docs/accounts.md) over REST against real PostgreSQL, every mail read from a real
 * SMTP server on loopback: the instance settings (admins only, audited), registration that
 * answers the same for every address, email verification and change, invitations by email.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AccountInvitationDTO, InstanceSettingsDTO, InvitationPreview } from "@/lib/shared/accounts";
import type { RoomDTO } from "@/lib/shared/types";
import { api, registerUser, signIn, uniqueEmail, type TestUser } from "../helpers/clients";
import { withClient } from "../helpers/db";
import { serverFixture } from "../helpers/fixture";
import { createRoom, registerWithRole } from "../helpers/moderation";
import { mailBody, smtpFixture, type ReceivedMail, type TestSmtpServer } from "../helpers/smtp";

const STRONG = "correct horse battery staple 42";
const env: Record<string, string> = {};
const mail = smtpFixture(env);
const fx = serverFixture({ env });
let smtp: TestSmtpServer;
beforeAll(() => {
  smtp = mail.server;
});

let admin: TestUser;
let member: TestUser;
beforeAll(async () => {
  admin = await registerWithRole(fx.url, fx.db.url, "ADMIN", "Admin");
  member = await registerUser(fx.url, "Member");
});

type ErrorBody = { error: { code: string; message: string; details?: { reason?: string; fieldErrors?: Record<string, string[]> } } };

const DEFAULTS: Omit<InstanceSettingsDTO, "updatedAt"> = { signupPolicy: "OPEN", allowedEmailDomains: [], emailVerification: "OPTIONAL", roomOwnersMayInvite: false, requireTwoFactorForStaff: false };

async function setSettings(patch: Partial<Omit<InstanceSettingsDTO, "updatedAt">>): Promise<InstanceSettingsDTO> {
  const res = await api<{ settings: InstanceSettingsDTO }>(fx.url, admin, "PUT", "/api/admin/settings", patch);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.settings;
}

function linkIn(mail: ReceivedMail, path: string): string {
  const match = new RegExp(`(http://\\S+/${path}/([A-Za-z0-9_-]{43}))`).exec(mailBody(mail.raw));
  if (!match?.[2]) throw new Error(`no /${path}/ link in the mail: ${mailBody(mail.raw)}`);
  return match[2];
}

async function register(email: string, password = STRONG, name = "Newcomer") {
  return api<Record<string, unknown>>(fx.url, null, "POST", "/api/auth/register", { email, password, name });
}

const countUsers = (email: string) => withClient(fx.db.url, async (c) => Number((await c.query(`SELECT count(*) FROM "User" WHERE email = $1`, [email])).rows[0].count));

describe("instance settings", () => {
  beforeEach(() => setSettings(DEFAULTS));

  it("start with the defaults, and change only what is sent, audited with old and new values", async () => {
    const res = await api<{ settings: InstanceSettingsDTO }>(fx.url, admin, "GET", "/api/admin/settings");
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject(DEFAULTS);
    const changed = await setSettings({ signupPolicy: "INVITE_ONLY", allowedEmailDomains: ["Example.COM", "@corp.test", "example.com"] });
    expect(changed).toMatchObject({ ...DEFAULTS, signupPolicy: "INVITE_ONLY", allowedEmailDomains: ["corp.test", "example.com"] });
    const audit = await api<{ items: { action: string; actor: { id: string }; details: { changes: Record<string, { from: unknown; to: unknown }> } }[] }>(fx.url, admin, "GET", "/api/admin/audit?action=instance.settings");
    expect(audit.body.items[0]).toMatchObject({
      action: "instance.settings",
      actor: { id: admin.user.id },
      details: { changes: { signupPolicy: { from: "OPEN", to: "INVITE_ONLY" }, allowedEmailDomains: { from: [], to: ["corp.test", "example.com"] } } },
    });
  });

  it("are for admins only: a moderator and a member get 403 and nothing changes", async () => {
    const mod = await registerWithRole(fx.url, fx.db.url, "MODERATOR", "Mod");
    for (const who of [mod, member]) {
      expect((await api(fx.url, who, "GET", "/api/admin/settings")).status).toBe(403);
      expect((await api(fx.url, who, "PUT", "/api/admin/settings", { signupPolicy: "INVITE_ONLY" })).status).toBe(403);
    }
    expect((await api<{ settings: InstanceSettingsDTO }>(fx.url, admin, "GET", "/api/admin/settings")).body.settings.signupPolicy).toBe("OPEN");
  });

  it.each([
    ["an unknown policy", { signupPolicy: "CLOSED" }],
    ["a bad domain", { allowedEmailDomains: ["not a domain"] }],
    ["an unknown field", { ssoOnly: true }],
    ["nothing", {}],
    ["a wrong type", { roomOwnersMayInvite: "yes" }],
  ])("refuse %s with 400 VALIDATION_FAILED and change nothing", async (_label, body) => {
    const res = await api<ErrorBody>(fx.url, admin, "PUT", "/api/admin/settings", body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect((await api<{ settings: InstanceSettingsDTO }>(fx.url, admin, "GET", "/api/admin/settings")).body.settings).toMatchObject(DEFAULTS);
  });
});

describe("registration reveals nothing", () => {
  beforeEach(() => setSettings(DEFAULTS));

  it("answers a new, a taken, an invitation-only and a wrong-domain address the same: 202 check-email, each with its own mail", async () => {
    const fresh = uniqueEmail("fresh");
    const a = await register(fresh);
    expect(a).toEqual({ status: 202, body: { status: "check-email" } });
    const welcome = await smtp.nextMailTo(fresh);
    expect(welcome.raw).toMatch(/Subject: Confirm your Parley email address/);
    linkIn(welcome, "verify-email");
    expect(await countUsers(fresh)).toBe(1);

    let since = smtp.received.length;
    expect(await register(member.email)).toEqual(a);
    const taken = await smtp.nextMailTo(member.email, since);
    expect(mailBody(taken.raw)).toMatch(/already has an account[\s\S]*\/signin[\s\S]*\/forgot-password/);
    expect(mailBody(taken.raw)).not.toMatch(/verify-email/);

    await setSettings({ signupPolicy: "INVITE_ONLY" });
    const uninvited = uniqueEmail("uninvited");
    since = smtp.received.length;
    expect(await register(uninvited)).toEqual(a);
    expect(mailBody((await smtp.nextMailTo(uninvited, since)).raw)).toMatch(/by invitation only/);
    expect(await countUsers(uninvited)).toBe(0);

    await setSettings({ signupPolicy: "OPEN", allowedEmailDomains: ["corp.test"] });
    const outsider = uniqueEmail("outsider");
    since = smtp.received.length;
    expect(await register(outsider)).toEqual(a);
    expect(mailBody((await smtp.nextMailTo(outsider, since)).raw)).toMatch(/some email domains/);
    expect(await countUsers(outsider)).toBe(0);
    const insider = `insider-${Date.now().toString(36)}@corp.test`;
    expect(await register(insider)).toEqual(a);
    expect(await countUsers(insider)).toBe(1);
  });

  it("still refuses bad input and weak passwords with 400, creating nothing", async () => {
    const email = uniqueEmail("bad");
    const bad = await api<ErrorBody>(fx.url, null, "POST", "/api/auth/register", { email: "nope", password: "x", name: "" });
    expect(bad.status).toBe(400);
    const weak = await register(email, "password1");
    expect(weak.status).toBe(400);
    expect(await countUsers(email)).toBe(0);
  });
});

describe("email verification", () => {
  beforeEach(() => setSettings(DEFAULTS));

  it("a new account is unverified until its link is used, and the link works once", async () => {
    const email = uniqueEmail("verify");
    await register(email);
    const token = linkIn(await smtp.nextMailTo(email), "verify-email");
    const rows = await withClient(fx.db.url, (c) => c.query(`SELECT "tokenHash" FROM "EmailVerificationToken"`));
    expect(JSON.stringify(rows.rows)).not.toContain(token);
    const u = { user: null as never, email, password: STRONG, cookie: await signIn(fx.url, email, STRONG) };
    expect((await api<{ email: { verified: boolean } }>(fx.url, u, "GET", "/api/me/email")).body.email).toMatchObject({ email, verified: false, pendingEmail: null });

    const ok = await api(fx.url, null, "POST", "/api/auth/verify-email", { token });
    expect(ok).toEqual({ status: 200, body: { email } });
    expect((await api<{ email: { verified: boolean } }>(fx.url, u, "GET", "/api/me/email")).body.email.verified).toBe(true);
    const again = await api<ErrorBody>(fx.url, null, "POST", "/api/auth/verify-email", { token });
    expect(again.status).toBe(400);
    expect(again.body.error.details?.reason).toBe("used");
    const unknown = await api<ErrorBody>(fx.url, null, "POST", "/api/auth/verify-email", { token: "A".repeat(43) });
    expect(unknown.body.error.details?.reason).toBe("unknown");
    expect((await api<ErrorBody>(fx.url, null, "POST", "/api/auth/verify-email", { token: "short" })).status).toBe(400);
  });

  it("REQUIRED: an unverified account cannot sign in (EMAIL_UNVERIFIED, only with the right password), a resend mails a new link, confirming lets it in", async () => {
    const email = uniqueEmail("required");
    await register(email);
    await smtp.nextMailTo(email);
    await setSettings({ emailVerification: "REQUIRED" });
    const attempt = async (password: string) => {
      const csrf = await fetch(`${fx.url}/api/auth/csrf`);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const res = await fetch(`${fx.url}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") },
        body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
      });
      // json=true: next-auth answers { url } (the page it would redirect to, carrying ?error=).
      const text = await res.text();
      return decodeURIComponent(res.headers.get("location") ?? (text ? ((JSON.parse(text) as { url?: string }).url ?? "") : ""));
    };
    expect(await attempt(STRONG)).toContain("error=EMAIL_UNVERIFIED");
    expect(await attempt("wrong password entirely 9")).toContain("error=CredentialsSignin");
    // A verified account (as the migration marks every account that existed before) still signs in.
    await withClient(fx.db.url, (c) => c.query(`UPDATE "User" SET "emailVerifiedAt" = now() WHERE id = $1`, [member.user.id]));
    expect(await signIn(fx.url, member.email, member.password)).toContain("session-token=");

    const since = smtp.received.length;
    const resend = await api(fx.url, null, "POST", "/api/auth/verify-email/resend", { email });
    expect(resend).toEqual({ status: 202, body: { status: "check-email" } });
    // An address without an account gets the same answer (and no mail).
    expect(await api(fx.url, null, "POST", "/api/auth/verify-email/resend", { email: uniqueEmail("nobody") })).toEqual(resend);
    const token = linkIn(await smtp.nextMailTo(email, since), "verify-email");
    expect((await api(fx.url, null, "POST", "/api/auth/verify-email", { token })).status).toBe(200);
    expect(await signIn(fx.url, email, STRONG)).toContain("session-token=");
  });

  it("changing email needs the current password, mails the new address, and changes it only once confirmed", async () => {
    const u = await registerUser(fx.url, "Changer");
    const wrong = await api<ErrorBody>(fx.url, u, "PUT", "/api/me/email", { email: uniqueEmail("new"), currentPassword: "not it at all" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details?.fieldErrors?.currentPassword).toBeDefined();
    const next = uniqueEmail("new");
    const since = smtp.received.length;
    expect(await api(fx.url, u, "PUT", "/api/me/email", { email: next, currentPassword: u.password })).toEqual({ status: 202, body: { status: "check-email" } });
    const token = linkIn(await smtp.nextMailTo(next, since), "verify-email");
    expect((await api<{ email: { email: string; pendingEmail: string } }>(fx.url, u, "GET", "/api/me/email")).body.email).toMatchObject({ email: u.email, pendingEmail: next });
    expect((await api<{ user: { email: string } }>(fx.url, u, "GET", "/api/me")).body.user.email).toBe(u.email);

    // A taken address: the same answer, a warning to its owner, no link.
    const before = smtp.received.length;
    expect(await api(fx.url, u, "PUT", "/api/me/email", { email: member.email, currentPassword: u.password })).toEqual({ status: 202, body: { status: "check-email" } });
    expect(mailBody((await smtp.nextMailTo(member.email, before)).raw)).not.toMatch(/verify-email/);

    expect(await api(fx.url, null, "POST", "/api/auth/verify-email", { token })).toEqual({ status: 200, body: { email: next } });
    expect((await api<{ user: { email: string } }>(fx.url, u, "GET", "/api/me")).body.user.email).toBe(next);
    await smtp.nextMailTo(u.email, since); // the old address is told
    expect(await signIn(fx.url, next, u.password)).toContain("session-token=");
    await expect(signIn(fx.url, u.email, u.password)).rejects.toThrow(/sign-in failed/);
  });
});

describe("invitations", () => {
  let room: RoomDTO;
  let owner: TestUser;
  beforeAll(async () => {
    room = await createRoom(fx.url, admin, "invited");
    owner = await registerUser(fx.url, "Owner");
  });
  beforeEach(() => setSettings({ ...DEFAULTS, signupPolicy: "INVITE_ONLY" }));

  async function invite(who: TestUser, email: string, roomIds: string[] = []) {
    const since = smtp.received.length;
    const res = await api<{ invitation: AccountInvitationDTO } & ErrorBody>(fx.url, who, "POST", "/api/account-invitations", { email, roomIds });
    return { res, mail: res.status === 201 ? await smtp.nextMailTo(email, since) : null };
  }

  it("an admin invites into a room; the link previews, creates a verified account in the room, and works once", async () => {
    const email = uniqueEmail("invitee");
    const { res, mail } = await invite(admin, email, [room.id]);
    expect(res.status).toBe(201);
    expect(res.body.invitation).toMatchObject({ email, state: "pending", rooms: [{ id: room.id, name: room.name }], invitedBy: { id: admin.user.id } });
    const token = linkIn(mail!, "join");
    const preview = await api<{ invitation: InvitationPreview }>(fx.url, null, "GET", `/api/account-invitations/${token}`);
    expect(preview.body.invitation).toMatchObject({ email, inviterName: "Admin", rooms: [{ id: room.id }] });

    const weak = await api<ErrorBody>(fx.url, null, "POST", `/api/account-invitations/${token}/accept`, { name: "Ivy", password: "password1" });
    expect(weak.status).toBe(400);
    const ok = await api<{ email: string; roomIds: string[] }>(fx.url, null, "POST", `/api/account-invitations/${token}/accept`, { name: "Ivy", password: STRONG });
    expect(ok).toEqual({ status: 201, body: { email, roomIds: [room.id] } });
    await setSettings({ emailVerification: "REQUIRED" });
    const ivy = { user: null as never, email, password: STRONG, cookie: await signIn(fx.url, email, STRONG) };
    expect((await api<{ room: RoomDTO }>(fx.url, ivy, "GET", `/api/rooms/${room.id}`)).body.room.membership).toBeTruthy();
    expect((await api<{ email: { verified: boolean } }>(fx.url, ivy, "GET", "/api/me/email")).body.email.verified).toBe(true);

    const twice = await api<ErrorBody>(fx.url, null, "POST", `/api/account-invitations/${token}/accept`, { name: "Ivy 2", password: STRONG });
    expect(twice.status).toBe(400);
    expect(twice.body.error.details?.reason).toBe("accepted");
    const list = await api<{ invitations: AccountInvitationDTO[] }>(fx.url, admin, "GET", "/api/admin/invitations");
    expect(list.body.invitations.find((i) => i.id === res.body.invitation.id)?.state).toBe("accepted");
  });

  it("resend replaces the link; revoke ends it; both audited", async () => {
    const email = uniqueEmail("resent");
    const { res, mail } = await invite(admin, email);
    const first = linkIn(mail!, "join");
    const since = smtp.received.length;
    expect((await api(fx.url, admin, "POST", `/api/admin/invitations/${res.body.invitation.id}/resend`)).status).toBe(200);
    const second = linkIn(await smtp.nextMailTo(email, since), "join");
    expect((await api<ErrorBody>(fx.url, null, "GET", `/api/account-invitations/${first}`)).body.error.details?.reason).toBe("unknown");
    expect((await api(fx.url, null, "GET", `/api/account-invitations/${second}`)).status).toBe(200);
    expect((await api(fx.url, admin, "DELETE", `/api/admin/invitations/${res.body.invitation.id}`)).status).toBe(200);
    const gone = await api<ErrorBody>(fx.url, null, "POST", `/api/account-invitations/${second}/accept`, { name: "Rae", password: STRONG });
    expect(gone.body.error.details?.reason).toBe("revoked");
    expect(await countUsers(email)).toBe(0);
    const audit = await api<{ items: { action: string; targetId: string }[] }>(fx.url, admin, "GET", "/api/admin/audit?action=invitation");
    const actions = audit.body.items.filter((e) => e.targetId === res.body.invitation.id).map((e) => e.action);
    expect(actions.sort()).toEqual(["invitation.create", "invitation.resend", "invitation.revoke"]);
  });

  it("room owners invite into their own rooms only when the instance allows it; members and other rooms are refused", async () => {
    const own = await createRoom(fx.url, owner, "owned");
    expect((await invite(owner, uniqueEmail("o1"), [own.id])).res.status).toBe(403);
    await setSettings({ roomOwnersMayInvite: true });
    expect((await invite(owner, uniqueEmail("o2"), [own.id])).res.status).toBe(201);
    expect((await invite(owner, uniqueEmail("o3"), [room.id])).res.status).toBe(403);
    expect((await invite(owner, uniqueEmail("o4"), [])).res.status).toBe(403);
    expect((await invite(member, uniqueEmail("o5"), [own.id])).res.status).toBe(403);
    // Managing the list stays with admins.
    expect((await api(fx.url, owner, "GET", "/api/admin/invitations")).status).toBe(403);
  });

  it("refuses bad input, an address that has an account, and unknown rooms, changing nothing", async () => {
    expect((await invite(admin, "not-an-email")).res.status).toBe(400);
    const taken = await invite(admin, member.email);
    expect(taken.res.status).toBe(409);
    expect((await invite(admin, uniqueEmail("r"), ["00000000-0000-4000-8000-000000000000"])).res.status).toBe(404);
    expect((await api<ErrorBody>(fx.url, null, "GET", "/api/account-invitations/nope")).body.error.details?.reason).toBe("unknown");
  });
});
