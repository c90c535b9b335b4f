/**
 * Server-side sessions: sign-out ends the session for good (REST 401, handshakes refused, its
 * open sockets closed within a second, next-auth's session endpoint empty); the Sessions API
 * lists and revokes them; a cookie from before sessions existed is refused; a ban revokes them;
 * and REST and the handshake read one session from a request carrying two session cookies.
 */
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import type { SessionDTO } from "@/lib/shared/sessions";
import { api, connect, connectUser, handshakeOutcome, registerUser, signIn, signOut, type ClientSocket, type TestUser } from "../helpers/clients";
import { withClient } from "../helpers/db";
import { serverFixture } from "../helpers/fixture";
import { registerWithRole } from "../helpers/moderation";
import { TEST_AUTH_SECRET } from "../helpers/server";

const fx = serverFixture();

const FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

/** The handshake's answer for this cookie: "connected" or the connect_error message. */
function handshake(cookie: string): Promise<string> {
  return handshakeOutcome(connect(fx.url, { cookie } as TestUser));
}

async function authSession(cookie: string): Promise<unknown> {
  const res = await fetch(`${fx.url}/api/auth/session`, { headers: { cookie } });
  return res.json();
}

/** Resolves when the server closes the socket. */
function closedByServer(s: ClientSocket): Promise<string> {
  return new Promise((resolve) => s.once("disconnect", (reason) => resolve(reason)));
}

/** A second signed-in browser of the same user. */
async function secondBrowser(u: TestUser, userAgent?: string): Promise<TestUser> {
  return { ...u, cookie: await signIn(fx.url, u.email, u.password, { userAgent }) };
}

function tokenOf(cookie: string): string {
  return cookie.slice(cookie.indexOf("=") + 1);
}

describe("sign-out", () => {
  it("ends the session: REST 401, handshake refused, its open socket closed within 1 s, /api/auth/session empty", async () => {
    const u = await registerUser(fx.url, "Sol");
    const other = await secondBrowser(u);
    const socket = await connectUser(fx.url, u);
    const otherSocket = await connectUser(fx.url, other);
    expect(await authSession(u.cookie)).toMatchObject({ user: { id: u.user.id, name: "Sol" } });
    const closed = closedByServer(socket);

    expect(await signOut(fx.url, u.cookie)).toBeLessThan(400);
    const signedOutAt = Date.now();
    expect(await closed).toBe("io server disconnect");
    expect(Date.now() - signedOutAt).toBeLessThan(1000);

    expect((await api(fx.url, u, "GET", "/api/me")).status).toBe(401);
    expect(await handshake(u.cookie)).toBe("UNAUTHENTICATED");
    expect(await authSession(u.cookie)).toEqual({});
    // The same user's other browser is another session: untouched.
    expect((await api(fx.url, other, "GET", "/api/me")).status).toBe(200);
    expect(otherSocket.connected).toBe(true);
    otherSocket.close();
  });

  it("refuses a cookie issued before server-side sessions (no session id in it)", async () => {
    const u = await registerUser(fx.url);
    const legacy = await encode({ token: { name: u.user.name, email: u.email, sub: u.user.id, uid: u.user.id, role: "MEMBER", sv: 0 }, secret: TEST_AUTH_SECRET });
    const cookie = `next-auth.session-token=${legacy}`;
    expect((await api(fx.url, { ...u, cookie }, "GET", "/api/me")).status).toBe(401);
    expect(await handshake(cookie)).toBe("UNAUTHENTICATED");
    expect(await authSession(cookie)).toEqual({});
  });
});

describe("the Sessions API", () => {
  it("lists the user's sessions with device, browser and IP, this one marked", async () => {
    const u = await registerUser(fx.url);
    const firefox = await secondBrowser(u, FIREFOX_LINUX);
    const iphone = await secondBrowser(u, SAFARI_IPHONE);
    const res = await api<{ sessions: SessionDTO[] }>(fx.url, firefox, "GET", "/api/sessions");
    expect(res.status).toBe(200);
    expect(res.body.sessions).toHaveLength(3);
    const current = res.body.sessions.filter((s) => s.current);
    expect(current).toEqual([expect.objectContaining({ browser: "Firefox", device: "Linux", ip: "127.0.0.1" })]);
    expect(res.body.sessions).toContainEqual(expect.objectContaining({ browser: "Safari", device: "iPhone", current: false }));
    for (const s of res.body.sessions) expect(Date.parse(s.lastActiveAt)).toBeGreaterThanOrEqual(Date.parse(s.createdAt));
    // Another user sees only their own.
    const stranger = await registerUser(fx.url);
    const theirs = await api<{ sessions: SessionDTO[] }>(fx.url, stranger, "GET", "/api/sessions");
    expect(theirs.body.sessions.map((s) => s.id)).not.toContain(current[0]?.id);
    expect(iphone.cookie).not.toBe(firefox.cookie);
  });

  it("revokes another session: it gets 401, its socket closes, its /api/auth/session is empty; this one goes on", async () => {
    const u = await registerUser(fx.url);
    const other = await secondBrowser(u);
    const otherSocket = await connectUser(fx.url, other);
    const { body } = await api<{ sessions: SessionDTO[] }>(fx.url, other, "GET", "/api/sessions");
    const otherId = body.sessions.find((s) => s.current)?.id ?? "";
    const closed = closedByServer(otherSocket);

    // Someone else cannot revoke it, nor can a cross-site page.
    const stranger = await registerUser(fx.url);
    expect((await api(fx.url, stranger, "DELETE", `/api/sessions/${otherId}`)).status).toBe(404);
    const csrf = await fetch(`${fx.url}/api/sessions/${otherId}`, { method: "DELETE", headers: { cookie: u.cookie, origin: "https://evil.example" } });
    expect(csrf.status).toBe(403);
    expect((await api(fx.url, other, "GET", "/api/me")).status).toBe(200);

    expect((await api(fx.url, u, "DELETE", `/api/sessions/${otherId}`)).status).toBe(200);
    expect(await closed).toBe("io server disconnect");
    expect((await api(fx.url, other, "GET", "/api/me")).status).toBe(401);
    expect(await authSession(other.cookie)).toEqual({});
    expect((await api(fx.url, u, "GET", "/api/me")).status).toBe(200);
    const left = await api<{ sessions: SessionDTO[] }>(fx.url, u, "GET", "/api/sessions");
    expect(left.body.sessions.map((s) => s.id)).not.toContain(otherId);
  });

  it("signs out all other sessions with ?others=1 and nothing without it", async () => {
    const u = await registerUser(fx.url);
    const [b, c] = [await secondBrowser(u), await secondBrowser(u)];
    const bad = await api<{ error: { code: string } }>(fx.url, u, "DELETE", "/api/sessions");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect((await api(fx.url, b, "GET", "/api/me")).status).toBe(200);

    const res = await api<{ revoked: number }>(fx.url, u, "DELETE", "/api/sessions?others=1");
    expect(res).toEqual({ status: 200, body: { revoked: 2 } });
    expect((await api(fx.url, b, "GET", "/api/me")).status).toBe(401);
    expect((await api(fx.url, c, "GET", "/api/me")).status).toBe(401);
    expect((await api(fx.url, u, "GET", "/api/me")).status).toBe(200);
    const left = await api<{ sessions: SessionDTO[] }>(fx.url, u, "GET", "/api/sessions");
    expect(left.body.sessions.map((s) => s.current)).toEqual([true]);
  });

  it("a ban revokes every session of the user (they stay revoked after an unban)", async () => {
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN");
    const u = await registerUser(fx.url, "Banned");
    await secondBrowser(u);
    expect((await api(fx.url, admin, "POST", `/api/admin/users/${u.user.id}/ban`, { reason: "spam" })).status).toBe(200);
    expect((await api(fx.url, admin, "POST", `/api/admin/users/${u.user.id}/unban`, {})).status).toBe(200);
    const rows = await withClient(fx.db.url, (c) => c.query<{ revoked: boolean }>(`SELECT "revokedAt" IS NOT NULL AS revoked FROM "Session" WHERE "userId" = $1`, [u.user.id]));
    expect(rows.rows.map((r) => r.revoked)).toEqual([true, true]);
    expect((await api(fx.url, u, "GET", "/api/me")).status).toBe(401);
  });
});

describe("housekeeping", () => {
  it("a sign-in deletes the user's expired sessions and those revoked over 30 days ago, nothing else", async () => {
    const u = await registerUser(fx.url);
    const [old, expired] = [await secondBrowser(u), await secondBrowser(u)];
    const count = async () => (await withClient(fx.db.url, (c) => c.query(`SELECT id FROM "Session" WHERE "userId" = $1`, [u.user.id]))).rows.length;
    const sessionId = async (who: TestUser) => (await api<{ sessions: SessionDTO[] }>(fx.url, who, "GET", "/api/sessions")).body.sessions.find((s) => s.current)?.id;
    const [oldId, expiredId] = [await sessionId(old), await sessionId(expired)];
    await withClient(fx.db.url, async (c) => {
      await c.query(`UPDATE "Session" SET "revokedAt" = now() - interval '31 days' WHERE id = $1`, [oldId]);
      await c.query(`UPDATE "Session" SET "expiresAt" = now() - interval '1 minute' WHERE id = $1`, [expiredId]);
    });
    expect(await count()).toBe(3);
    await secondBrowser(u);
    expect(await count()).toBe(2);
    expect((await api(fx.url, u, "GET", "/api/me")).status).toBe(200);
  });
});

describe("last activity", () => {
  it("is written at most once a minute, not on every request", async () => {
    // A session of its own, never used yet: registerUser's reads /api/auth/session, which notes
    // that session's use in this process (the minute's marker) before the test could date it back.
    const registered = await registerUser(fx.url);
    const u = { ...registered, cookie: await signIn(fx.url, registered.email, registered.password) };
    const stamp = (sql: string) => withClient(fx.db.url, (c) => c.query(sql, [u.user.id]));
    const lastActive = async () =>
      (await withClient(fx.db.url, (c) => c.query<{ at: Date }>(`SELECT max("lastActiveAt") AS at FROM "Session" WHERE "userId" = $1`, [u.user.id]))).rows[0]?.at.getTime() ?? 0;
    // Last used two minutes ago: the next request notes the use.
    await stamp(`UPDATE "Session" SET "lastActiveAt" = now() - interval '2 minutes' WHERE "userId" = $1`);
    const before = Date.now();
    expect((await api(fx.url, u, "GET", "/api/me")).status).toBe(200);
    await expect.poll(lastActive).toBeGreaterThanOrEqual(before - 1000);
    // Within the minute, further requests write nothing (the marker stays).
    await stamp(`UPDATE "Session" SET "lastActiveAt" = '2000-01-01' WHERE "userId" = $1`);
    for (let i = 0; i < 3; i++) expect((await api(fx.url, u, "GET", "/api/me")).status).toBe(200);
    expect(await lastActive()).toBe(Date.parse("2000-01-01T00:00:00Z"));
  });
});

describe("two session cookies in one request", () => {
  it("are refused alike by REST (401) and the handshake (UNAUTHENTICATED) when they differ", async () => {
    const [ana, ben] = [await registerUser(fx.url, "Ana"), await registerUser(fx.url, "Ben")];
    const [a, b] = [tokenOf(ana.cookie), tokenOf(ben.cookie)];
    const both = `next-auth.session-token=${a}; next-auth.session-token=${b}`;
    expect((await api(fx.url, { ...ana, cookie: both }, "GET", "/api/me")).status).toBe(401);
    expect(await handshake(both)).toBe("UNAUTHENTICATED");
    // The other origin's name (__Secure- on this http origin) is not read at all, by either.
    const mixed = `__Secure-next-auth.session-token=${b}; next-auth.session-token=${a}`;
    expect((await api<{ user: { id: string } }>(fx.url, { ...ana, cookie: mixed }, "GET", "/api/me")).body.user.id).toBe(ana.user.id);
    expect(await handshake(mixed)).toBe("connected");
    // The same token twice is one session.
    const twice = `next-auth.session-token=${a}; next-auth.session-token=${a}`;
    expect((await api<{ user: { id: string } }>(fx.url, { ...ana, cookie: twice }, "GET", "/api/me")).body.user.id).toBe(ana.user.id);
    expect(await handshake(twice)).toBe("connected");
  });
});
