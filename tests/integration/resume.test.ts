/**
 * Resuming events (docs/delivery.md "Resuming events") against the real server: every journaled
 * event type emitted while a client is away is replayed to it, once each and in order, when it
 * reconnects — through the browser's own resume code (lib/client/sync/event-resume.ts) and its
 * own listeners — and nothing it had already seen is replayed. A position the journal no longer
 * covers asks for a reload; bad input is refused.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { JOURNALED_EVENTS, type JournaledEvent, type SyncMeta } from "@/lib/shared/events";
import type { RoomDTO } from "@/lib/shared/types";
import { resumeEventsOn } from "@/lib/client/sync/event-resume";
import { api, connect, connected, emitAck, registerUser, type ClientSocket, type TestUser } from "../helpers/clients";
import { withClient } from "../helpers/db";
import { serverFixture } from "../helpers/fixture";
import { createRoom, join, sent } from "../helpers/moderation";
import { waitFor } from "../helpers/wait";

const fx = serverFixture({ redis: true });
const sockets: ClientSocket[] = [];
afterEach(() => {
  while (sockets.length) sockets.pop()?.close();
});

async function online(who: TestUser): Promise<ClientSocket> {
  const s = connect(fx.url, who);
  sockets.push(s);
  await connected(s);
  return s;
}

interface Received {
  event: JournaledEvent;
  payload: unknown;
  sid: string | null;
}

/** Every journaled event the socket's listeners get, live or replayed, in arrival order. */
function record(s: ClientSocket): Received[] {
  const got: Received[] = [];
  for (const event of JOURNALED_EVENTS) {
    (s as unknown as { on(e: string, l: (p: unknown, m?: SyncMeta) => void): void }).on(event, (payload, meta) => got.push({ event, payload, sid: meta?.sid ?? null }));
  }
  return got;
}

function resumes(s: ClientSocket) {
  const done: { replayed: number; reset: boolean }[] = [];
  const stop = resumeEventsOn(s, {
    onReset: () => done.push({ replayed: -1, reset: true }),
    onResumed: (r) => done.push(r),
  });
  return { done, stop };
}

const ok = async (res: Promise<{ status: number; body: unknown }>, status = 200) => {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
};

describe("session:resume", () => {
  it("replays every journaled event type emitted while the client was away, once each, in order, and none it had seen", async () => {
    const tag = randomUUID().slice(0, 6);
    const owner = await registerUser(fx.url, `Olga ${tag}`);
    const bob = await registerUser(fx.url, `Bob ${tag}`);
    const carl = await registerUser(fx.url, `Carl ${tag}`);
    const room = await createRoom(fx.url, owner, `resume-${tag}`);
    const other = await createRoom(fx.url, owner, `resume-other-${tag}`);
    await join(fx.url, bob, room.id);
    await join(fx.url, bob, other.id);
    const third = await createRoom(fx.url, owner, `resume-third-${tag}`);
    await join(fx.url, bob, third.id);

    const ownerSocket = await online(owner);
    const first = await sent(ownerSocket, room.id, "first");
    const second = await sent(ownerSocket, room.id, "second");

    const bobSocket = await online(bob);
    const got = record(bobSocket);
    const { done } = resumes(bobSocket);
    await waitFor("the first resume", () => done.length === 1);
    expect(done[0]).toEqual({ replayed: 0, reset: false });
    // Seen live before going away: never replayed.
    expect((await emitAck(ownerSocket, "reaction:set", { roomId: room.id, messageId: first.id, emoji: "👍", on: true })).ok).toBe(true);
    await waitFor("the live reaction", () => got.some((g) => g.event === "message:updated"));
    const seenLive = got.map((g) => g.sid);
    expect(seenLive.every((sid) => sid !== null)).toBe(true);

    bobSocket.disconnect();
    const before = got.length;

    // Everything Bob should hear about, while he is away.
    expect((await emitAck(ownerSocket, "message:edit", { messageId: first.id, body: "first, edited" })).ok).toBe(true);
    expect((await emitAck(ownerSocket, "reaction:set", { roomId: room.id, messageId: first.id, emoji: "🎉", on: true })).ok).toBe(true);
    expect((await emitAck(ownerSocket, "message:pin", { roomId: room.id, messageId: first.id, pinned: true })).ok).toBe(true);
    expect((await emitAck(ownerSocket, "message:delete", { messageId: second.id })).ok).toBe(true);
    await join(fx.url, carl, room.id); // member:joined
    await ok(api(fx.url, carl, "POST", `/api/rooms/${room.id}/leave`)); // member:left
    await ok(api(fx.url, owner, "PATCH", `/api/rooms/${room.id}`, { topic: `topic ${tag}` })); // room:updated
    await ok(api(fx.url, owner, "POST", `/api/rooms/${room.id}/slow-mode`, { seconds: 30 })); // room:moderation
    await ok(api(fx.url, owner, "POST", `/api/rooms/${room.id}/members/${bob.user.id}/mute`, { minutes: 10 })); // moderation:muted
    await ok(api(fx.url, owner, "POST", `/api/rooms/${other.id}/members/${bob.user.id}/remove`, {})); // member:removed
    await ok(api(fx.url, bob, "POST", `/api/rooms/${third.id}/leave`)); // room:removed (left in another tab)
    const dm = await emitAck(ownerSocket, "dm:open", { userIds: [bob.user.id] }); // room:added
    if (!dm.ok) throw new Error(dm.error.message);
    const dmId = dm.data.room.id;
    await ok(api(fx.url, owner, "PATCH", "/api/me", { name: `Olga renamed ${tag}` })); // user:updated
    await ok(api(fx.url, owner, "PUT", "/api/me/status", { status: "DND" })); // user:status
    const mention = await sent(ownerSocket, room.id, `hey @Bob ${tag}`); // mention:new
    const dmMessage = await sent(ownerSocket, dmId, "in the DM");
    await ok(api(fx.url, bob, "POST", `/api/rooms/${dmId}/read`, { seq: dmMessage.seq })); // membership:state, member:read
    // Not for Bob: a room he is not in.
    const elsewhere = await createRoom(fx.url, owner, `elsewhere-${tag}`);
    await ok(api(fx.url, owner, "PATCH", `/api/rooms/${elsewhere.id}`, { topic: "not for Bob" }));
    expect(got.length).toBe(before);

    bobSocket.connect();
    await waitFor("the resume after reconnecting", () => done.length === 2);
    const replayed = got.slice(before);
    expect(done[1]?.reset).toBe(false);
    expect(done[1]?.replayed).toBe(replayed.length);

    const types = new Set(replayed.map((r) => r.event));
    for (const event of JOURNALED_EVENTS) expect(types, `replayed ${event}`).toContain(event);
    // Once each, in journal order, none of those seen before.
    const sids = replayed.map((r) => BigInt(r.sid ?? "0"));
    expect(new Set(sids).size).toBe(sids.length);
    expect([...sids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(sids);
    for (const r of replayed) expect(seenLive).not.toContain(r.sid);
    // Nothing about a room Bob is not in.
    expect(JSON.stringify(replayed)).not.toContain(elsewhere.id);

    // The replayed copies are the live ones: the newest copy of the edited message is edited,
    // reacted to and pinned; the mention names the mentioning message; the DM is Bob's.
    const updates = replayed.filter((r) => r.event === "message:updated").map((r) => r.payload as { id: string; body: string; pinned?: boolean; rev: number });
    const lastOfFirst = updates.filter((u) => u.id === first.id).at(-1);
    expect(lastOfFirst?.body).toBe("first, edited");
    expect(replayed.find((r) => r.event === "mention:new")?.payload).toMatchObject({ message: { id: mention.id } });
    expect(replayed.find((r) => r.event === "room:added")?.payload).toMatchObject({ room: { id: dmId } });
    expect(replayed.find((r) => r.event === "room:removed")?.payload).toEqual({ roomId: third.id });
    expect(replayed.find((r) => r.event === "member:removed")?.payload).toMatchObject({ roomId: other.id });
    expect(replayed.find((r) => r.event === "room:moderation")?.payload).toMatchObject({ roomId: room.id, slowModeSeconds: 30 });

    // Live again: a new event arrives once, with a position after all of them.
    const liveAgain = got.length;
    expect((await emitAck(ownerSocket, "reaction:set", { roomId: room.id, messageId: first.id, emoji: "🎉", on: false })).ok).toBe(true);
    await waitFor("a live event after the resume", () => got.length > liveAgain);
    const newest = got.at(-1);
    expect(newest?.event).toBe("message:updated");
    expect(BigInt(newest?.sid ?? "0") > (sids.at(-1) ?? 0n)).toBe(true);
  });

  it("asks for a reload when the events after the position are no longer kept, and refuses bad positions", async () => {
    const tag = randomUUID().slice(0, 6);
    const owner = await registerUser(fx.url, `Olga ${tag}`);
    const bob = await registerUser(fx.url, `Bob ${tag}`);
    const room: RoomDTO = await createRoom(fx.url, owner, `reset-${tag}`);
    await join(fx.url, bob, room.id);
    const bobSocket = await online(bob);

    const start = await emitAck(bobSocket, "session:resume", { after: null });
    if (!start.ok) throw new Error(start.error.message);
    expect(start.data).toMatchObject({ events: [], reset: false });
    const position = start.data.head;

    await ok(api(fx.url, owner, "PATCH", `/api/rooms/${room.id}`, { topic: "one" }));
    await ok(api(fx.url, owner, "PATCH", `/api/rooms/${room.id}`, { topic: "two" }));
    const kept = await emitAck(bobSocket, "session:resume", { after: position });
    if (!kept.ok) throw new Error(kept.error.message);
    expect(kept.data.reset).toBe(false);
    // (Events from up to 2 s before the position come again too: the client drops those it has.)
    const topics = kept.data.events.filter((e) => e.event === "room:updated" && BigInt(e.sid) > BigInt(position));
    expect(topics.map((e) => (e.payload as { room: { topic: string } }).room.topic)).toEqual(["one", "two"]);

    // The retention window passes over them (what the journal's prune does to old rows).
    await withClient(fx.db.url, (c) => c.query(`DELETE FROM "SyncEvent" WHERE id <= $1`, [topics[0]?.sid]));
    const gone = await emitAck(bobSocket, "session:resume", { after: position });
    if (!gone.ok) throw new Error(gone.error.message);
    expect(gone.data).toMatchObject({ events: [], reset: true });

    for (const after of ["-1", "1.5", "abc", "99999999999999999999", 3]) {
      const bad = await emitAck(bobSocket, "session:resume", { after } as never);
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.error.code).toBe("VALIDATION_FAILED");
    }
  });
});
