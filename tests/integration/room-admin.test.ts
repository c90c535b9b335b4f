import { afterEach, describe, expect, it } from "vitest";
import type { InviteDTO, InvitePreview, MemberDTO, RoomDTO } from "@/lib/shared/types";
import { api, clientId, connectUser, emitAck, nextEvent, registerUser, type ClientSocket, type TestUser } from "../helpers/clients";
import { withClient } from "../helpers/db";
import { serverFixture } from "../helpers/fixture";

const fx = serverFixture();
const sockets: ClientSocket[] = [];
afterEach(() => {
  while (sockets.length) sockets.pop()?.close();
});
type ErrorBody = { error: { code: string; message: string } };

async function online(who: TestUser): Promise<ClientSocket> {
  const s = await connectUser(fx.url, who);
  sockets.push(s);
  return s;
}

async function createRoom(owner: TestUser, visibility: "PUBLIC" | "PRIVATE" = "PRIVATE"): Promise<RoomDTO> {
  const res = await api<{ room: RoomDTO }>(fx.url, owner, "POST", "/api/rooms", { name: `room ${clientId().slice(0, 6)}`, visibility });
  return res.body.room;
}

const setRoomRole = (who: TestUser, roomId: string, role: string) =>
  withClient(fx.db.url, (c) => c.query(`UPDATE "Membership" SET role = $1 WHERE "userId" = $2 AND "roomId" = $3`, [role, who.user.id, roomId]));
const setGlobalRole = (who: TestUser, role: string) => withClient(fx.db.url, (c) => c.query(`UPDATE "User" SET role = $1 WHERE id = $2`, [role, who.user.id]));
const invite = (who: TestUser, roomId: string, body: object = {}) => api<{ invite: InviteDTO } & ErrorBody>(fx.url, who, "POST", `/api/rooms/${roomId}/invites`, body);

describe("inviting people by name", () => {
  it("owners and moderators add people; the new member's sidebar and sockets follow live; plain members cannot", async () => {
    const owner = await registerUser(fx.url, "Owner");
    const mod = await registerUser(fx.url, "Mod");
    const member = await registerUser(fx.url, "Member");
    const guest = await registerUser(fx.url, "Guest");
    const room = await createRoom(owner);
    expect((await api(fx.url, owner, "POST", `/api/rooms/${room.id}/members`, { userId: mod.user.id })).status).toBe(201);
    await setRoomRole(mod, room.id, "MODERATOR");
    expect((await api(fx.url, mod, "POST", `/api/rooms/${room.id}/members`, { userId: member.user.id })).status).toBe(201);

    const refused = await api<ErrorBody>(fx.url, member, "POST", `/api/rooms/${room.id}/members`, { userId: guest.user.id });
    expect(refused.status).toBe(403);
    // A non-member cannot even see that the private room exists.
    expect((await api<ErrorBody>(fx.url, guest, "POST", `/api/rooms/${room.id}/members`, { userId: guest.user.id })).status).toBe(404);

    const sg = await online(guest);
    const so = await online(owner);
    const added = nextEvent(sg, "room:added");
    const joined = nextEvent(so, "member:joined", (p) => p.member.user.id === guest.user.id);
    const res = await api<{ member: MemberDTO }>(fx.url, owner, "POST", `/api/rooms/${room.id}/members`, { userId: guest.user.id });
    expect(res.status).toBe(201);
    expect((await added)[0].room).toMatchObject({ id: room.id, membership: { role: "MEMBER" } });
    await joined;
    // Subscribed without a room:join: the next message reaches the guest.
    const received = nextEvent(sg, "message:new");
    expect((await emitAck(so, "message:send", { roomId: room.id, clientId: clientId(), body: "welcome" })).ok).toBe(true);
    expect((await received)[0].body).toBe("welcome");
    // Adding again is harmless.
    expect((await api(fx.url, owner, "POST", `/api/rooms/${room.id}/members`, { userId: guest.user.id })).status).toBe(201);
    expect((await api(fx.url, owner, "POST", `/api/rooms/${room.id}/members`, { userId: "00000000-0000-7000-8000-000000000000" })).status).toBe(404);
  });
});

describe("invite links", () => {
  it("a signed-in user previews and accepts a link; members reuse it without spending a use; the use limit holds under a race", async () => {
    const owner = await registerUser(fx.url, "Owner");
    const room = await createRoom(owner);
    const created = await invite(owner, room.id, { expiresInHours: 24, maxUses: 2 });
    expect(created.status).toBe(201);
    const token = created.body.invite.token;
    expect(created.body.invite).toMatchObject({ roomId: room.id, maxUses: 2, uses: 0 });

    const first = await registerUser(fx.url, "First");
    const preview = await api<{ invite: InvitePreview }>(fx.url, first, "GET", `/api/invites/${token}`);
    expect(preview.body.invite).toMatchObject({ room: { id: room.id, name: room.name, memberCount: 1 }, alreadyMember: false });
    const accepted = await api<{ room: RoomDTO }>(fx.url, first, "POST", `/api/invites/${token}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.room.membership?.role).toBe("MEMBER");
    // Following it again spends nothing.
    expect((await api(fx.url, first, "POST", `/api/invites/${token}/accept`)).status).toBe(200);
    expect((await api<{ invite: InvitePreview }>(fx.url, owner, "GET", `/api/invites/${token}`)).body.invite.alreadyMember).toBe(true);

    // One use left, three people race for it: exactly one gets in.
    const racers = await Promise.all([registerUser(fx.url, "R1"), registerUser(fx.url, "R2"), registerUser(fx.url, "R3")]);
    const results = await Promise.all(racers.map((r) => api<ErrorBody>(fx.url, r, "POST", `/api/invites/${token}/accept`)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 410, 410]);
    const gone = results.find((r) => r.status === 410)!;
    expect(gone.body.error).toMatchObject({ code: "GONE", message: expect.stringContaining("used up") });
    const members = await api<{ members: MemberDTO[] }>(fx.url, owner, "GET", `/api/rooms/${room.id}/members`);
    expect(members.body.members).toHaveLength(3);
  });

  it("expired links are refused clearly; unknown tokens are 404; only owners and moderators make links", async () => {
    const owner = await registerUser(fx.url, "Owner");
    const member = await registerUser(fx.url, "Member");
    const late = await registerUser(fx.url, "Late");
    const room = await createRoom(owner);
    await api(fx.url, owner, "POST", `/api/rooms/${room.id}/members`, { userId: member.user.id });
    expect((await invite(member, room.id)).status).toBe(403);
    expect((await invite(owner, room.id, { expiresInHours: 0 })).status).toBe(400);
    expect((await invite(owner, room.id, { maxUses: 0 })).status).toBe(400);

    const { token } = (await invite(owner, room.id, { expiresInHours: 1 })).body.invite;
    await withClient(fx.db.url, (c) => c.query(`UPDATE "RoomInvite" SET "expiresAt" = now() - interval '1 second' WHERE token = $1`, [token]));
    for (const [method, path] of [
      ["GET", `/api/invites/${token}`],
      ["POST", `/api/invites/${token}/accept`],
    ] as const) {
      const res = await api<ErrorBody>(fx.url, late, method, path);
      expect(res.status).toBe(410);
      expect(res.body.error.message).toContain("expired");
    }
    expect((await api(fx.url, late, "GET", `/api/rooms/${room.id}`)).status).toBe(404);
    expect((await api<ErrorBody>(fx.url, late, "GET", `/api/invites/${"x".repeat(32)}`)).status).toBe(404);
    expect((await api<ErrorBody>(fx.url, late, "POST", `/api/invites/not%20a%20token/accept`)).status).toBe(404);
    expect((await api<ErrorBody>(fx.url, null, "GET", `/api/invites/${token}`)).status).toBe(401);
  });
});

describe("managing invite links", () => {
  it("owners and moderators list the active links and revoke one, which then answers 410; members and outsiders cannot", async () => {
    const owner = await registerUser(fx.url, "Owner");
    const mod = await registerUser(fx.url, "Mod");
    const member = await registerUser(fx.url, "Member");
    const outsider = await registerUser(fx.url, "Outsider");
    const room = await createRoom(owner);
    for (const who of [mod, member]) await api(fx.url, owner, "POST", `/api/rooms/${room.id}/members`, { userId: who.user.id });
    await setRoomRole(mod, room.id, "MODERATOR");

    const first = (await invite(owner, room.id, { expiresInHours: 2, maxUses: 3 })).body.invite;
    const second = (await invite(mod, room.id)).body.invite;
    const expired = (await invite(owner, room.id)).body.invite;
    const usedUp = (await invite(owner, room.id, { maxUses: 1 })).body.invite;
    await withClient(fx.db.url, (c) => c.query(`UPDATE "RoomInvite" SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [expired.id]));
    await withClient(fx.db.url, (c) => c.query(`UPDATE "RoomInvite" SET uses = 1 WHERE id = $1`, [usedUp.id]));

    const listed = await api<{ invites: InviteDTO[] }>(fx.url, mod, "GET", `/api/rooms/${room.id}/invites`);
    expect(listed.status).toBe(200);
    // Newest first; expired and used-up links are not listed.
    expect(listed.body.invites.map((i) => i.id)).toEqual([second.id, first.id]);
    expect(listed.body.invites[1]).toMatchObject({ maxUses: 3, uses: 0, createdBy: { id: owner.user.id, name: owner.user.name }, expiresAt: first.expiresAt });
    expect(listed.body.invites[0]!.createdBy).toEqual({ id: mod.user.id, name: mod.user.name, avatarUrl: null });

    expect((await api<ErrorBody>(fx.url, member, "GET", `/api/rooms/${room.id}/invites`)).status).toBe(403);
    expect((await api<ErrorBody>(fx.url, member, "DELETE", `/api/rooms/${room.id}/invites/${first.id}`)).status).toBe(403);
    // A private room stays invisible to outsiders.
    expect((await api<ErrorBody>(fx.url, outsider, "GET", `/api/rooms/${room.id}/invites`)).status).toBe(404);
    expect((await api<ErrorBody>(fx.url, outsider, "DELETE", `/api/rooms/${room.id}/invites/${first.id}`)).status).toBe(404);
    // Another room's link cannot be revoked through this room.
    const other = await createRoom(mod);
    const foreign = (await invite(mod, other.id)).body.invite;
    expect((await api<ErrorBody>(fx.url, owner, "DELETE", `/api/rooms/${room.id}/invites/${foreign.id}`)).status).toBe(404);
    expect((await api<ErrorBody>(fx.url, owner, "DELETE", `/api/rooms/${room.id}/invites/not-an-id`)).status).toBe(404);

    expect((await api(fx.url, mod, "DELETE", `/api/rooms/${room.id}/invites/${first.id}`)).status).toBe(200);
    expect((await api(fx.url, owner, "DELETE", `/api/rooms/${room.id}/invites/${first.id}`)).status).toBe(200);
    for (const [method, path] of [
      ["GET", `/api/invites/${first.token}`],
      ["POST", `/api/invites/${first.token}/accept`],
    ] as const) {
      const res = await api<ErrorBody>(fx.url, outsider, method, path);
      expect(res.status).toBe(410);
      expect(res.body.error).toMatchObject({ code: "GONE" });
      expect(res.body.error.message).toContain("revoked");
    }
    expect((await api(fx.url, outsider, "GET", `/api/rooms/${room.id}`)).status).toBe(404);
    const after = await api<{ invites: InviteDTO[] }>(fx.url, owner, "GET", `/api/rooms/${room.id}/invites`);
    expect(after.body.invites.map((i) => i.id)).toEqual([second.id]);
    // The other link still works.
    expect((await api(fx.url, outsider, "POST", `/api/invites/${second.token}/accept`)).status).toBe(200);
  });
});

describe("room settings, leave and archive", () => {
  it("owners and moderators change name, topic and visibility, live for members; others cannot", async () => {
    const owner = await registerUser(fx.url, "Owner");
    const mod = await registerUser(fx.url, "Mod");
    const member = await registerUser(fx.url, "Member");
    const room = await createRoom(owner, "PUBLIC");
    await api(fx.url, mod, "POST", `/api/rooms/${room.id}/join`);
    await api(fx.url, member, "POST", `/api/rooms/${room.id}/join`);
    await setRoomRole(mod, room.id, "MODERATOR");

    expect((await api<ErrorBody>(fx.url, member, "PATCH", `/api/rooms/${room.id}`, { name: "mine now" })).status).toBe(403);
    expect((await api<ErrorBody>(fx.url, owner, "PATCH", `/api/rooms/${room.id}`, {})).status).toBe(400);
    expect((await api<ErrorBody>(fx.url, owner, "PATCH", `/api/rooms/${room.id}`, { name: "" })).status).toBe(400);

    const sm = await online(member);
    const seen = nextEvent(sm, "room:updated");
    const res = await api<{ room: RoomDTO }>(fx.url, mod, "PATCH", `/api/rooms/${room.id}`, { name: "Renamed", topic: "New topic", visibility: "PRIVATE" });
    expect(res.status).toBe(200);
    expect(res.body.room).toMatchObject({ name: "Renamed", topic: "New topic", visibility: "PRIVATE" });
    expect((await seen)[0].room).toEqual({ id: room.id, name: "Renamed", dmName: null, topic: "New topic", visibility: "PRIVATE", archived: false });
    // Now private: invisible to outsiders.
    const outsider = await registerUser(fx.url, "Out");
    expect((await api(fx.url, outsider, "GET", `/api/rooms/${room.id}`)).status).toBe(404);
    expect((await api(fx.url, outsider, "GET", `/api/rooms/${room.id}/messages`)).status).toBe(404);
    // Clearing the topic.
    expect((await api<{ room: RoomDTO }>(fx.url, owner, "PATCH", `/api/rooms/${room.id}`, { topic: "" })).body.room.topic).toBeNull();
  });

  it("members leave (their other tabs are told); only the owner or staff archive; archived rooms leave lists, refuse sends, keep history", async () => {
    const owner = await registerUser(fx.url, "Owner");
    const mod = await registerUser(fx.url, "Mod");
    const leaver = await registerUser(fx.url, "Leaver");
    const staff = await registerUser(fx.url, "Staff");
    const room = await createRoom(owner, "PUBLIC");
    for (const u of [mod, leaver]) await api(fx.url, u, "POST", `/api/rooms/${room.id}/join`);
    await setRoomRole(mod, room.id, "MODERATOR");
    await setGlobalRole(staff, "MODERATOR");

    const sl = await online(leaver);
    const removed = nextEvent(sl, "room:removed");
    expect((await api(fx.url, leaver, "POST", `/api/rooms/${room.id}/leave`)).status).toBe(200);
    expect((await removed)[0]).toEqual({ roomId: room.id });

    const so = await online(owner);
    expect((await emitAck(so, "message:send", { roomId: room.id, clientId: clientId(), body: "last words" })).ok).toBe(true);
    expect((await api<ErrorBody>(fx.url, mod, "POST", `/api/rooms/${room.id}/archive`)).status).toBe(403);
    const seen = nextEvent(so, "room:updated");
    const archived = await api<{ room: RoomDTO }>(fx.url, owner, "POST", `/api/rooms/${room.id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.room.archived).toBe(true);
    expect((await seen)[0].room.archived).toBe(true);

    const sent = await emitAck(so, "message:send", { roomId: room.id, clientId: clientId(), body: "after" });
    expect(sent).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    for (const who of [owner, leaver]) {
      const list = await api<{ rooms: RoomDTO[] }>(fx.url, who, "GET", "/api/rooms");
      expect(list.body.rooms.some((r) => r.id === room.id)).toBe(false);
    }
    const history = await api<{ messages: { body: string }[] }>(fx.url, mod, "GET", `/api/rooms/${room.id}/messages`);
    expect(history.body.messages.map((m) => m.body)).toEqual(["last words"]);
    expect((await api<ErrorBody>(fx.url, owner, "PATCH", `/api/rooms/${room.id}`, { name: "x" })).status).toBe(403);
    expect((await invite(owner, room.id)).status).toBe(403);

    // Staff unarchive (the admin dashboard uses the same service).
    const back = await api<{ room: RoomDTO }>(fx.url, staff, "POST", `/api/rooms/${room.id}/archive`, { archived: false });
    expect(back.status).toBe(200);
    expect(back.body.room.archived).toBe(false);
    expect((await emitAck(so, "message:send", { roomId: room.id, clientId: clientId(), body: "back again" })).ok).toBe(true);

    // Both are in the audit log (who, what, target, reason); archiving an unarchived room again
    // with no change adds nothing.
    await api(fx.url, staff, "POST", `/api/rooms/${room.id}/archive`, { archived: false });
    await api(fx.url, staff, "POST", `/api/rooms/${room.id}/archive`, { archived: true, reason: "spam magnet" });
    const log = await api<{ items: { action: string; actor: { id: string }; targetId: string; reason: string | null }[] }>(
      fx.url,
      staff,
      "GET",
      `/api/admin/audit?targetId=${room.id}`,
    );
    expect(log.status).toBe(200);
    const entries = log.body.items.filter((e) => e.action.endsWith("archive")).reverse();
    expect(entries.map((e) => [e.action, e.actor.id, e.reason])).toEqual([
      ["room.archive", owner.user.id, null],
      ["room.unarchive", staff.user.id, null],
      ["room.archive", staff.user.id, "spam magnet"],
    ]);
    const tooLong = await api<ErrorBody>(fx.url, staff, "POST", `/api/rooms/${room.id}/archive`, { archived: false, reason: "x".repeat(501) });
    expect(tooLong.status).toBe(400);
  });

  it("a private room's history is unreadable to non-members, by REST and by socket", async () => {
    const owner = await registerUser(fx.url, "Owner");
    const outsider = await registerUser(fx.url, "Out");
    const room = await createRoom(owner);
    const so = await online(owner);
    await emitAck(so, "message:send", { roomId: room.id, clientId: clientId(), body: "top secret" });
    const res = await api<ErrorBody>(fx.url, outsider, "GET", `/api/rooms/${room.id}/messages?after=0`);
    expect(res.status).toBe(404);
    const s = await online(outsider);
    expect(await emitAck(s, "room:join", { roomId: room.id })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await emitAck(s, "message:send", { roomId: room.id, clientId: clientId(), body: "let me in" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});
