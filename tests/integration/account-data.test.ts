/**
 * Leaving (docs/accounts.md "Your data and leaving"): the JSON export of one's own data (and an
 * admin's of anyone, audited), and account deletion — confirmed by email and password, erasing
 * the person, ending every session, keeping the messages under "Deleted user" (the default
 * policy; the "remove" policy is account-deletion-remove.test.ts). Bad input changes nothing.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { HistoryPage } from "@/lib/shared/types";
import { roomAndMessage } from "../helpers/account-data";
import { api, registerUser, signIn, type ClientSocket, type TestUser } from "../helpers/clients";
import { withClient } from "../helpers/db";
import { serverFixture } from "../helpers/fixture";

const fx = serverFixture();
const sockets: ClientSocket[] = [];
afterEach(() => {
  while (sockets.length) sockets.pop()?.close();
});

async function exported(who: TestUser, path = "/api/me/export"): Promise<{ status: number; disposition: string | null; body: Record<string, unknown> & { messages: { body: string | null }[] } }> {
  const res = await fetch(`${fx.url}${path}`, { headers: { cookie: who.cookie } });
  return { status: res.status, disposition: res.headers.get("content-disposition"), body: res.ok ? await res.json() : await res.json().catch(() => ({})) };
}

const setRole = (who: TestUser, role: string) => withClient(fx.db.url, (c) => c.query(`UPDATE "User" SET role = $1 WHERE id = $2`, [role, who.user.id]));

describe("the export", () => {
  it("is one JSON file with the profile, memberships and every message the user wrote, and nobody else's", async () => {
    const ana = await registerUser(fx.url, "Ana");
    const ben = await registerUser(fx.url, "Ben");
    const { roomId, socket } = await roomAndMessage(fx.url, ana, "ana's words");
    sockets.push(socket);
    await api(fx.url, ben, "POST", `/api/rooms/${roomId}/join`);
    const res = await exported(ana);
    expect(res.status).toBe(200);
    expect(res.disposition).toMatch(/^attachment; filename="parley-export-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(res.body).toMatchObject({ format: "parley-export/1", profile: { id: ana.user.id, email: ana.email, name: "Ana" } });
    expect(res.body.memberships).toEqual(expect.arrayContaining([expect.objectContaining({ roomId, role: "OWNER" })]));
    expect(res.body.messages.map((m) => m.body)).toEqual(["ana's words"]);
    expect(res.body.sessions).toHaveLength(1);
    // Ben's export has his membership but not Ana's message.
    const theirs = await exported(ben);
    expect(theirs.body.messages).toEqual([]);
    expect(JSON.stringify(theirs.body)).not.toContain("ana's words");
    expect((await fetch(`${fx.url}/api/me/export`)).status).toBe(401);
  });

  it("of someone else is for admins only, and audited", async () => {
    const cy = await registerUser(fx.url, "Cy");
    const mod = await registerUser(fx.url, "Mod");
    const admin = await registerUser(fx.url, "Boss");
    await setRole(mod, "MODERATOR");
    await setRole(admin, "ADMIN");
    expect((await exported(mod, `/api/admin/users/${cy.user.id}/export`)).status).toBe(403);
    expect((await exported(cy, `/api/admin/users/${admin.user.id}/export`)).status).toBe(403);
    const res = await exported(admin, `/api/admin/users/${cy.user.id}/export`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ profile: { id: cy.user.id } });
    const audit = await withClient(fx.db.url, (c) => c.query(`SELECT 1 FROM "AuditEntry" WHERE action = 'user.export' AND "actorId" = $1 AND "targetId" = $2`, [admin.user.id, cy.user.id]));
    expect(audit.rowCount).toBe(1);
    expect((await exported(admin, `/api/admin/users/not-an-id/export`)).status).toBe(404);
  });
});

describe("deleting one's account", () => {
  it("needs the email typed and the password; a mismatch changes nothing", async () => {
    const dee = await registerUser(fx.url, "Dee");
    for (const body of [{ confirmEmail: "someone@else.test", password: dee.password }, { confirmEmail: dee.email, password: "wrong-password" }, { confirmEmail: dee.email }, { confirmEmail: dee.email, password: dee.password, extra: true }, {}]) {
      const res = await api<{ error: { code: string } }>(fx.url, dee, "DELETE", "/api/me", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    expect((await api(fx.url, dee, "GET", "/api/me")).status).toBe(200);
  });

  it("erases the person, ends every session, and keeps the messages under “Deleted user”", async () => {
    const eve = await registerUser(fx.url, "Eve");
    const fay = await registerUser(fx.url, "Fay");
    const { roomId, socket, message } = await roomAndMessage(fx.url, eve, "eve was here");
    await api(fx.url, fay, "POST", `/api/rooms/${roomId}/join`);
    const otherCookie = await signIn(fx.url, eve.email, eve.password);
    const closed = new Promise<void>((resolve) => socket.on("disconnect", () => resolve()));
    const res = await api<{ messages: string; removed: number }>(fx.url, eve, "DELETE", "/api/me", { confirmEmail: eve.email.toUpperCase(), password: eve.password });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ messages: "keep", removed: 0 });
    await closed;
    // Every session is over, and the old password opens nothing.
    expect((await api(fx.url, eve, "GET", "/api/me")).status).toBe(401);
    expect((await api(fx.url, { ...eve, cookie: otherCookie }, "GET", "/api/me")).status).toBe(401);
    await expect(signIn(fx.url, eve.email, eve.password)).rejects.toThrow(/sign-in failed/);
    // The message stays, its author renamed; the person is erased.
    const history = await api<HistoryPage>(fx.url, fay, "GET", `/api/rooms/${roomId}/messages`);
    const kept = history.body.messages.find((m) => m.id === message.id);
    expect(kept?.body).toBe("eve was here");
    expect(kept?.author.name).toBe("Deleted user");
    const row = await withClient(fx.db.url, (c) => c.query<{ email: string; name: string; passwordHash: string; deletedAt: Date | null }>(`SELECT email, name, "passwordHash", "deletedAt" FROM "User" WHERE id = $1`, [eve.user.id]));
    expect(row.rows[0]).toMatchObject({ name: "Deleted user", passwordHash: "" });
    expect(row.rows[0]!.email).not.toContain("eve");
    expect(row.rows[0]!.deletedAt).not.toBeNull();
    const members = await api<{ members: { user: { id: string } }[] }>(fx.url, fay, "GET", `/api/rooms/${roomId}/members`);
    expect(members.body.members.map((m) => m.user.id)).not.toContain(eve.user.id);
    const audit = await withClient(fx.db.url, (c) => c.query(`SELECT details FROM "AuditEntry" WHERE action = 'user.delete' AND "targetId" = $1`, [eve.user.id]));
    expect(audit.rows[0]?.details).toMatchObject({ messages: "keep", self: true });
    // The email is free for a new account.
    const again = await fetch(`${fx.url}/api/auth/register`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: eve.email, password: "a fresh start with new words 7", name: "Eve again" }) });
    expect(again.status).toBeLessThan(300);
    const fresh = await withClient(fx.db.url, (c) => c.query(`SELECT 1 FROM "User" WHERE email = $1 AND "deletedAt" IS NULL AND id <> $2`, [eve.email, eve.user.id]));
    expect(fresh.rowCount).toBe(1);
  });

  it("by an admin: admins only, never another admin, audited with the reason", async () => {
    const gus = await registerUser(fx.url, "Gus");
    const mod = await registerUser(fx.url, "Moderator");
    const admin = await registerUser(fx.url, "Chief");
    const admin2 = await registerUser(fx.url, "Chief Two");
    await setRole(mod, "MODERATOR");
    await setRole(admin, "ADMIN");
    await setRole(admin2, "ADMIN");
    expect((await api(fx.url, mod, "DELETE", `/api/admin/users/${gus.user.id}`, {})).status).toBe(403);
    expect((await api(fx.url, admin, "DELETE", `/api/admin/users/${admin2.user.id}`, {})).status).toBe(403);
    expect((await api(fx.url, admin, "DELETE", `/api/admin/users/${admin.user.id}`, {})).status).toBe(403);
    expect((await api(fx.url, admin, "DELETE", `/api/admin/users/${gus.user.id}`, { reason: 1 })).status).toBe(400);
    expect((await api(fx.url, gus, "GET", "/api/me")).status).toBe(200);
    const res = await api(fx.url, admin, "DELETE", `/api/admin/users/${gus.user.id}`, { reason: "asked by mail" });
    expect(res.status).toBe(200);
    expect((await api(fx.url, gus, "GET", "/api/me")).status).toBe(401);
    const audit = await withClient(fx.db.url, (c) => c.query(`SELECT reason FROM "AuditEntry" WHERE action = 'user.delete' AND "targetId" = $1 AND "actorId" = $2`, [gus.user.id, admin.user.id]));
    expect(audit.rows[0]?.reason).toBe("asked by mail");
    expect((await api(fx.url, admin, "DELETE", `/api/admin/users/${gus.user.id}`, {})).status).toBe(404);
  });
});
