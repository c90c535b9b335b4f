import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { HistoryPage, MemberDTO, RoomDTO } from "@/lib/shared/types";
import { api, clientId, connectUser, emitAck, nextEvent, registerUser, sleep, type ClientSocket, type TestUser } from "../helpers/clients";
import { REDIS_URL } from "../helpers/db";
import { serverFixture } from "../helpers/fixture";
import { startServer, type RunningServer } from "../helpers/server";

// Two instances on one database, joined through Redis: status and renames must cross them.
const fx = serverFixture({ redis: true });
let second: RunningServer;
beforeAll(async () => {
  second = await startServer({ databaseUrl: fx.db.url, redisUrl: REDIS_URL });
});
afterAll(async () => {
  await second?.stop();
});
const sockets: ClientSocket[] = [];
afterEach(() => {
  while (sockets.length) sockets.pop()?.close();
});
type ErrorBody = { error: { code: string; message: string } };

async function online(baseUrl: string, who: TestUser): Promise<ClientSocket> {
  const s = await connectUser(baseUrl, who);
  sockets.push(s);
  return s;
}

async function sharedRoom(a: TestUser, b: TestUser): Promise<string> {
  const { body } = await api<{ room: RoomDTO }>(fx.url, a, "POST", "/api/rooms", { name: `room ${clientId().slice(0, 6)}` });
  await api(fx.url, b, "POST", `/api/rooms/${body.room.id}/join`);
  return body.room.id;
}

describe("display names", () => {
  it("a rename is live for others (on another instance too), shows in history and members, and in messages sent from sockets opened before it", async () => {
    const a = await registerUser(fx.url, "Ana");
    const b = await registerUser(fx.url, "Ben");
    const roomId = await sharedRoom(a, b);
    const sa = await online(fx.url, a); // instance 1
    const sb = await online(second.url, b); // instance 2
    expect((await emitAck(sa, "message:send", { roomId, clientId: clientId(), body: "before" })).ok).toBe(true);

    const seen = nextEvent(sb, "user:updated");
    const res = await api<{ user: { name: string } }>(second.url, a, "PATCH", "/api/me", { name: "  Ana Lovelace " });
    expect(res.status).toBe(200);
    expect(res.body.user.name).toBe("Ana Lovelace");
    expect((await seen)[0]).toEqual({ user: { id: a.user.id, name: "Ana Lovelace", avatarUrl: null } });
    expect((await api<{ user: { name: string } }>(fx.url, a, "GET", "/api/me")).body.user.name).toBe("Ana Lovelace");

    // The socket Ana opened before the rename (on the other instance) now sends with the new name.
    await sleep(200);
    const live = nextEvent(sb, "message:new");
    const ack = await emitAck(sa, "message:send", { roomId, clientId: clientId(), body: "after" });
    expect(ack.ok && ack.data.message.author.name).toBe("Ana Lovelace");
    expect((await live)[0].author.name).toBe("Ana Lovelace");

    const history = await api<HistoryPage>(fx.url, b, "GET", `/api/rooms/${roomId}/messages`);
    expect(history.body.messages.map((m) => m.author.name)).toEqual(["Ana Lovelace", "Ana Lovelace"]);
    const members = await api<{ members: MemberDTO[] }>(fx.url, b, "GET", `/api/rooms/${roomId}/members`);
    expect(members.body.members.find((m) => m.user.id === a.user.id)?.user.name).toBe("Ana Lovelace");

    expect((await api<ErrorBody>(fx.url, a, "PATCH", "/api/me", { name: "" })).status).toBe(400);
    expect((await api<ErrorBody>(fx.url, a, "PATCH", "/api/me", { name: "x".repeat(51) })).status).toBe(400);
    expect((await api<ErrorBody>(fx.url, a, "PATCH", "/api/me", { name: "ok", email: "x@y.z" })).status).toBe(400);
  });
});

describe("status", () => {
  it("online / away / do not disturb: stored once for all instances, announced to everyone who sees the user", async () => {
    const a = await registerUser(fx.url, "Ana");
    const b = await registerUser(fx.url, "Ben");
    const stranger = await registerUser(fx.url, "Stranger");
    const roomId = await sharedRoom(a, b);
    const sa = await online(fx.url, a);
    const sb = await online(second.url, b);
    const ss = await online(second.url, stranger);
    let strangerHeard = false;
    ss.on("user:status", () => (strangerHeard = true));

    expect((await api<{ status: string }>(fx.url, a, "GET", "/api/me")).body.status).toBe("ONLINE");
    const dnd = nextEvent(sb, "user:status");
    expect((await api<{ status: string }>(fx.url, a, "PUT", "/api/me/status", { status: "DND" })).body).toEqual({ status: "DND" });
    expect((await dnd)[0]).toEqual({ userId: a.user.id, status: "DND" });
    // Read through the other instance: the same value.
    expect((await api<{ status: string }>(second.url, a, "GET", "/api/me")).body.status).toBe("DND");
    const members = await api<{ members: MemberDTO[] }>(second.url, b, "GET", `/api/rooms/${roomId}/members`);
    expect(members.body.members.find((m) => m.user.id === a.user.id)?.status).toBe("DND");
    const found = await api<{ users: { id: string; status: string }[] }>(second.url, b, "GET", `/api/users?q=Ana`);
    expect(found.body.users.find((u) => u.id === a.user.id)?.status).toBe("DND");

    // Over the socket (the browser's idle detector): away, then back.
    const away = nextEvent(sb, "user:status");
    expect(await emitAck(sa, "status:set", { status: "AWAY" })).toEqual({ ok: true, data: { status: "AWAY" } });
    expect((await away)[0].status).toBe("AWAY");
    expect(await emitAck(sa, "status:set", { status: "BUSY" } as unknown as { status: "AWAY" })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect((await api<ErrorBody>(fx.url, a, "PUT", "/api/me/status", { status: "INVISIBLE" })).status).toBe(400);
    expect((await api<ErrorBody>(fx.url, null, "PUT", "/api/me/status", { status: "DND" })).status).toBe(401);

    // Repeating the same status announces nothing.
    let repeats = 0;
    sb.on("user:status", () => repeats++);
    await emitAck(sa, "status:set", { status: "AWAY" });
    await sleep(300);
    expect(repeats).toBe(0);
    // Someone who shares no room with Ana hears none of it.
    expect(strangerHeard).toBe(false);
  });
});
