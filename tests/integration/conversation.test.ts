/** Threads, reactions and pins: every rule, over REST and sockets, against the real server. */
import { afterEach, describe, expect, it } from "vitest";
import type { HistoryPage, MessageDTO, RoomDTO, ThreadPage } from "@/lib/shared/types";
import { api, clientId, connectUser, emitAck, nextEvent, registerUser, sleep, type ClientSocket, type TestUser } from "../helpers/clients";
import { withClient } from "../helpers/db";
import { serverFixture } from "../helpers/fixture";
import { waitFor } from "../helpers/wait";

const fx = serverFixture();
const sockets: ClientSocket[] = [];
afterEach(() => {
  while (sockets.length) sockets.pop()?.close();
});

async function roomWith(owner: TestUser, members: TestUser[] = [], visibility: "PUBLIC" | "PRIVATE" = "PUBLIC"): Promise<string> {
  const { body } = await api<{ room: RoomDTO }>(fx.url, owner, "POST", "/api/rooms", { name: `conv ${clientId().slice(0, 6)}`, visibility });
  for (const m of members) {
    if (visibility === "PUBLIC") await api(fx.url, m, "POST", `/api/rooms/${body.room.id}/join`);
    else await withClient(fx.db.url, (c) => c.query(`INSERT INTO "Membership" ("userId", "roomId") VALUES ($1, $2)`, [m.user.id, body.room.id]));
  }
  return body.room.id;
}

async function online(who: TestUser, roomId?: string): Promise<ClientSocket> {
  const s = await connectUser(fx.url, who);
  sockets.push(s);
  if (roomId) expect((await emitAck(s, "room:join", { roomId })).ok).toBe(true);
  return s;
}

async function send(s: ClientSocket, roomId: string, body: string, extra: { threadRootId?: string; alsoToRoom?: boolean } = {}): Promise<MessageDTO> {
  const ack = await emitAck(s, "message:send", { roomId, clientId: clientId(), body, ...extra });
  if (!ack.ok) throw new Error(`${ack.error.code}: ${ack.error.message}`);
  return ack.data.message;
}

const sql = (text: string, values: unknown[]) => withClient(fx.db.url, (c) => c.query(text, values));

describe("reactions", () => {
  it("toggle idempotently, live, with counts and who reacted, over socket and REST", async () => {
    const a = await registerUser(fx.url, "Ana");
    const b = await registerUser(fx.url, "Ben");
    const roomId = await roomWith(a, [b]);
    const sa = await online(a, roomId);
    const sb = await online(b, roomId);
    const m = await send(sa, roomId, "react to me");

    const live = nextEvent(sb, "message:updated", (u) => u.id === m.id);
    const added = await emitAck(sa, "reaction:set", { roomId, messageId: m.id, emoji: "👍", on: true });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(added.data.reactions).toEqual([{ emoji: "👍", count: 1, users: [{ id: a.user.id, name: "Ana", avatarUrl: null }] }]);
    expect(added.data.rev).toBe(1);
    const [seen] = await live;
    expect(seen).toEqual(added.data);

    // Adding again changes nothing and broadcasts nothing.
    const updates: MessageDTO[] = [];
    sb.on("message:updated", (u) => updates.push(u));
    const again = await emitAck(sa, "reaction:set", { roomId, messageId: m.id, emoji: "👍", on: true });
    expect(again.ok && again.data.rev).toBe(1);

    // Ben adds the same emoji over REST, then another one.
    const rest = await api<{ message: MessageDTO }>(fx.url, b, "POST", `/api/rooms/${roomId}/messages/${m.id}/reactions`, { emoji: "👍", on: true });
    expect(rest.status).toBe(200);
    expect(rest.body.message.reactions).toEqual([
      {
        emoji: "👍",
        count: 2,
        users: [
          { id: a.user.id, name: "Ana", avatarUrl: null },
          { id: b.user.id, name: "Ben", avatarUrl: null },
        ],
      },
    ]);
    await api(fx.url, b, "POST", `/api/rooms/${roomId}/messages/${m.id}/reactions`, { emoji: "🎉", on: true });

    // Removing, twice.
    const removed = await emitAck(sa, "reaction:set", { roomId, messageId: m.id, emoji: "👍", on: false });
    const removedAgain = await emitAck(sa, "reaction:set", { roomId, messageId: m.id, emoji: "👍", on: false });
    expect(removed.ok && removedAgain.ok).toBe(true);
    if (!removed.ok || !removedAgain.ok) return;
    expect(removedAgain.data).toEqual(removed.data);
    expect(removed.data.reactions).toEqual([
      { emoji: "👍", count: 1, users: [{ id: b.user.id, name: "Ben", avatarUrl: null }] },
      { emoji: "🎉", count: 1, users: [{ id: b.user.id, name: "Ben", avatarUrl: null }] },
    ]);
    // Three changes, three broadcasts, revs increasing (a broadcast of the no-op would come first).
    await waitFor("three broadcasts", () => updates.length >= 3);
    expect(updates.map((u) => u.rev)).toEqual([2, 3, 4]);

    // History carries reactions.
    const history = await api<HistoryPage>(fx.url, b, "GET", `/api/rooms/${roomId}/messages`);
    expect(history.body.messages[0]?.reactions).toEqual(removed.data.reactions);
    const { rows } = await sql(`SELECT count(*)::int AS n FROM "Reaction" WHERE "messageId" = $1`, [m.id]);
    expect(rows[0].n).toBe(2);
  });

  it("refuses bad emoji, non-members, private rooms and messages of other rooms", async () => {
    const a = await registerUser(fx.url, "Ana");
    const outsider = await registerUser(fx.url, "Out");
    const roomId = await roomWith(a);
    const privateId = await roomWith(a, [], "PRIVATE");
    const otherRoom = await roomWith(a);
    const sa = await online(a, roomId);
    const m = await send(sa, roomId, "hello");
    const secret = await send(sa, privateId, "secret");
    const so = await online(outsider);

    for (const emoji of ["", "a", "<script>", "👍👍", "x".repeat(40)]) {
      const r = await emitAck(sa, "reaction:set", { roomId, messageId: m.id, emoji, on: true });
      expect(r.ok ? "ok" : r.error.code, emoji).toBe("VALIDATION_FAILED");
    }
    const extra = await api<{ error: { code: string } }>(fx.url, a, "POST", `/api/rooms/${roomId}/messages/${m.id}/reactions`, { emoji: "👍", on: true, x: 1 });
    expect(extra.status).toBe(400);

    // A public room the outsider has not joined: FORBIDDEN. A private one: NOT_FOUND, as for nothing.
    const pub = await emitAck(so, "reaction:set", { roomId, messageId: m.id, emoji: "👍", on: true });
    expect(!pub.ok && pub.error.code).toBe("FORBIDDEN");
    const priv = await emitAck(so, "reaction:set", { roomId: privateId, messageId: secret.id, emoji: "👍", on: true });
    expect(!priv.ok && priv.error.code).toBe("NOT_FOUND");
    const privRest = await api(fx.url, outsider, "POST", `/api/rooms/${privateId}/messages/${secret.id}/reactions`, { emoji: "👍", on: true });
    expect(privRest.status).toBe(404);
    const missing = await api(fx.url, outsider, "POST", `/api/rooms/${crypto.randomUUID()}/messages/${secret.id}/reactions`, { emoji: "👍", on: true });
    expect(missing.status).toBe(404);

    // The message must be in the room named.
    const wrongRoom = await emitAck(sa, "reaction:set", { roomId: otherRoom, messageId: m.id, emoji: "👍", on: true });
    expect(!wrongRoom.ok && wrongRoom.error.code).toBe("NOT_FOUND");
    const { rows } = await sql(`SELECT count(*)::int AS n FROM "Reaction" WHERE "messageId" = ANY($1::uuid[])`, [[m.id, secret.id]]);
    expect(rows[0].n).toBe(0);
  });
});

describe("archived rooms", () => {
  it("refuse reactions, pins and thread replies; the thread stays readable", async () => {
    const a = await registerUser(fx.url, "Ana");
    const roomId = await roomWith(a);
    const sa = await online(a, roomId);
    const m = await send(sa, roomId, "before archiving");
    await sql(`UPDATE "Room" SET "archivedAt" = now() WHERE "id" = $1`, [roomId]);
    const react = await emitAck(sa, "reaction:set", { roomId, messageId: m.id, emoji: "👍", on: true });
    expect(react).toMatchObject({ ok: false, error: { code: "FORBIDDEN", message: expect.stringContaining("archived") } });
    const pin = await emitAck(sa, "message:pin", { roomId, messageId: m.id, pinned: true });
    expect(pin).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const reply = await emitAck(sa, "message:send", { roomId, clientId: clientId(), body: "late", threadRootId: m.id });
    expect(reply).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect((await api(fx.url, a, "GET", `/api/rooms/${roomId}/messages/${m.id}/thread`)).status).toBe(200);
  });
});

describe("threads", () => {
  it("replies are room messages with their own seq; the root's count and repliers update live", async () => {
    const a = await registerUser(fx.url, "Ana");
    const b = await registerUser(fx.url, "Ben");
    const roomId = await roomWith(a, [b]);
    const sa = await online(a, roomId);
    const sb = await online(b, roomId);
    const root = await send(sa, roomId, "root");
    // Ben has a picture (as an upload would have set it): the summary carries its URL.
    await sql(`UPDATE "User" SET "avatarUpdatedAt" = $2 WHERE "id" = $1`, [b.user.id, new Date("2026-12-04T10:00:00.123Z")]);
    const benAvatar = `/api/users/${b.user.id}/avatar?v=${new Date("2026-12-04T10:00:00.123Z").getTime().toString(36)}`;

    const rootUpdate = nextEvent(sa, "message:updated", (u) => u.id === root.id);
    const newReply = nextEvent(sa, "message:new", (m) => m.body === "first reply");
    const r1 = await send(sb, roomId, "first reply", { threadRootId: root.id });
    expect(r1).toMatchObject({ seq: 2, threadRootId: root.id, alsoInRoom: false, thread: null });
    expect((await newReply)[0]).toEqual(r1);
    const [updated] = await rootUpdate;
    expect(updated.rev).toBe(1);
    expect(updated.thread).toMatchObject({ replyCount: 1, latestRepliers: [{ id: b.user.id, name: "Ben", avatarUrl: benAvatar }] });
    expect(updated.thread?.lastReplyAt).toBe(r1.createdAt);

    // A reply to a reply attaches to the same root; "also send to the room" is kept.
    const r2 = await send(sa, roomId, "second, also in room", { threadRootId: r1.id, alsoToRoom: true });
    expect(r2).toMatchObject({ seq: 3, threadRootId: root.id, alsoInRoom: true });
    // alsoToRoom without a thread means nothing.
    const plain = await send(sa, roomId, "plain", { alsoToRoom: true });
    expect(plain).toMatchObject({ threadRootId: null, alsoInRoom: false });

    const thread = await api<ThreadPage>(fx.url, b, "GET", `/api/rooms/${roomId}/messages/${root.id}/thread`);
    expect(thread.status).toBe(200);
    expect(thread.body.root.thread).toMatchObject({ replyCount: 2, latestRepliers: [{ name: "Ana", avatarUrl: null }, { name: "Ben", avatarUrl: benAvatar }] });
    expect(thread.body.replies.map((m) => m.body)).toEqual(["first reply", "second, also in room"]);
    expect(thread.body.hasMore).toBe(false);
    // Asking with a reply's id gives the same thread; paging works like history.
    const viaReply = await api<ThreadPage>(fx.url, b, "GET", `/api/rooms/${roomId}/messages/${r1.id}/thread?limit=1`);
    expect(viaReply.body.root.id).toBe(root.id);
    expect(viaReply.body.replies.map((m) => m.seq)).toEqual([3]);
    expect(viaReply.body.hasMore).toBe(true);
    const older = await api<ThreadPage>(fx.url, b, "GET", `/api/rooms/${roomId}/messages/${root.id}/thread?before=3`);
    expect(older.body.replies.map((m) => m.seq)).toEqual([2]);

    // Room history holds every message, replies included, with contiguous seqs.
    const history = await api<HistoryPage>(fx.url, b, "GET", `/api/rooms/${roomId}/messages`);
    expect(history.body.messages.map((m) => [m.seq, m.threadRootId])).toEqual([
      [1, null],
      [2, root.id],
      [3, root.id],
      [4, null],
    ]);
  });

  it("a deleted message cannot start a thread, but an existing thread goes on after its root is deleted", async () => {
    const a = await registerUser(fx.url, "Ana");
    const roomId = await roomWith(a);
    const sa = await online(a, roomId);
    const lonely = await send(sa, roomId, "no thread");
    const root = await send(sa, roomId, "has a thread");
    await send(sa, roomId, "first", { threadRootId: root.id });
    for (const m of [lonely, root]) expect((await api(fx.url, a, "DELETE", `/api/messages/${m.id}`)).status).toBe(200);
    const refused = await emitAck(sa, "message:send", { roomId, clientId: clientId(), body: "x", threadRootId: lonely.id });
    expect(!refused.ok && refused.error.code).toBe("FORBIDDEN");
    const more = await send(sa, roomId, "second", { threadRootId: root.id });
    expect(more.threadRootId).toBe(root.id);
    const thread = await api<ThreadPage>(fx.url, a, "GET", `/api/rooms/${roomId}/messages/${root.id}/thread`);
    expect(thread.body.root).toMatchObject({ deleted: true, body: "", thread: { replyCount: 2 } });
    // Deleted messages take no reactions.
    const react = await emitAck(sa, "reaction:set", { roomId, messageId: root.id, emoji: "👍", on: true });
    expect(!react.ok && react.error.code).toBe("FORBIDDEN");
  });

  it("counts concurrent replies exactly: the highest rev of the root carries them all", async () => {
    const a = await registerUser(fx.url, "Ana");
    const b = await registerUser(fx.url, "Ben");
    const roomId = await roomWith(a, [b]);
    const sa = await online(a, roomId);
    const sb = await online(b, roomId);
    const root = await send(sa, roomId, "busy root");
    const copies: MessageDTO[] = [];
    sa.on("message:updated", (u) => {
      if (u.id === root.id) copies.push(u);
    });
    await Promise.all([...Array.from({ length: 6 }, (_, i) => send(sa, roomId, `a${i}`, { threadRootId: root.id })), ...Array.from({ length: 6 }, (_, i) => send(sb, roomId, `b${i}`, { threadRootId: root.id }))]);
    await sleep(500);
    const latest = copies.reduce((x, y) => (y.rev > x.rev ? y : x));
    expect(latest.thread?.replyCount).toBe(12);
    // A rev names one state of the root: copies with the same rev (a root read after two batches
    // committed is sent twice) are the same copy.
    const byRev = new Map<number, MessageDTO>();
    for (const c of copies) {
      const seen = byRev.get(c.rev);
      if (seen) expect(c).toEqual(seen);
      else byRev.set(c.rev, c);
    }
    const thread = await api<ThreadPage>(fx.url, a, "GET", `/api/rooms/${roomId}/messages/${root.id}/thread`);
    expect(thread.body.root.thread?.replyCount).toBe(12);
    expect(thread.body.replies).toHaveLength(12);
  });

  it("refuses replies to messages of other rooms, and hides private threads from non-members", async () => {
    const a = await registerUser(fx.url, "Ana");
    const outsider = await registerUser(fx.url, "Out");
    const roomId = await roomWith(a);
    const otherRoom = await roomWith(a);
    const privateId = await roomWith(a, [], "PRIVATE");
    const sa = await online(a, roomId);
    const elsewhere = await send(sa, otherRoom, "in another room");
    const secret = await send(sa, privateId, "secret root");

    const cross = await emitAck(sa, "message:send", { roomId, clientId: clientId(), body: "x", threadRootId: elsewhere.id });
    expect(!cross.ok && cross.error.code).toBe("NOT_FOUND");
    const unknown = await emitAck(sa, "message:send", { roomId, clientId: clientId(), body: "x", threadRootId: crypto.randomUUID() });
    expect(!unknown.ok && unknown.error.code).toBe("NOT_FOUND");
    const badId = await emitAck(sa, "message:send", { roomId, clientId: clientId(), body: "x", threadRootId: "nope" });
    expect(!badId.ok && badId.error.code).toBe("VALIDATION_FAILED");

    const so = await online(outsider);
    const privReply = await emitAck(so, "message:send", { roomId: privateId, clientId: clientId(), body: "x", threadRootId: secret.id });
    expect(!privReply.ok && privReply.error.code).toBe("NOT_FOUND");
    const privThread = await api(fx.url, outsider, "GET", `/api/rooms/${privateId}/messages/${secret.id}/thread`);
    expect(privThread.status).toBe(404);
    // The thread endpoint checks the message is in the room named.
    const mismatch = await api(fx.url, a, "GET", `/api/rooms/${roomId}/messages/${elsewhere.id}/thread`);
    expect(mismatch.status).toBe(404);
    // A public room's thread is readable like its history, but replying needs membership.
    const pubThread = await api<ThreadPage>(fx.url, outsider, "GET", `/api/rooms/${otherRoom}/messages/${elsewhere.id}/thread`);
    expect(pubThread.status).toBe(200);
    const pubReply = await emitAck(so, "message:send", { roomId: otherRoom, clientId: clientId(), body: "x", threadRootId: elsewhere.id });
    expect(!pubReply.ok && pubReply.error.code).toBe("FORBIDDEN");
    const { rows } = await sql(`SELECT count(*)::int AS n FROM "Message" WHERE "threadRootId" IS NOT NULL AND "roomId" = ANY($1::uuid[])`, [[roomId, otherRoom, privateId]]);
    expect(rows[0].n).toBe(0);
  });
});

describe("pins", () => {
  it("owners, room moderators and global staff pin; members do not; pins are live and listed", async () => {
    const owner = await registerUser(fx.url, "Owner");
    const mod = await registerUser(fx.url, "Mod");
    const member = await registerUser(fx.url, "Member");
    const admin = await registerUser(fx.url, "Admin");
    const roomId = await roomWith(owner, [mod, member]);
    await sql(`UPDATE "Membership" SET "role" = 'MODERATOR' WHERE "userId" = $1 AND "roomId" = $2`, [mod.user.id, roomId]);
    await sql(`UPDATE "User" SET "role" = 'ADMIN' WHERE "id" = $1`, [admin.user.id]);
    const so = await online(owner, roomId);
    const sm = await online(member, roomId);
    const [m1, m2, m3] = [await send(so, roomId, "one"), await send(so, roomId, "two"), await send(so, roomId, "three")];

    const denied = await emitAck(sm, "message:pin", { roomId, messageId: m1.id, pinned: true });
    expect(!denied.ok && denied.error.code).toBe("FORBIDDEN");
    const deniedRest = await api(fx.url, member, "POST", `/api/rooms/${roomId}/messages/${m1.id}/pin`, { pinned: true });
    expect(deniedRest.status).toBe(403);

    const live = nextEvent(sm, "message:updated", (u) => u.id === m1.id);
    const pinned = await emitAck(so, "message:pin", { roomId, messageId: m1.id, pinned: true });
    expect(pinned.ok).toBe(true);
    const [seen] = await live;
    expect(seen.pinned).toMatchObject({ by: { id: owner.user.id, name: "Owner" } });
    expect(seen.rev).toBe(1);
    // Pinning again changes nothing.
    const again = await emitAck(so, "message:pin", { roomId, messageId: m1.id, pinned: true });
    expect(again.ok && again.data.rev).toBe(1);

    expect((await api(fx.url, mod, "POST", `/api/rooms/${roomId}/messages/${m2.id}/pin`, { pinned: true })).status).toBe(200);
    // A global admin may pin without being a member of the (public) room.
    expect((await api(fx.url, admin, "POST", `/api/rooms/${roomId}/messages/${m3.id}/pin`, { pinned: true })).status).toBe(200);

    const list = await api<{ messages: MessageDTO[] }>(fx.url, member, "GET", `/api/rooms/${roomId}/pins`);
    expect(list.body.messages.map((m) => m.body)).toEqual(["three", "two", "one"]);

    const unpinLive = nextEvent(sm, "message:updated", (u) => u.id === m2.id);
    expect((await api(fx.url, owner, "POST", `/api/rooms/${roomId}/messages/${m2.id}/pin`, { pinned: false })).status).toBe(200);
    expect((await unpinLive)[0].pinned).toBeNull();
    const after = await api<{ messages: MessageDTO[] }>(fx.url, member, "GET", `/api/rooms/${roomId}/pins`);
    expect(after.body.messages.map((m) => m.body)).toEqual(["three", "one"]);
  });

  it("pins of a private room are visible only to its members", async () => {
    const owner = await registerUser(fx.url, "Owner");
    const member = await registerUser(fx.url, "Member");
    const outsider = await registerUser(fx.url, "Out");
    const privateId = await roomWith(owner, [member], "PRIVATE");
    const so = await online(owner, privateId);
    const m = await send(so, privateId, "private pin");
    expect((await emitAck(so, "message:pin", { roomId: privateId, messageId: m.id, pinned: true })).ok).toBe(true);

    const seenByMember = await api<{ messages: MessageDTO[] }>(fx.url, member, "GET", `/api/rooms/${privateId}/pins`);
    expect(seenByMember.body.messages.map((x) => x.body)).toEqual(["private pin"]);
    const seenByOutsider = await api<{ error: { code: string } }>(fx.url, outsider, "GET", `/api/rooms/${privateId}/pins`);
    expect(seenByOutsider.status).toBe(404);
    expect(seenByOutsider.body.error.code).toBe("NOT_FOUND");
    const pinByOutsider = await api(fx.url, outsider, "POST", `/api/rooms/${privateId}/messages/${m.id}/pin`, { pinned: false });
    expect(pinByOutsider.status).toBe(404);
    expect((await api(fx.url, outsider, "GET", `/api/rooms/not-a-uuid/pins`)).status).toBe(404);
  });
});
