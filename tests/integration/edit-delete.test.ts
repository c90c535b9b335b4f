import { afterEach, describe, expect, it } from "vitest";
import type { HistoryPage, MessageDTO, RoomDTO } from "@/lib/shared/types";
import { api, clientId, connectUser, emitAck, nextEvent, registerUser, type ClientSocket, type TestUser } from "../helpers/clients";
import { withClient } from "../helpers/db";
import { serverFixture } from "../helpers/fixture";

const fx = serverFixture();
const sockets: ClientSocket[] = [];
afterEach(() => {
  while (sockets.length) sockets.pop()?.close();
});
type ErrorBody = { error: { code: string; message: string } };

async function roomWith(visibility: "PUBLIC" | "PRIVATE", owner: TestUser, ...rest: TestUser[]): Promise<string> {
  const { body } = await api<{ room: RoomDTO }>(fx.url, owner, "POST", "/api/rooms", { name: `room ${clientId().slice(0, 6)}`, visibility });
  const id = body.room.id;
  for (const m of rest) {
    if (visibility === "PUBLIC") await api(fx.url, m, "POST", `/api/rooms/${id}/join`);
    else await withClient(fx.db.url, (c) => c.query(`INSERT INTO "Membership" ("userId", "roomId") VALUES ($1, $2)`, [m.user.id, id]));
  }
  return id;
}

async function online(who: TestUser): Promise<ClientSocket> {
  const s = await connectUser(fx.url, who);
  sockets.push(s);
  return s;
}

async function send(s: ClientSocket, roomId: string, body: string, cid = clientId()): Promise<MessageDTO> {
  const ack = await emitAck(s, "message:send", { roomId, clientId: cid, body });
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.data.message;
}

const setGlobalRole = (who: TestUser, role: string) => withClient(fx.db.url, (c) => c.query(`UPDATE "User" SET role = $1 WHERE id = $2`, [role, who.user.id]));
const setRoomRole = (who: TestUser, roomId: string, role: string) =>
  withClient(fx.db.url, (c) => c.query(`UPDATE "Membership" SET role = $1 WHERE "userId" = $2 AND "roomId" = $3`, [role, who.user.id, roomId]));

describe("editing messages", () => {
  it("the author edits over the socket: acked with editedAt and a higher rev, broadcast as message:updated", async () => {
    const a = await registerUser(fx.url, "Ana");
    const b = await registerUser(fx.url, "Ben");
    const roomId = await roomWith("PUBLIC", a, b);
    const [sa, sb] = [await online(a), await online(b)];
    const m = await send(sa, roomId, "helo");
    const seen = nextEvent(sb, "message:updated", (u) => u.id === m.id);
    const ack = await emitAck(sa, "message:edit", { messageId: m.id, body: "  hello  " });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.data).toMatchObject({ id: m.id, body: "hello", rev: 1, deleted: false });
    expect(ack.data.editedAt).not.toBeNull();
    const [update] = await seen;
    expect(update).toEqual(ack.data);
    const history = await api<HistoryPage>(fx.url, b, "GET", `/api/rooms/${roomId}/messages`);
    expect(history.body.messages.find((x) => x.id === m.id)).toMatchObject({ body: "hello", rev: 1 });
  });

  it("the author edits over REST (PATCH) with the same rules", async () => {
    const a = await registerUser(fx.url, "Ana");
    const roomId = await roomWith("PUBLIC", a);
    const m = await send(await online(a), roomId, "one");
    const res = await api<{ message: MessageDTO }>(fx.url, a, "PATCH", `/api/messages/${m.id}`, { body: "two" });
    expect(res.status).toBe(200);
    expect(res.body.message).toMatchObject({ body: "two", rev: 1 });
    const again = await api<{ message: MessageDTO }>(fx.url, a, "PATCH", `/api/messages/${m.id}`, { body: "three" });
    expect(again.body.message.rev).toBe(2);
    expect((await api<ErrorBody>(fx.url, a, "PATCH", `/api/messages/${m.id}`, { body: "" })).status).toBe(400);
    expect((await api<ErrorBody>(fx.url, a, "PATCH", `/api/messages/${m.id}`, { body: "x", extra: 1 })).status).toBe(400);
    expect((await api<ErrorBody>(fx.url, a, "PATCH", `/api/messages/${m.id}`, { body: "x".repeat(4001) })).status).toBe(400);
    expect((await api<ErrorBody>(fx.url, a, "PATCH", `/api/messages/not-an-id`, { body: "x" })).status).toBe(404);
    expect((await api<ErrorBody>(fx.url, a, "PATCH", `/api/messages/00000000-0000-7000-8000-000000000000`, { body: "x" })).status).toBe(404);
    expect((await api<ErrorBody>(fx.url, null, "PATCH", `/api/messages/${m.id}`, { body: "x" })).status).toBe(401);
  });

  it("nobody else may edit: not another member, not the room owner, not a global admin", async () => {
    const owner = await registerUser(fx.url, "Owner");
    const author = await registerUser(fx.url, "Author");
    const other = await registerUser(fx.url, "Other");
    const admin = await registerUser(fx.url, "Admin");
    const roomId = await roomWith("PUBLIC", owner, author, other, admin);
    await setGlobalRole(admin, "ADMIN");
    const m = await send(await online(author), roomId, "mine");
    for (const who of [owner, other, admin]) {
      const res = await api<ErrorBody>(fx.url, who, "PATCH", `/api/messages/${m.id}`, { body: "hijacked" });
      expect(res.status, who.user.name).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
    const s = await online(other);
    const ack = await emitAck(s, "message:edit", { messageId: m.id, body: "hijacked" });
    expect(ack).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });

  it("a private room's messages are NOT_FOUND to non-members (edit and delete)", async () => {
    const a = await registerUser(fx.url, "Ana");
    const outsider = await registerUser(fx.url, "Out");
    const roomId = await roomWith("PRIVATE", a);
    const m = await send(await online(a), roomId, "secret");
    expect((await api<ErrorBody>(fx.url, outsider, "PATCH", `/api/messages/${m.id}`, { body: "x" })).body.error.code).toBe("NOT_FOUND");
    expect((await api<ErrorBody>(fx.url, outsider, "DELETE", `/api/messages/${m.id}`)).body.error.code).toBe("NOT_FOUND");
    const s = await online(outsider);
    expect(await emitAck(s, "message:delete", { messageId: m.id })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});

describe("deleting messages", () => {
  it("the author deletes: the body is gone from the ack, the event, history, catch-up, resends and the database", async () => {
    const a = await registerUser(fx.url, "Ana");
    const b = await registerUser(fx.url, "Ben");
    const roomId = await roomWith("PUBLIC", a, b);
    const [sa, sb] = [await online(a), await online(b)];
    const cid = clientId();
    const m = await send(sa, roomId, "oops, my password is hunter2", cid);
    const seen = nextEvent(sb, "message:updated", (u) => u.id === m.id);
    const ack = await emitAck(sa, "message:delete", { messageId: m.id });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.data).toMatchObject({ id: m.id, body: "", deleted: true, deletedById: a.user.id, rev: 1 });
    expect((await seen)[0]).toEqual(ack.data);

    const texts: string[] = [JSON.stringify(ack.data)];
    texts.push(JSON.stringify((await api(fx.url, b, "GET", `/api/rooms/${roomId}/messages`)).body));
    texts.push(JSON.stringify((await api(fx.url, b, "GET", `/api/rooms/${roomId}/messages?after=0`)).body));
    texts.push(JSON.stringify((await api(fx.url, b, "GET", `/api/rooms/${roomId}/messages?before=99`)).body));
    // A resend of the same clientId answers the stored (deleted) copy.
    const resend = await emitAck(sa, "message:send", { roomId, clientId: cid, body: "oops, my password is hunter2" });
    expect(resend).toMatchObject({ ok: true, data: { duplicate: true, message: { deleted: true, body: "" } } });
    texts.push(JSON.stringify(resend));
    // Deleting again changes nothing and still shows no body.
    const again = await api<{ message: MessageDTO }>(fx.url, a, "DELETE", `/api/messages/${m.id}`);
    expect(again.status).toBe(200);
    expect(again.body.message.rev).toBe(1);
    texts.push(JSON.stringify(again.body));
    for (const t of texts) expect(t).not.toContain("hunter2");
    const stored = await withClient(fx.db.url, (c) => c.query<{ body: string }>(`SELECT body FROM "Message" WHERE id = $1`, [m.id]));
    expect(stored.rows[0]?.body).toBe("");

    // A deleted message can no longer be edited.
    expect((await api<ErrorBody>(fx.url, a, "PATCH", `/api/messages/${m.id}`, { body: "back" })).status).toBe(409);
  });

  it("room owners and moderators and global staff may delete others' messages; plain members may not", async () => {
    const owner = await registerUser(fx.url, "Owner");
    const mod = await registerUser(fx.url, "Mod");
    const author = await registerUser(fx.url, "Author");
    const member = await registerUser(fx.url, "Member");
    const staff = await registerUser(fx.url, "Staff");
    const roomId = await roomWith("PUBLIC", owner, mod, author, member);
    await setRoomRole(mod, roomId, "MODERATOR");
    await setGlobalRole(staff, "MODERATOR");
    const sa = await online(author);
    const [m1, m2, m3] = [await send(sa, roomId, "one"), await send(sa, roomId, "two"), await send(sa, roomId, "three")];

    const refused = await api<ErrorBody>(fx.url, member, "DELETE", `/api/messages/${m1.id}`);
    expect(refused.status).toBe(403);

    for (const [who, m] of [
      [owner, m1],
      [mod, m2],
      [staff, m3],
    ] as const) {
      const res = await api<{ message: MessageDTO }>(fx.url, who, "DELETE", `/api/messages/${m.id}`);
      expect(res.status, who.user.name).toBe(200);
      expect(res.body.message).toMatchObject({ deleted: true, body: "", deletedById: who.user.id });
    }
  });

  it("a private room's history is unreadable to non-members, and its messages cannot be deleted by them", async () => {
    const a = await registerUser(fx.url, "Ana");
    const outsider = await registerUser(fx.url, "Out");
    const roomId = await roomWith("PRIVATE", a);
    await send(await online(a), roomId, "private words");
    const res = await api<ErrorBody>(fx.url, outsider, "GET", `/api/rooms/${roomId}/messages`);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain("private words");
  });

  it("an archived room is read-only: sends, edits and members' deletes are refused; history stays readable", async () => {
    const a = await registerUser(fx.url, "Ana");
    const staff = await registerUser(fx.url, "Staff");
    const roomId = await roomWith("PUBLIC", a);
    await setGlobalRole(staff, "ADMIN");
    const sa = await online(a);
    const m = await send(sa, roomId, "before archiving");
    await withClient(fx.db.url, (c) => c.query(`UPDATE "Room" SET "archivedAt" = now() WHERE id = $1`, [roomId]));
    const refused = await emitAck(sa, "message:send", { roomId, clientId: clientId(), body: "after" });
    expect(refused).toMatchObject({ ok: false, error: { code: "FORBIDDEN", message: expect.stringContaining("archived") } });
    expect((await api<ErrorBody>(fx.url, a, "PATCH", `/api/messages/${m.id}`, { body: "x" })).status).toBe(403);
    expect((await api<ErrorBody>(fx.url, a, "DELETE", `/api/messages/${m.id}`)).status).toBe(403);
    expect((await api<{ message: MessageDTO }>(fx.url, staff, "DELETE", `/api/messages/${m.id}`)).status).toBe(200);
    const history = await api<HistoryPage>(fx.url, a, "GET", `/api/rooms/${roomId}/messages`);
    expect(history.status).toBe(200);
    expect(history.body.messages).toHaveLength(1);
  });
});
