/**
 * Every client -> server event and REST write has a limit (issue 15, finding 6), from the one
 * table in server/services/limits-table.ts: over it, RATE_LIMITED with `retryAfterMs`; typing
 * and read markers are coalesced instead; failed handshakes count against the per-IP connection
 * limit; group DMs can be left. Limits at their real size (scale 1).
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Ack } from "@/lib/shared/events";
import type { MessageDTO, RoomDTO } from "@/lib/shared/types";
import { RATE_LIMITS } from "@/server/services/limits-table";
import { api, clientId, connect, connectUser, emitAck, nextEvent, registerUser, type ClientSocket, type TestUser } from "../helpers/clients";
import { serverFixture } from "../helpers/fixture";

// Registration allows 10 accounts an hour per IP at scale 1: five people share the tests.
const fx = serverFixture({ env: { RATE_LIMIT_SCALE: "1" } });
type ErrorBody = { error: { code: string; message: string; details?: { retryAfterMs?: number } } };

const sockets: ClientSocket[] = [];
afterEach(() => {
  while (sockets.length) sockets.pop()?.close();
});
async function online(who: TestUser): Promise<ClientSocket> {
  const s = await connectUser(fx.url, who);
  sockets.push(s);
  return s;
}

let ana: TestUser, ben: TestUser, cy: TestUser, dee: TestUser, eli: TestUser;
let room: RoomDTO;

beforeAll(async () => {
  ana = await registerUser(fx.url, "Ana");
  ben = await registerUser(fx.url, "Ben");
  cy = await registerUser(fx.url, "Cy");
  dee = await registerUser(fx.url, "Dee");
  eli = await registerUser(fx.url, "Eli");
  room = (await api<{ room: RoomDTO }>(fx.url, ana, "POST", "/api/rooms", { name: `limits ${clientId().slice(0, 6)}` })).body.room;
  for (const who of [ben, cy, dee, eli]) expect((await api(fx.url, who, "POST", `/api/rooms/${room.id}/join`)).status).toBe(200);
});

/** `count` calls at once; the first `limit` are ok, every later one RATE_LIMITED with retryAfterMs. */
async function expectLimited(acks: Promise<Ack<unknown>>[], limit: number): Promise<void> {
  const results = await Promise.all(acks);
  const outcomes = results.map((r) => (r.ok ? "ok" : r.error.code));
  expect(outcomes.filter((o) => o === "ok")).toHaveLength(limit);
  expect(outcomes.filter((o) => o === "RATE_LIMITED")).toHaveLength(results.length - limit);
  const refused = results.find((r) => !r.ok);
  expect(refused && !refused.ok && typeof refused.error.details?.retryAfterMs === "number" && refused.error.details.retryAfterMs > 0).toBe(true);
}

const times = <T,>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

describe("socket events over their limit answer RATE_LIMITED", () => {
  it("message:edit: 300 in a second", async () => {
    const s = await online(ana);
    const sent = await emitAck(s, "message:send", { roomId: room.id, clientId: clientId(), body: "v0" });
    if (!sent.ok) throw new Error(sent.error.message);
    const id = sent.data.message.id;
    await expectLimited(times(300, (i) => emitAck(s, "message:edit", { messageId: id, body: `v${i + 1}` })), RATE_LIMITS["message.edit:user"].points);
    // REST edits count against the same limit.
    const rest = await api<ErrorBody>(fx.url, ana, "PATCH", `/api/messages/${id}`, { body: "rest" });
    expect(rest.status).toBe(429);
    expect(rest.body.error.code).toBe("RATE_LIMITED");
  });

  it("reaction:set: 300 in a second", async () => {
    const s = await online(ben);
    const sent = await emitAck(s, "message:send", { roomId: room.id, clientId: clientId(), body: "react to me" });
    if (!sent.ok) throw new Error(sent.error.message);
    const messageId = sent.data.message.id;
    await expectLimited(times(300, (i) => emitAck(s, "reaction:set", { roomId: room.id, messageId, emoji: "👍", on: i % 2 === 0 })), RATE_LIMITS["reaction:user"].points);
  });

  it("room:join: 300 in a second", async () => {
    const s = await online(cy);
    // Cy's REST join above counted against the same limit.
    await expectLimited(times(300, () => emitAck(s, "room:join", { roomId: room.id })), RATE_LIMITS["room.join:user"].points - 1);
  });

  it("status:set: 300 in a second", async () => {
    const s = await online(dee);
    await expectLimited(times(300, (i) => emitAck(s, "status:set", { status: i % 2 === 0 ? "AWAY" : "ONLINE" })), RATE_LIMITS["status:user"].points);
  });

  it("message:delete, message:pin, room:leave, admin:subscribe: refused once over their limits", async () => {
    const [sa, sb, se] = [await online(ana), await online(ben), await online(eli)];
    const sent = await emitAck(sa, "message:send", { roomId: room.id, clientId: clientId(), body: "pin and delete me" });
    if (!sent.ok) throw new Error(sent.error.message);
    const messageId = sent.data.message.id;
    /** The other answers (e.g. deleting a deleted message, FORBIDDEN for a non-staff subscribe) stay what they were; only the count over the limit changes. */
    const overLimit = async (acks: Promise<Ack<unknown>>[]) => (await Promise.all(acks)).filter((r) => !r.ok && r.error.code === "RATE_LIMITED").length;
    expect(await overLimit(times(100, (i) => emitAck(sa, "message:pin", { roomId: room.id, messageId, pinned: i % 2 === 0 })))).toBe(100 - RATE_LIMITS["pin:user"].points);
    expect(await overLimit(times(100, () => emitAck(sa, "message:delete", { messageId })))).toBe(100 - RATE_LIMITS["message.delete:user"].points);
    expect(await overLimit(times(100, () => emitAck(sb, "room:leave", { roomId: room.id })))).toBe(100 - RATE_LIMITS["room.leave:user"].points);
    expect(await overLimit(times(100, () => emitAck(se, "admin:subscribe", {})))).toBe(100 - RATE_LIMITS["admin.subscribe:user"].points);
  });

  it("dm:open: group DMs created are limited; opening an existing one is not a creation", async () => {
    const s = await online(eli);
    const others = [ana, ben, cy, dee].map((u) => u.user.id);
    // Every set of two or more of the four others: 11 distinct group DMs.
    const groups: string[][] = [];
    for (let mask = 1; mask < 16; mask++) {
      const set = others.filter((_, i) => mask & (1 << i));
      if (set.length >= 2) groups.push(set);
    }
    const limit = RATE_LIMITS["dm.group:user"].points;
    const results: Ack<{ room: RoomDTO; created: boolean }>[] = [];
    for (const userIds of groups) results.push(await emitAck(s, "dm:open", { userIds }));
    expect(results.slice(0, limit).every((r) => r.ok && r.data.created)).toBe(true);
    expect(results.slice(limit).map((r) => (r.ok ? "ok" : r.error.code))).toEqual(times(groups.length - limit, () => "RATE_LIMITED"));
    const again = await emitAck(s, "dm:open", { userIds: groups[0]! });
    expect(again.ok && !again.data.created).toBe(true);
  });

  it("REST writes: a route without a limit of its own counts against rest.write:user", async () => {
    const limit = RATE_LIMITS["rest.write:user"].points;
    const statuses = await Promise.all(times(limit + 5, (i) => api(fx.url, cy, "PUT", `/api/rooms/${room.id}/notifications`, { muted: i % 2 === 0 }).then((r) => r.status)));
    expect(statuses.filter((st) => st === 200)).toHaveLength(limit);
    expect(statuses.filter((st) => st === 429)).toHaveLength(5);
  });
});

describe("typing and read markers are coalesced, not refused", () => {
  it("forwards one typing:start per room per window and acks the rest ok", async () => {
    const [sa, sb] = [await online(ana), await online(ben)];
    let seen = 0;
    sb.on("typing", ({ roomId, userIds }) => {
      if (roomId === room.id && userIds.includes(ana.user.id)) seen++;
    });
    const acks = await Promise.all(times(100, () => emitAck(sa, "typing:start", { roomId: room.id })));
    expect(acks.every((a) => a.ok)).toBe(true);
    await expect.poll(() => seen).toBe(1);
    // A stop, then typing again: forwarded (the stop ends the window).
    const stopped = nextEvent(sb, "typing", (p) => p.roomId === room.id && !p.userIds.includes(ana.user.id));
    expect((await emitAck(sa, "typing:stop", { roomId: room.id })).ok).toBe(true);
    await stopped;
    expect((await emitAck(sa, "typing:start", { roomId: room.id })).ok).toBe(true);
    await expect.poll(() => seen).toBe(2);
    // Nothing else was forwarded from the burst.
    await expect(nextEvent(sb, "typing", (p) => p.roomId === room.id && p.userIds.includes(ana.user.id), 300)).rejects.toThrow(/timed out/);
    expect(seen).toBe(2);
  });

  it("coalesces room:read to the latest seq per window; every ack is ok and ends at the highest", async () => {
    const s = await online(dee);
    const otherTab = await online(dee);
    let states = 0;
    otherTab.on("membership:state", (st) => {
      if (st.roomId === room.id) states++;
    });
    const messages: MessageDTO[] = [];
    const writer = await online(ana);
    for (let i = 0; i < 5; i++) {
      const sent = await emitAck(writer, "message:send", { roomId: room.id, clientId: clientId(), body: `read me ${i}` });
      if (sent.ok) messages.push(sent.data.message);
    }
    const top = messages[messages.length - 1]!.seq;
    const seqs = times(200, (i) => top - 4 + (i % 5));
    const acks = await Promise.all(seqs.map((seq) => emitAck(s, "room:read", { roomId: room.id, seq })));
    expect(acks.every((a) => a.ok)).toBe(true);
    const last = acks[acks.length - 1]!;
    expect(last.ok && last.data.lastReadSeq).toBe(top);
    await expect.poll(() => states).toBeGreaterThan(0);
    expect(states).toBeLessThanOrEqual(2);
  });
});

describe("group DMs can be left", () => {
  it("a member leaves a group DM (the others see it); a 1:1 DM cannot be left", async () => {
    const [sa, sc] = [await online(ana), await online(cy)];
    const opened = await emitAck(sa, "dm:open", { userIds: [ben.user.id, cy.user.id] });
    if (!opened.ok) throw new Error(opened.error.message);
    const dm = opened.data.room;
    const left = nextEvent(sc, "member:left", (p) => p.roomId === dm.id && p.userId === ana.user.id);
    const removed = nextEvent(sa, "room:removed", (p) => p.roomId === dm.id);
    expect((await api(fx.url, ana, "POST", `/api/rooms/${dm.id}/leave`)).status).toBe(200);
    await Promise.all([left, removed]);
    const mine = await api<{ rooms: RoomDTO[] }>(fx.url, ana, "GET", "/api/rooms");
    expect(mine.body.rooms.map((r) => r.id)).not.toContain(dm.id);
    const theirs = await api<{ rooms: RoomDTO[] }>(fx.url, cy, "GET", "/api/rooms");
    expect(theirs.body.rooms.find((r) => r.id === dm.id)?.dmMembers?.map((u) => u.id).sort()).toEqual([ben.user.id, cy.user.id].sort());
    // Opening the same three again starts a new conversation.
    const reopened = await api<{ room: RoomDTO; created: boolean }>(fx.url, ana, "POST", "/api/dms", { userIds: [ben.user.id, cy.user.id] });
    expect(reopened.body.created).toBe(true);
    expect(reopened.body.room.id).not.toBe(dm.id);

    const oneToOne = await emitAck(sa, "dm:open", { userIds: [cy.user.id] });
    if (!oneToOne.ok) throw new Error(oneToOne.error.message);
    const refused = await api<ErrorBody>(fx.url, ana, "POST", `/api/rooms/${oneToOne.data.room.id}/leave`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("FORBIDDEN");
  });
});

// Last: it uses up the connection limit of 127.0.0.1 for this file's server.
describe("handshakes", () => {
  it("count failed authentications against the per-IP connection limit", async () => {
    const limit = RATE_LIMITS["socket.connect:ip"].points;
    const forged = { ...ana, cookie: "next-auth.session-token=forged; __Secure-next-auth.session-token=forged" };
    // The sockets the tests above opened count too: forged handshakes fill the rest of the window.
    const errors: string[] = [];
    for (let i = 0; i <= limit && errors.at(-1) !== "RATE_LIMITED"; i++) {
      const s = connect(fx.url, forged);
      errors.push(await new Promise<string>((resolve) => s.once("connect_error", (e) => resolve(e.message))));
      s.close();
    }
    expect(errors.at(-1)).toBe("RATE_LIMITED");
    expect(errors.length).toBeGreaterThan(limit / 2);
    expect(new Set(errors.slice(0, -1))).toEqual(new Set(["UNAUTHENTICATED"]));
    // The real user from the same address is now refused until the window passes.
    const s = connect(fx.url, ana);
    const refused = await new Promise<string>((resolve) => {
      s.once("connect", () => resolve("connected"));
      s.once("connect_error", (e) => resolve(e.message));
    });
    s.close();
    expect(refused).toBe("RATE_LIMITED");
  });
});
