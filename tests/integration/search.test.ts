/**
 * Message search (`GET /api/search`) and history around a message (`?around=`), against the real
 * server and PostgreSQL: who can find what, deleted and edited messages, filters, ranking,
 * pagination, snippets, bad input.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HistoryPage, MessageDTO, RoomDTO, SearchPage } from "@/lib/shared/types";
import { api, clientId, connectUser, emitAck, registerUser, type ClientSocket, type TestUser } from "../helpers/clients";
import { withClient } from "../helpers/db";
import { serverFixture } from "../helpers/fixture";

const fx = serverFixture();

let ana: TestUser;
let ben: TestUser;
let cid: TestUser;
let sockets: ClientSocket[] = [];
let anaSocket: ClientSocket;
let benSocket: ClientSocket;

/** A word no other test (or earlier run) uses. */
const word = (label: string) => `${label}${randomBytes(4).toString("hex")}`;

async function createRoom(owner: TestUser, visibility: "PUBLIC" | "PRIVATE" = "PUBLIC"): Promise<RoomDTO> {
  const res = await api<{ room: RoomDTO }>(fx.url, owner, "POST", "/api/rooms", { name: `search-${randomBytes(3).toString("hex")}`, visibility });
  expect(res.status).toBe(201);
  return res.body.room;
}

async function send(socket: ClientSocket, roomId: string, body: string, extra: { threadRootId?: string } = {}): Promise<MessageDTO> {
  const ack = await emitAck(socket, "message:send", { roomId, clientId: clientId(), body, ...extra });
  if (!ack.ok) throw new Error(`send failed: ${ack.error.code}`);
  return ack.data.message;
}

async function search(who: TestUser, params: Record<string, string>) {
  return api<SearchPage & { error?: { code: string; details?: { fieldErrors?: Record<string, string[]> } } }>(
    fx.url,
    who,
    "GET",
    `/api/search?${new URLSearchParams(params).toString()}`,
  );
}

async function found(who: TestUser, q: string, extra: Record<string, string> = {}): Promise<string[]> {
  const res = await search(who, { q, ...extra });
  expect(res.status).toBe(200);
  return res.body.results.map((r) => r.messageId);
}

beforeAll(async () => {
  [ana, ben, cid] = await Promise.all([registerUser(fx.url, "Ana"), registerUser(fx.url, "Ben"), registerUser(fx.url, "Cid")]);
  anaSocket = await connectUser(fx.url, ana);
  benSocket = await connectUser(fx.url, ben);
  sockets = [anaSocket, benSocket];
});

afterAll(() => {
  for (const s of sockets) s.disconnect();
});

describe("search visibility", () => {
  it("finds messages only in the searcher's own rooms and DMs: never private rooms, others' DMs or public rooms not joined", async () => {
    const secret = word("zebra");
    const shared = await createRoom(ana);
    expect((await api(fx.url, ben, "POST", `/api/rooms/${shared.id}/join`)).status).toBe(200);
    const privateRoom = await createRoom(ana, "PRIVATE");
    const publicNotJoined = await createRoom(ana);
    const dm = await api<{ room: RoomDTO }>(fx.url, ana, "POST", "/api/dms", { userIds: [cid.user.id] });
    expect(dm.status).toBe(201);
    // The sockets were connected before these rooms existed; a room:join is not needed to send.
    const inShared = await send(anaSocket, shared.id, `shared ${secret}`);
    const inPrivate = await send(anaSocket, privateRoom.id, `private ${secret}`);
    const inPublic = await send(anaSocket, publicNotJoined.id, `public ${secret}`);
    const inDm = await send(anaSocket, dm.body.room.id, `dm ${secret}`);

    expect(new Set(await found(ana, secret))).toEqual(new Set([inShared.id, inPrivate.id, inPublic.id, inDm.id]));
    // Ben: only the room he joined. Not Ana's private room, not her DM with Cid, not the public room he never joined.
    expect(await found(ben, secret)).toEqual([inShared.id]);
    // Cid: only his DM.
    expect(await found(cid, secret)).toEqual([inDm.id]);

    // The room filter cannot reach into rooms one cannot read: private -> 404 (its existence stays hidden), public not joined -> 403.
    expect((await search(ben, { q: secret, roomId: privateRoom.id })).status).toBe(404);
    expect((await search(ben, { q: secret, roomId: dm.body.room.id })).status).toBe(404);
    const notJoined = await search(ben, { q: secret, roomId: publicNotJoined.id });
    expect(notJoined.status).toBe(403);
    expect(notJoined.body.error?.code).toBe("FORBIDDEN");
    expect((await search(ben, { q: secret, roomId: "00000000-0000-7000-8000-000000000000" })).status).toBe(404);
  });

  it("never finds deleted messages (the stored vector is gone), and finds edited ones by their new text only", async () => {
    const room = await createRoom(ana);
    const gone = word("deleted");
    const before = word("before");
    const after = word("after");
    const deleted = await send(anaSocket, room.id, `this says ${gone}`);
    const edited = await send(anaSocket, room.id, `this says ${before}`);
    expect(await found(ana, gone)).toEqual([deleted.id]);

    expect((await api(fx.url, ana, "DELETE", `/api/messages/${deleted.id}`)).status).toBe(200);
    expect(await found(ana, gone)).toEqual([]);
    const vector = await withClient(fx.db.url, (c) => c.query<{ v: string | null }>(`SELECT "searchVector"::text AS v FROM "Message" WHERE id = $1`, [deleted.id]));
    expect(vector.rows[0]?.v).toBeNull();

    expect((await api(fx.url, ana, "PATCH", `/api/messages/${edited.id}`, { body: `now it says ${after}` })).status).toBe(200);
    expect(await found(ana, before)).toEqual([]);
    const hits = await search(ana, { q: after });
    expect(hits.body.results.map((r) => r.messageId)).toEqual([edited.id]);
    expect(hits.body.results[0]?.editedAt).not.toBeNull();
  });

  it("a moderator purge (one UPDATE, no service code per message) also empties the index", async () => {
    const room = await createRoom(ana);
    const term = word("purged");
    const m = await send(anaSocket, room.id, term);
    expect(await found(ana, term)).toEqual([m.id]);
    await withClient(fx.db.url, (c) => c.query(`UPDATE "Message" SET body = '', "deletedAt" = now() WHERE id = $1`, [m.id]));
    expect(await found(ana, term)).toEqual([]);
  });
});

describe("search results", () => {
  it("filters by room and by author", async () => {
    const term = word("filter");
    const one = await createRoom(ana);
    const two = await createRoom(ana);
    for (const r of [one, two]) expect((await api(fx.url, ben, "POST", `/api/rooms/${r.id}/join`)).status).toBe(200);
    const anaInOne = await send(anaSocket, one.id, `${term} from ana`);
    const benInOne = await send(benSocket, one.id, `${term} from ben`);
    const anaInTwo = await send(anaSocket, two.id, `${term} again`);

    expect(new Set(await found(ben, term))).toEqual(new Set([anaInOne.id, benInOne.id, anaInTwo.id]));
    expect(new Set(await found(ben, term, { roomId: one.id }))).toEqual(new Set([anaInOne.id, benInOne.id]));
    expect(new Set(await found(ben, term, { authorId: ana.user.id }))).toEqual(new Set([anaInOne.id, anaInTwo.id]));
    expect(await found(ben, term, { roomId: one.id, authorId: ben.user.id })).toEqual([benInOne.id]);
  });

  it("ranks by relevance, then newest first, and pages with a cursor without repeats or gaps", async () => {
    const room = await createRoom(ana);
    const term = word("page");
    const sent: MessageDTO[] = [];
    for (let i = 0; i < 7; i++) sent.push(await send(anaSocket, room.id, `${term} number ${i}`));
    const best = await send(anaSocket, room.id, `older? no: ${term} ${term} ${term} twice is better`);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await search(ana, { q: term, limit: "3", ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expect(res.body.results.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.results.map((r) => r.messageId));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    // The message with the term three times first, then the rest newest first.
    expect(seen).toEqual([best.id, ...sent.map((m) => m.id).reverse()]);
  });

  it("matches the last word as a prefix, ignores case, and returns a plain-text snippet with highlight ranges", async () => {
    const room = await createRoom(ana);
    const stem = word("Quokka");
    const html = `<img src=x onerror=alert(1)> <b>bold</b> & "${stem}Friend" said \uE000hi\uE001`;
    const m = await send(anaSocket, room.id, html);
    const res = await search(ana, { q: stem.slice(0, -2).toLowerCase() });
    expect(res.status).toBe(200);
    const hit = res.body.results.find((r) => r.messageId === m.id);
    expect(hit).toBeDefined();
    expect(hit!.snippet).not.toMatch(/[\uE000-\uE003]/);
    // The body's own text, markup included, comes back as plain characters (the client renders text).
    expect(hit!.snippet).toContain(`<b>bold</b> & "${stem}Friend"`);
    // Words inside what looks like an HTML tag are indexed too (messages are text and code, not HTML).
    expect(await found(ana, `onerror ${stem}friend`)).toEqual([m.id]);
    expect(hit!.highlights.length).toBeGreaterThan(0);
    for (const h of hit!.highlights) expect(hit!.snippet.slice(h.start, h.end).toLowerCase()).toBe(`${stem}friend`.toLowerCase());
    expect(hit!).toMatchObject({ room: { id: room.id, name: room.name, kind: "ROOM" }, seq: m.seq, author: { id: ana.user.id, name: "Ana" }, threadRootId: null, inMainTimeline: true });
    // A word typed in full is matched whole or as a prefix; a word that is not a prefix is not.
    expect(await found(ana, `${stem}friend`)).toEqual([m.id]);
    expect(await found(ana, `${stem}x`)).toEqual([]);
    // websearch syntax: quoted phrases and exclusions.
    expect(await found(ana, `"${stem}friend said"`)).toEqual([m.id]);
    expect(await found(ana, `${stem}friend -said`)).toEqual([]);
  });

  it("a thread reply names its root (id and seq) and says it is not in the main timeline", async () => {
    const room = await createRoom(ana);
    const term = word("threaded");
    const root = await send(anaSocket, room.id, "the root");
    const reply = await send(anaSocket, room.id, `a reply about ${term}`, { threadRootId: root.id });
    const res = await search(ana, { q: term });
    expect(res.body.results).toHaveLength(1);
    expect(res.body.results[0]).toMatchObject({ messageId: reply.id, seq: reply.seq, threadRootId: root.id, threadRootSeq: root.seq, inMainTimeline: false });
  });

  it("refuses bad input with 400 VALIDATION_FAILED naming the field, and strangers with 401", async () => {
    const cases: [Record<string, string>, string][] = [
      [{}, "q"],
      [{ q: "   " }, "q"],
      [{ q: "x".repeat(201) }, "q"],
      [{ q: "ok", cursor: "not-a-cursor" }, "cursor"],
      [{ q: "ok", cursor: Buffer.from(JSON.stringify([1, "nope"])).toString("base64url") }, "cursor"],
      [{ q: "ok", limit: "51" }, "limit"],
      [{ q: "ok", limit: "0" }, "limit"],
      [{ q: "ok", roomId: "not-a-uuid" }, "roomId"],
      [{ q: "ok", authorId: "x" }, "authorId"],
    ];
    for (const [params, field] of cases) {
      const res = await search(ana, params);
      expect(res.status, JSON.stringify(params)).toBe(400);
      expect(res.body.error?.code).toBe("VALIDATION_FAILED");
      expect(Object.keys(res.body.error?.details?.fieldErrors ?? {})).toContain(field);
    }
    // Punctuation only: a valid query with no words, so nothing is found.
    expect(await found(ana, "!!! ???")).toEqual([]);
    expect((await api(fx.url, null, "GET", "/api/search?q=hello")).status).toBe(401);
  });
});

describe("history around a message", () => {
  let room: RoomDTO;
  beforeAll(async () => {
    room = await createRoom(ana, "PRIVATE");
    for (let i = 1; i <= 30; i++) await send(anaSocket, room.id, `message ${i}`);
  });

  const around = (who: TestUser, query: string) => api<HistoryPage & { error?: { code: string } }>(fx.url, who, "GET", `/api/rooms/${room.id}/messages?${query}`);

  it("returns the message with its neighbours and says whether more lie on each side", async () => {
    const mid = await around(ana, "around=15&limit=10");
    expect(mid.status).toBe(200);
    expect(mid.body.messages.map((m) => m.seq)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(mid.body).toMatchObject({ hasMore: true, hasMoreAfter: true });

    const start = await around(ana, "around=2&limit=10");
    expect(start.body.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(start.body).toMatchObject({ hasMore: false, hasMoreAfter: true });

    const end = await around(ana, "around=29&limit=10");
    expect(end.body.messages.map((m) => m.seq)).toEqual([25, 26, 27, 28, 29, 30]);
    expect(end.body).toMatchObject({ hasMore: true, hasMoreAfter: false });

    // Exactly at the edges: nothing left on either side.
    const all = await around(ana, "around=15&limit=30");
    expect(all.body.messages.map((m) => m.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(all.body).toMatchObject({ hasMore: false, hasMoreAfter: false });

    // Beyond the end: the newest messages, nothing after.
    const beyond = await around(ana, "around=500&limit=5");
    expect(beyond.body.messages.map((m) => m.seq)).toEqual([29, 30]);
    expect(beyond.body).toMatchObject({ hasMore: true, hasMoreAfter: false });
  });

  it("validates the cursor and keeps private rooms closed to non-members", async () => {
    for (const q of ["around=0", "around=x", "around=5&before=9", "around=5&after=1", "around=5&limit=101"]) {
      const res = await around(ana, q);
      expect(res.status, q).toBe(400);
      expect(res.body.error?.code).toBe("VALIDATION_FAILED");
    }
    expect((await around(ben, "around=5")).status).toBe(404);
  });
});
