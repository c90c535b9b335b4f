/**
 * Moderation on one server: bans, forced sign-out, mutes (global and per room), lock, slow
 * mode, member removal, role changes and room deletion — enforced on REST and sockets, live
 * events to the people concerned, and an audit entry for every action.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { AdminUserDTO, SessionEnded } from "@/lib/shared/moderation";
import { api, connectUser, emitAck, nextEvent, sleep, type ClientSocket, type TestUser } from "../helpers/clients";
import { withClient } from "../helpers/db";
import { serverFixture } from "../helpers/fixture";
import { auditActions, createRoom, join, registerWithRole, send } from "../helpers/moderation";

const fx = serverFixture({ redis: true });
const sockets: ClientSocket[] = [];
afterAll(() => sockets.forEach((s) => s.disconnect()));

async function live(who: TestUser): Promise<ClientSocket> {
  const s = await connectUser(fx.url, who);
  sockets.push(s);
  return s;
}

/** next-auth's credentials flow; returns the `error` it answers with, or null on success. */
async function signInError(email: string, password: string): Promise<string | null> {
  const csrfRes = await fetch(`${fx.url}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${fx.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const location = res.headers.get("location") ?? ((await res.json().catch(() => ({}))) as { url?: string }).url ?? "";
  return new URL(location, fx.url).searchParams.get("error");
}

describe("bans and forced sign-out", () => {
  it("a ban tells the user's sockets why, disconnects them, refuses REST and sign-in; unban restores sign-in", async () => {
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN", "Admin");
    const bob = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Bob");
    const s = await live(bob);
    const ended = nextEvent(s, "session:ended");
    const disconnected = new Promise<string>((r) => s.once("disconnect", r));
    const res = await api<{ user: AdminUserDTO }>(fx.url, admin, "POST", `/api/admin/users/${bob.user.id}/ban`, { reason: "spamming links", minutes: 60 });
    expect(res.status).toBe(200);
    expect(res.body.user.ban).toMatchObject({ reason: "spamming links" });
    const [payload] = (await ended) as [SessionEnded];
    expect(payload.reason).toBe("banned");
    expect(payload.message).toContain("spamming links");
    expect(payload.ban?.until).toBeTruthy();
    expect(await disconnected).toBe("io server disconnect");

    expect((await api(fx.url, bob, "GET", "/api/me")).status).toBe(401);
    const error = await signInError(bob.email, bob.password);
    expect(error).toMatch(/^BANNED\|/);
    expect(error).toContain("spamming links");
    // A wrong password does not reveal the ban.
    expect(await signInError(bob.email, "wrong-password")).toBe("CredentialsSignin");

    expect((await api(fx.url, admin, "POST", `/api/admin/users/${bob.user.id}/unban`, {})).status).toBe(200);
    expect(await signInError(bob.email, bob.password)).toBeNull();
    expect(await auditActions(fx.url, admin, bob.user.id)).toEqual(["user.unban", "user.ban"]);
  });

  it("refuses a new socket handshake with the old session after a ban", async () => {
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN");
    const eve = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Eve");
    await api(fx.url, admin, "POST", `/api/admin/users/${eve.user.id}/ban`, { reason: "abuse" });
    await expect(connectUser(fx.url, eve)).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it("force sign-out ends every session but the account can sign in again", async () => {
    const mod = await registerWithRole(fx.url, fx.db.url, "MODERATOR", "Mod");
    const carl = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Carl");
    const s = await live(carl);
    const ended = nextEvent(s, "session:ended");
    expect((await api(fx.url, mod, "POST", `/api/admin/users/${carl.user.id}/signout`, {})).status).toBe(200);
    expect((await ended)[0].reason).toBe("signed_out");
    expect((await api(fx.url, carl, "GET", "/api/me")).status).toBe(401);
    expect(await signInError(carl.email, carl.password)).toBeNull();
    expect(await auditActions(fx.url, mod, carl.user.id)).toEqual(["user.signOut"]);
  });

  it("rank: a global moderator cannot ban an admin or another moderator; nobody bans themselves", async () => {
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN");
    const mod = await registerWithRole(fx.url, fx.db.url, "MODERATOR");
    const mod2 = await registerWithRole(fx.url, fx.db.url, "MODERATOR");
    for (const target of [admin, mod2, mod]) {
      const res = await api<{ error: { code: string } }>(fx.url, mod, "POST", `/api/admin/users/${target.user.id}/ban`, { reason: "x" });
      expect(res.status).toBe(403);
    }
    expect((await api(fx.url, admin, "POST", `/api/admin/users/${admin.user.id}/ban`, { reason: "x" })).status).toBe(403);
  });
});

describe("mutes", () => {
  it("a global mute refuses sends with MUTED and until when, tells the user live, and lifts on unmute", async () => {
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN");
    const dan = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Dan");
    const room = await createRoom(fx.url, dan);
    const s = await live(dan);
    expect((await send(s, room.id)).ok).toBe(true); // warms the send-path cache
    const notice = nextEvent(s, "moderation:muted");
    expect((await api(fx.url, admin, "POST", `/api/admin/users/${dan.user.id}/mute`, { minutes: 10, reason: "cool off" })).status).toBe(200);
    expect((await notice)[0]).toMatchObject({ roomId: null, mute: { scope: "global", reason: "cool off" } });
    const refused = await send(s, room.id);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe("MUTED");
      expect(refused.error.message).toMatch(/muted until .* UTC\. Reason: cool off/);
      expect(new Date(String(refused.error.details?.until)).getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
    }
    const state = await api<{ moderation: { mute: { scope: string } | null } }>(fx.url, dan, "GET", `/api/rooms/${room.id}/moderation`);
    expect(state.body.moderation.mute?.scope).toBe("global");
    expect((await api(fx.url, admin, "POST", `/api/admin/users/${dan.user.id}/unmute`, {})).status).toBe(200);
    expect((await send(s, room.id)).ok).toBe(true);
    expect(await auditActions(fx.url, admin, dan.user.id)).toEqual(["user.unmute", "user.mute"]);
  });

  it("a room owner mutes a member in their room only; members cannot mute, moderators cannot mute the owner", async () => {
    const owner = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Owner");
    const ann = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Ann");
    const room = await createRoom(fx.url, owner);
    const other = await createRoom(fx.url, ann);
    await join(fx.url, ann, room.id);
    const s = await live(ann);
    expect((await send(s, room.id)).ok).toBe(true);

    // Ann (member) cannot mute the owner.
    expect((await api(fx.url, ann, "POST", `/api/rooms/${room.id}/members/${owner.user.id}/mute`, { minutes: 5 })).status).toBe(403);
    const res = await api(fx.url, owner, "POST", `/api/rooms/${room.id}/members/${ann.user.id}/mute`, { minutes: 5, reason: "off topic" });
    expect(res.status).toBe(200);
    const refused = await send(s, room.id);
    expect(refused.ok ? null : refused.error).toMatchObject({ code: "MUTED", details: { scope: "room", reason: "off topic" } });
    expect((await send(s, other.id)).ok).toBe(true);
    expect((await api(fx.url, owner, "POST", `/api/rooms/${room.id}/members/${ann.user.id}/unmute`, {})).status).toBe(200);
    expect((await send(s, room.id)).ok).toBe(true);
    expect(await auditActions(fx.url, owner, ann.user.id).catch(() => "forbidden")).toBe("forbidden"); // audit is staff-only
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN");
    expect(await auditActions(fx.url, admin, ann.user.id)).toEqual(["room.member.unmute", "room.member.mute"]);
  });
});

describe("room lock, slow mode, removal, deletion", () => {
  it("lock: members are refused with ROOM_LOCKED, moderators and the owner still post, everyone is told", async () => {
    const owner = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Owner");
    const ben = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Ben");
    const room = await createRoom(fx.url, owner);
    await join(fx.url, ben, room.id);
    const [so, sb] = [await live(owner), await live(ben)];
    expect((await send(sb, room.id)).ok).toBe(true);
    const told = nextEvent(sb, "room:moderation", (p) => p.roomId === room.id);
    // Ben is not a moderator: refused by the policy table.
    expect((await api(fx.url, ben, "POST", `/api/rooms/${room.id}/lock`, { locked: true })).status).toBe(403);
    expect((await api(fx.url, owner, "POST", `/api/rooms/${room.id}/lock`, { locked: true, reason: "heated" })).status).toBe(200);
    expect((await told)[0]).toMatchObject({ locked: true });
    const refused = await send(sb, room.id);
    expect(refused.ok ? null : refused.error.code).toBe("ROOM_LOCKED");
    expect((await send(so, room.id)).ok).toBe(true);
    await api(fx.url, owner, "POST", `/api/rooms/${room.id}/lock`, { locked: false });
    expect((await send(sb, room.id)).ok).toBe(true);
    // Audited (the refused attempt adds nothing).
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN");
    expect(await auditActions(fx.url, admin, room.id)).toEqual(["room.unlock", "room.lock"]);
  });

  it("slow mode: one message per N seconds per member, moderators exempt, with retryAfterMs", async () => {
    const owner = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Owner");
    const cat = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Cat");
    const room = await createRoom(fx.url, owner);
    await join(fx.url, cat, room.id);
    const [so, sc] = [await live(owner), await live(cat)];
    expect((await api(fx.url, owner, "POST", `/api/rooms/${room.id}/slow-mode`, { seconds: 2 })).status).toBe(200);
    expect((await send(sc, room.id)).ok).toBe(true);
    const refused = await send(sc, room.id);
    expect(refused.ok ? null : refused.error.code).toBe("SLOW_MODE");
    if (!refused.ok) expect(Number(refused.error.details?.retryAfterMs)).toBeGreaterThan(0);
    expect((await send(so, room.id)).ok).toBe(true);
    expect((await send(so, room.id)).ok).toBe(true);
    await sleep(2100);
    expect((await send(sc, room.id)).ok).toBe(true);
    expect((await api(fx.url, owner, "POST", `/api/rooms/${room.id}/slow-mode`, { seconds: -1 })).status).toBe(400);
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN");
    expect(await auditActions(fx.url, admin, room.id)).toEqual(["room.slowMode"]);
  });

  it("removing a member tells them, drops their socket from the room and refuses their sends", async () => {
    const owner = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Owner");
    const dee = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Dee");
    const room = await createRoom(fx.url, owner);
    await join(fx.url, dee, room.id);
    const [so, sd] = [await live(owner), await live(dee)];
    const removed = nextEvent(sd, "member:removed");
    const left = nextEvent(so, "member:left", (p) => p.userId === dee.user.id);
    expect((await api(fx.url, owner, "POST", `/api/rooms/${room.id}/members/${dee.user.id}/remove`, { reason: "trolling" })).status).toBe(200);
    expect((await removed)[0]).toEqual({ roomId: room.id, reason: "trolling" });
    await left;
    const refused = await send(sd, room.id);
    expect(refused.ok ? null : refused.error.code).toBe("FORBIDDEN");
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN");
    expect(await auditActions(fx.url, admin, dee.user.id)).toEqual(["room.member.remove"]);
  });

  it("a moderator removing someone's message is audited; authors deleting their own are not", async () => {
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN");
    const owner = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Owner");
    const eve = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Eve");
    const room = await createRoom(fx.url, owner);
    await join(fx.url, eve, room.id);
    const se = await live(eve);
    const [mine, theirs] = [await send(se, room.id, "mine"), await send(se, room.id, "abuse")];
    if (!mine.ok || !theirs.ok) throw new Error("sends failed");
    expect((await emitAck(se, "message:delete", { messageId: mine.data.message.id })).ok).toBe(true);
    expect(await auditActions(fx.url, admin, mine.data.message.id)).toEqual([]);
    const so = await live(owner);
    expect((await emitAck(so, "message:delete", { messageId: theirs.data.message.id })).ok).toBe(true);
    // Deleting it again changes nothing and adds no entry.
    expect((await emitAck(so, "message:delete", { messageId: theirs.data.message.id })).ok).toBe(true);
    const res = await api<{ items: { action: string; actor: { id: string }; details: Record<string, unknown> }[] }>(
      fx.url,
      admin,
      "GET",
      `/api/admin/audit?targetId=${theirs.data.message.id}`,
    );
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ action: "message.remove", actor: { id: owner.user.id }, details: { roomId: room.id, authorId: eve.user.id } });
  });

  it("staff delete a room; members cannot", async () => {
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN");
    const owner = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Owner");
    const room = await createRoom(fx.url, owner);
    expect((await api(fx.url, owner, "DELETE", `/api/admin/rooms/${room.id}`)).status).toBe(403);
    expect((await api(fx.url, admin, "DELETE", `/api/admin/rooms/${room.id}`, { reason: "spam room" })).status).toBe(200);
    expect((await api(fx.url, owner, "GET", `/api/rooms/${room.id}`)).status).toBe(404);
    expect(await auditActions(fx.url, admin, room.id)).toEqual(["room.delete"]);
  });
});

describe("roles and the audit log", () => {
  it("only admins change roles; the new role takes effect at once", async () => {
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN");
    const mod = await registerWithRole(fx.url, fx.db.url, "MODERATOR");
    const fay = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Fay");
    expect((await api(fx.url, fay, "GET", "/api/admin/users")).status).toBe(403);
    expect((await api(fx.url, mod, "POST", `/api/admin/users/${fay.user.id}/role`, { role: "MODERATOR" })).status).toBe(403);
    expect((await api(fx.url, admin, "POST", `/api/admin/users/${fay.user.id}/role`, { role: "MODERATOR" })).status).toBe(200);
    expect((await api(fx.url, fay, "GET", "/api/admin/users")).status).toBe(200);
    expect((await api(fx.url, admin, "POST", `/api/admin/users/${fay.user.id}/role`, { role: "OWNER" })).status).toBe(400);
    expect(await auditActions(fx.url, admin, fay.user.id)).toEqual(["user.setRole"]);
  });

  it("the audit log is append-only in the database too", async () => {
    await expect(withClient(fx.db.url, (c) => c.query(`DELETE FROM "AuditEntry"`))).rejects.toThrow(/append-only/);
    await expect(withClient(fx.db.url, (c) => c.query(`UPDATE "AuditEntry" SET reason = 'x'`))).rejects.toThrow(/append-only/);
    await expect(withClient(fx.db.url, (c) => c.query(`TRUNCATE "AuditEntry"`))).rejects.toThrow(/append-only/);
  });

  it("filters the audit log by action and actor", async () => {
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN");
    const gil = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Gil");
    await api(fx.url, admin, "POST", `/api/admin/users/${gil.user.id}/mute`, { minutes: 1 });
    const res = await api<{ items: { action: string; actor: { id: string }; targetLabel: string }[] }>(
      fx.url,
      admin,
      "GET",
      `/api/admin/audit?action=user.mute&actorId=${admin.user.id}`,
    );
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ action: "user.mute", actor: { id: admin.user.id }, targetLabel: "Gil" });
  });
});
