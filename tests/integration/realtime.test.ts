import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RoomDTO } from "@/lib/shared/types";
import { api, clientId, connectUser, emitAck, nextEvent, registerUser, sleep, type ClientSocket, type TestUser } from "../helpers/clients";
import { createTestDatabase, REDIS_URL, type TestDatabase } from "../helpers/db";
import { startServer, type RunningServer } from "../helpers/server";

// Two real instances sharing one database and Redis, as in a scaled-out deployment.
let db: TestDatabase;
let one: RunningServer;
let two: RunningServer;
beforeAll(async () => {
  db = await createTestDatabase();
  [one, two] = await Promise.all([startServer({ databaseUrl: db.url, redisUrl: REDIS_URL }), startServer({ databaseUrl: db.url, redisUrl: REDIS_URL })]);
});
afterAll(async () => {
  await Promise.all([one?.stop(), two?.stop()]);
  await db?.drop();
});

const sockets: ClientSocket[] = [];
afterEach(() => {
  while (sockets.length) sockets.pop()?.close();
});

async function on(server: RunningServer, who: TestUser, roomId: string): Promise<ClientSocket> {
  const s = await connectUser(server.url, who);
  sockets.push(s);
  const ack = await emitAck(s, "room:join", { roomId });
  if (!ack.ok) throw new Error(ack.error.message);
  return s;
}

async function room(owner: TestUser, ...members: TestUser[]): Promise<string> {
  const { body } = await api<{ room: RoomDTO }>(one.url, owner, "POST", "/api/rooms", { name: `rt ${clientId().slice(0, 6)}` });
  for (const m of members) await api(one.url, m, "POST", `/api/rooms/${body.room.id}/join`);
  return body.room.id;
}

describe("across two instances joined by Redis", () => {
  it("delivers a message sent on one instance to members connected to the other", async () => {
    const a = await registerUser(one.url, "Ana");
    const b = await registerUser(one.url, "Ben");
    const roomId = await room(a, b);
    const sa = await on(one, a, roomId);
    const sb = await on(two, b, roomId);
    const got = nextEvent(sb, "message:new");
    const ack = await emitAck(sa, "message:send", { roomId, clientId: clientId(), body: "across" });
    expect(ack.ok).toBe(true);
    const [m] = await got;
    expect(m).toMatchObject({ body: "across", seq: 1, author: { name: "Ana" } });
  });

  it("tells the joiner's other-instance sockets about room membership (member:joined)", async () => {
    const a = await registerUser(one.url, "Ana");
    const b = await registerUser(one.url, "Ben");
    const roomId = await room(a);
    const sa = await on(two, a, roomId);
    const joined = nextEvent(sa, "member:joined", (p) => p.roomId === roomId);
    await api(one.url, b, "POST", `/api/rooms/${roomId}/join`);
    const [evt] = await joined;
    expect(evt.member).toMatchObject({ user: { id: b.user.id, name: "Ben" }, role: "MEMBER" });
  });
});

describe("typing", () => {
  it("shows typers to the others, clears on stop, on send, and by itself after 5 s", async () => {
    const a = await registerUser(one.url, "Ana");
    const b = await registerUser(one.url, "Ben");
    const roomId = await room(a, b);
    const sa = await on(one, a, roomId);
    const sb = await on(two, b, roomId);

    let seen = nextEvent(sb, "typing", (p) => p.roomId === roomId && p.userIds.includes(a.user.id));
    expect((await emitAck(sa, "typing:start", { roomId })).ok).toBe(true);
    await seen;
    // A late joiner learns who is typing in the join ack.
    const lateAck = await emitAck(sb, "room:join", { roomId });
    expect(lateAck.ok && lateAck.data.typing).toEqual([a.user.id]);

    seen = nextEvent(sb, "typing", (p) => p.roomId === roomId && p.userIds.length === 0);
    await emitAck(sa, "typing:stop", { roomId });
    await seen;

    await emitAck(sa, "typing:start", { roomId });
    seen = nextEvent(sb, "typing", (p) => p.roomId === roomId && p.userIds.length === 0);
    await emitAck(sa, "message:send", { roomId, clientId: clientId(), body: "done typing" });
    await seen;

    // No stop ever arrives: it expires on the server.
    await emitAck(sa, "typing:start", { roomId });
    const started = Date.now();
    await nextEvent(sb, "typing", (p) => p.roomId === roomId && p.userIds.length === 0, 8000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4500);
  });

  it("clears a typer whose socket disconnects", async () => {
    const a = await registerUser(one.url, "Ana");
    const b = await registerUser(one.url, "Ben");
    const roomId = await room(a, b);
    const sa = await on(one, a, roomId);
    const sb = await on(two, b, roomId);
    await emitAck(sa, "typing:start", { roomId });
    const cleared = nextEvent(sb, "typing", (p) => p.roomId === roomId && p.userIds.length === 0, 3000);
    sa.close();
    await cleared;
  });

  it("refuses typing in a room the user is not in", async () => {
    const a = await registerUser(one.url);
    const outsider = await registerUser(one.url);
    const roomId = await room(a);
    const so = await connectUser(one.url, outsider);
    sockets.push(so);
    expect(await emitAck(so, "typing:start", { roomId })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await emitAck(so, "typing:start", { roomId: "nope" } as { roomId: string })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
  });
});

describe("presence", () => {
  it("counts a user with several tabs once, and only goes offline when the last tab closes", async () => {
    const a = await registerUser(one.url, "Ana");
    const b = await registerUser(one.url, "Ben");
    const roomId = await room(a, b);
    const sb = await on(one, b, roomId);

    const seenOnline = nextEvent(sb, "presence", (p) => p.roomId === roomId && p.online.includes(a.user.id));
    const tab1 = await on(one, a, roomId);
    await seenOnline;
    const tab2 = await on(two, a, roomId);
    const join = await emitAck(sb, "room:join", { roomId });
    expect(join.ok && [...join.data.online].sort()).toEqual([a.user.id, b.user.id].sort());

    const updates: string[][] = [];
    sb.on("presence", (p) => p.roomId === roomId && updates.push(p.online));
    tab1.close();
    await sleep(600);
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.every((online) => online.includes(a.user.id))).toBe(true);

    const offline = nextEvent(sb, "presence", (p) => p.roomId === roomId && !p.online.includes(a.user.id));
    tab2.close();
    const [last] = await offline;
    expect(last.online).toEqual([b.user.id]);
  });
});
