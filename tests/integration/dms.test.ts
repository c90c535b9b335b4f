import { afterEach, describe, expect, it } from "vitest";
import type { HistoryPage, RoomDTO } from "@/lib/shared/types";
import { api, clientId, connectUser, emitAck, nextEvent, registerUser, sleep, type ClientSocket, type TestUser } from "../helpers/clients";
import { serverFixture } from "../helpers/fixture";

const fx = serverFixture();
const sockets: ClientSocket[] = [];
afterEach(() => {
  while (sockets.length) sockets.pop()?.close();
});
type ErrorBody = { error: { code: string; message: string } };
type Opened = { room: RoomDTO; created: boolean };

async function online(who: TestUser): Promise<ClientSocket> {
  const s = await connectUser(fx.url, who);
  sockets.push(s);
  return s;
}

const openDm = (who: TestUser, ...others: TestUser[]) => api<Opened & ErrorBody>(fx.url, who, "POST", "/api/dms", { userIds: others.map((o) => o.user.id) });

describe("user search", () => {
  it("finds people by part of their name, case-insensitively, without emails and without the caller", async () => {
    const tag = clientId().slice(0, 6);
    const me = await registerUser(fx.url, `Zed ${tag}`);
    const ada = await registerUser(fx.url, `Ada ${tag}`);
    await registerUser(fx.url, `Bob ${tag}`);
    const res = await api<{ users: { id: string; name: string; status: string }[] }>(fx.url, me, "GET", `/api/users?q=${tag.toUpperCase()}`);
    expect(res.status).toBe(200);
    expect(res.body.users.map((u) => u.name)).toEqual([`Ada ${tag}`, `Bob ${tag}`]);
    expect(res.body.users[0]).toEqual({ id: ada.user.id, name: `Ada ${tag}`, avatarUrl: null, status: "ONLINE" });
    expect(JSON.stringify(res.body)).not.toContain("@");
    expect((await api(fx.url, me, "GET", `/api/users?q=${"x".repeat(51)}`)).status).toBe(400);
    expect((await api(fx.url, null, "GET", `/api/users?q=a`)).status).toBe(401);
  });
});

describe("group DM names", () => {
  it("any member names a group DM (PATCH { name }), the others see it live; null clears it; 1:1 DMs, outsiders and bad names are refused", async () => {
    const [a, b, c, outsider] = await Promise.all(["Ana", "Ben", "Cy", "Out"].map((n) => registerUser(fx.url, n)));
    const group = (await openDm(a!, b!, c!)).body.room;
    expect(group.dmName).toBeNull();
    const sc = await online(c!);
    const seen = nextEvent(sc, "room:updated", (p) => p.room.id === group.id);
    const renamed = await api<{ room: RoomDTO }>(fx.url, b!, "PATCH", `/api/rooms/${group.id}`, { name: "  Weekend plans " });
    expect(renamed.status).toBe(200);
    expect(renamed.body.room.dmName).toBe("Weekend plans");
    expect((await seen)[0].room).toMatchObject({ id: group.id, dmName: "Weekend plans" });
    const listed = await api<{ rooms: RoomDTO[] }>(fx.url, a!, "GET", "/api/rooms");
    expect(listed.body.rooms.find((r) => r.id === group.id)?.dmName).toBe("Weekend plans");

    for (const bad of [{ name: "" }, { name: "x".repeat(81) }, { name: "ok", topic: "no topics" }, { topic: "no" }, {}]) {
      const res = await api<ErrorBody>(fx.url, a!, "PATCH", `/api/rooms/${group.id}`, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    expect((await api(fx.url, outsider!, "PATCH", `/api/rooms/${group.id}`, { name: "mine" })).status).toBe(404);
    const pair = (await openDm(a!, b!)).body.room;
    const refused = await api<ErrorBody>(fx.url, a!, "PATCH", `/api/rooms/${pair.id}`, { name: "us" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("FORBIDDEN");
    // Nothing changed by the refusals.
    expect((await api<{ room: RoomDTO }>(fx.url, c!, "GET", `/api/rooms/${group.id}`)).body.room.dmName).toBe("Weekend plans");

    const cleared = await api<{ room: RoomDTO }>(fx.url, c!, "PATCH", `/api/rooms/${group.id}`, { name: null });
    expect(cleared.body.room.dmName).toBeNull();
  });
});

describe("direct messages", () => {
  it("a 1:1 DM is unique: both people opening it (even at once) get the same private room", async () => {
    const a = await registerUser(fx.url, "Ana");
    const b = await registerUser(fx.url, "Ben");
    const [first, second, third] = await Promise.all([openDm(a, b), openDm(b, a), openDm(a, b)]);
    const ids = new Set([first.body.room.id, second.body.room.id, third.body.room.id]);
    expect(ids.size).toBe(1);
    expect([first, second, third].filter((r) => r.status === 201)).toHaveLength(1);
    expect([first, second, third].filter((r) => r.body.created)).toHaveLength(1);
    const room = first.body.room;
    expect(room).toMatchObject({ kind: "DM", visibility: "PRIVATE", memberCount: 2, archived: false });
    expect(room.dmMembers?.map((u) => u.id).sort()).toEqual([a.user.id, b.user.id].sort());
    // Opened again later: still the same one, 200.
    const again = await openDm(b, a);
    expect(again.status).toBe(200);
    expect(again.body.room.id).toBe(room.id);
  });

  it("group DMs hold up to 9 people; the same group reuses its DM; bad requests are refused", async () => {
    const people = await Promise.all(Array.from({ length: 10 }, (_, i) => registerUser(fx.url, `P${i}`)));
    const [me, ...others] = people as [TestUser, ...TestUser[]];
    const group = await openDm(me, others[0]!, others[1]!);
    expect(group.status).toBe(201);
    expect(group.body.room.memberCount).toBe(3);
    expect((await openDm(others[1]!, others[0]!, me)).body.room.id).toBe(group.body.room.id);
    expect((await openDm(me, ...others.slice(0, 8))).status).toBe(201); // 9 in all
    const tooMany = await openDm(me, ...others.slice(0, 9)); // 10 in all
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe("VALIDATION_FAILED");
    expect((await api<ErrorBody>(fx.url, me, "POST", "/api/dms", { userIds: [me.user.id] })).status).toBe(400);
    expect((await api<ErrorBody>(fx.url, me, "POST", "/api/dms", { userIds: [] })).status).toBe(400);
    expect((await api<ErrorBody>(fx.url, me, "POST", "/api/dms", { userIds: ["00000000-0000-7000-8000-000000000000"] })).status).toBe(404);
    expect((await api<ErrorBody>(fx.url, me, "POST", "/api/dms", { userIds: [others[0]!.user.id], extra: 1 })).status).toBe(400);
  });

  it("a new DM appears live for the other person, whose sockets are subscribed to it", async () => {
    const a = await registerUser(fx.url, "Ana");
    const b = await registerUser(fx.url, "Ben");
    const sb = await online(b);
    const added = nextEvent(sb, "room:added");
    const sa = await online(a);
    const ack = await emitAck(sa, "dm:open", { userIds: [b.user.id] });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    const [{ room }] = await added;
    expect(room.id).toBe(ack.data.room.id);
    expect(room.kind).toBe("DM");
    // Ben never emitted room:join, yet receives the first message live.
    await sleep(100);
    const received = nextEvent(sb, "message:new");
    const sent = await emitAck(sa, "message:send", { roomId: room.id, clientId: clientId(), body: "hi Ben" });
    expect(sent.ok).toBe(true);
    expect((await received)[0]).toMatchObject({ roomId: room.id, body: "hi Ben" });
  });

  it("DMs are private and fixed: outsiders get 404, nobody joins or leaves; the list orders DMs by latest activity", async () => {
    const a = await registerUser(fx.url, "Ana");
    const b = await registerUser(fx.url, "Ben");
    const c = await registerUser(fx.url, "Cy");
    const outsider = await registerUser(fx.url, "Out");
    const ab = (await openDm(a, b)).body.room;
    const ac = (await openDm(a, c)).body.room;
    for (const [method, path] of [
      ["GET", `/api/rooms/${ab.id}`],
      ["GET", `/api/rooms/${ab.id}/messages`],
      ["GET", `/api/rooms/${ab.id}/members`],
      ["POST", `/api/rooms/${ab.id}/join`],
    ] as const) {
      expect((await api(fx.url, outsider, method, path)).status, `${method} ${path}`).toBe(404);
    }
    const leave = await api<ErrorBody>(fx.url, a, "POST", `/api/rooms/${ab.id}/leave`);
    expect(leave.status).toBe(403);
    expect((await api<ErrorBody>(fx.url, a, "POST", `/api/rooms/${ab.id}/members`, { userId: outsider.user.id })).status).toBe(403);
    expect((await api<ErrorBody>(fx.url, a, "PATCH", `/api/rooms/${ab.id}`, { name: "renamed" })).status).toBe(403);

    const sa = await online(a);
    expect((await emitAck(sa, "message:send", { roomId: ab.id, clientId: clientId(), body: "older" })).ok).toBe(true);
    await sleep(20);
    expect((await emitAck(sa, "message:send", { roomId: ac.id, clientId: clientId(), body: "newer" })).ok).toBe(true);
    const list = await api<{ rooms: RoomDTO[] }>(fx.url, a, "GET", "/api/rooms");
    const dms = list.body.rooms.filter((r) => r.kind === "DM");
    const acRow = dms.find((r) => r.id === ac.id)!;
    const abRow = dms.find((r) => r.id === ab.id)!;
    expect(acRow.lastMessageAt).not.toBeNull();
    expect(Date.parse(acRow.lastMessageAt!)).toBeGreaterThanOrEqual(Date.parse(abRow.lastMessageAt!));
    expect(acRow.dmMembers?.map((u) => u.name).sort()).toEqual(["Ana", "Cy"]);
    // Outsiders never see DMs in their list.
    const theirs = await api<{ rooms: RoomDTO[] }>(fx.url, outsider, "GET", "/api/rooms");
    expect(theirs.body.rooms.some((r) => r.id === ab.id || r.id === ac.id)).toBe(false);
    const history = await api<HistoryPage>(fx.url, b, "GET", `/api/rooms/${ab.id}/messages`);
    expect(history.body.messages.map((m) => m.body)).toEqual(["older"]);
  });
});
