/**
 * Mentions, read state and notification mute against the real server (Postgres + Redis): what
 * is stored, who is told, the counts in the room lists, and that nobody learns another's.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { MessageDTO, ReadState, RoomDTO } from "@/lib/shared/types";
import { api, clientId, connectUser, emitAck, nextEvent, registerUser, sleep, type ClientSocket, type TestUser } from "../helpers/clients";
import { withClient } from "../helpers/db";
import { serverFixture } from "../helpers/fixture";
import { createRoom, join, send } from "../helpers/moderation";

const fx = serverFixture({ redis: true });
const sockets: ClientSocket[] = [];
afterEach(() => {
  while (sockets.length) sockets.pop()?.close();
});

type State = { roomId: string } & ReadState;

async function online(who: TestUser): Promise<ClientSocket> {
  const s = await connectUser(fx.url, who);
  sockets.push(s);
  return s;
}

async function sent(s: ClientSocket, roomId: string, body: string) {
  const ack = await send(s, roomId, body);
  if (!ack.ok) throw new Error(`${ack.error.code}: ${ack.error.message}`);
  return ack.data.message;
}

async function roomAs(who: TestUser, roomId: string): Promise<RoomDTO> {
  const res = await api<{ room: RoomDTO }>(fx.url, who, "GET", `/api/rooms/${roomId}`);
  expect(res.status).toBe(200);
  return res.body.room;
}

async function listedAs(who: TestUser, roomId: string): Promise<RoomDTO | undefined> {
  const res = await api<{ rooms: RoomDTO[] }>(fx.url, who, "GET", "/api/rooms");
  return res.body.rooms.find((r) => r.id === roomId);
}

/** Resolves false if the event arrives within `ms`. */
async function silent(s: ClientSocket, event: "membership:state" | "mention:new" | "member:read", ms = 500): Promise<boolean> {
  return nextEvent(s, event, () => true, ms).then(
    () => false,
    () => true,
  );
}

/** Three people with unique names: an owner and a member of a new public room, and an outsider. */
async function trio(tag: string) {
  const suffix = randomUUID().slice(0, 6);
  const owner = await registerUser(fx.url, `Olga ${tag} ${suffix}`);
  const member = await registerUser(fx.url, `Mia ${tag} ${suffix}`);
  const outsider = await registerUser(fx.url, `Otto ${tag} ${suffix}`);
  const room = await createRoom(fx.url, owner, tag);
  await join(fx.url, member, room.id);
  return { owner, member, outsider, room };
}

/** `n` extra members, inserted directly (no sign-in needed: they only make the room bigger). */
async function addFillerMembers(roomId: string, n: number): Promise<void> {
  await withClient(fx.db.url, async (c) => {
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      await c.query(`INSERT INTO "User" (id, email, name, "passwordHash") VALUES ($1, $2, $3, 'x')`, [id, `filler-${id}@example.test`, `Filler ${i}`]);
      await c.query(`INSERT INTO "Membership" ("userId", "roomId") VALUES ($1, $2)`, [id, roomId]);
    }
  });
}

async function mentionRows(messageId: string): Promise<{ userId: string; viaRoom: boolean }[]> {
  return withClient(fx.db.url, async (c) => (await c.query(`SELECT "userId", "viaRoom" FROM "Mention" WHERE "messageId" = $1`, [messageId])).rows);
}

describe("mentions", () => {
  it("stores only members named in the message, tells them, and counts it for them alone", async () => {
    const { owner, member, outsider, room } = await trio("m1");
    const [so, sm, sx] = await Promise.all([online(owner), online(member), online(outsider)]);
    const told = nextEvent(sm, "mention:new");
    const outsiderSilent = silent(sx, "mention:new");
    const msg = await sent(so, room.id, `hi @${member.user.name}, @${outsider.user.name} and @nobody (mail x@y.test)`);
    expect(msg.mentions).toEqual([member.user.id]);
    expect(msg.mentionsRoom).toBe(false);
    const [event] = await told;
    expect(event.message.id).toBe(msg.id);
    expect(event.viaRoom).toBe(false);
    expect(await outsiderSilent).toBe(true);
    expect(await mentionRows(msg.id)).toEqual([{ userId: member.user.id, viaRoom: false }]);

    const forMember = (await listedAs(member, room.id))!.membership!;
    expect(forMember).toMatchObject({ unreadCount: 1, mentionCount: 1 });
    // The author's own message is neither unread nor a mention for them.
    expect((await listedAs(owner, room.id))!.membership).toMatchObject({ unreadCount: 0, mentionCount: 0 });
    // History carries the mentions too.
    const history = await api<{ messages: { id: string; mentions: string[] }[] }>(fx.url, member, "GET", `/api/rooms/${room.id}/messages`);
    expect(history.body.messages.find((m) => m.id === msg.id)?.mentions).toEqual([member.user.id]);
  });

  it("carries each mention with the name as written and the name now (pills by id), live, in history and after a rename", async () => {
    const { owner, member, room } = await trio("m-label");
    const [so] = await Promise.all([online(owner), online(member)]);
    const written = member.user.name;
    const msg = await sent(so, room.id, `ping @${written.toLowerCase()} please`);
    // The live copy (ack and broadcast): labelled with the name the parse matched.
    expect(msg.mentioned).toEqual([{ id: member.user.id, name: written, label: written }]);
    const historyMentioned = async () =>
      (await api<{ messages: MessageDTO[] }>(fx.url, owner, "GET", `/api/rooms/${room.id}/messages`)).body.messages.find((m) => m.id === msg.id)?.mentioned;
    expect(await historyMentioned()).toEqual([{ id: member.user.id, name: written, label: written }]);
    // Renamed: the label stays what the body says, the name is the new one.
    const renamed = `${written} Renamed`;
    expect((await api(fx.url, member, "PATCH", "/api/me", { name: renamed })).status).toBe(200);
    expect(await historyMentioned()).toEqual([{ id: member.user.id, name: renamed, label: written }]);
    // Written with the new name: labelled with it.
    const other = await sent(so, room.id, `bye @${renamed}`);
    expect(other.mentioned).toEqual([{ id: member.user.id, name: renamed, label: renamed }]);
  });

  it("an edit that adds a mention tells the new person; one that removes it takes the mention back", async () => {
    const { owner, member, room } = await trio("m2");
    const [so, sm] = await Promise.all([online(owner), online(member)]);
    const msg = await sent(so, room.id, "plain words");
    expect((await roomAs(member, room.id)).membership).toMatchObject({ unreadCount: 1, mentionCount: 0 });
    const told = nextEvent(sm, "mention:new");
    const edited = await emitAck(so, "message:edit", { messageId: msg.id, body: `now for @${member.user.name}` });
    expect(edited.ok && edited.data.mentions).toEqual([member.user.id]);
    expect((await told)[0].message.id).toBe(msg.id);
    expect((await roomAs(member, room.id)).membership).toMatchObject({ mentionCount: 1 });
    // Editing again with the same mention does not notify twice.
    const again = silent(sm, "mention:new");
    await emitAck(so, "message:edit", { messageId: msg.id, body: `still for @${member.user.name}!` });
    expect(await again).toBe(true);
    await emitAck(so, "message:edit", { messageId: msg.id, body: "never mind" });
    expect((await roomAs(member, room.id)).membership).toMatchObject({ mentionCount: 0, unreadCount: 1 });
  });

  it("10 edits alternating a mention (by name or @room) tell the person exactly once per message", async () => {
    const { owner, member, room } = await trio("m4");
    const [so, sm] = await Promise.all([online(owner), online(member)]);
    const told: string[] = [];
    sm.on("mention:new", ({ message }) => told.push(message.id));
    const byName = await sent(so, room.id, "plain words");
    const byRoom = await sent(so, room.id, "plain words too");
    for (let i = 0; i < 10; i++) {
      const ack = await emitAck(so, "message:edit", { messageId: byName.id, body: i % 2 === 0 ? `hey @${member.user.name} (${i})` : `never mind (${i})` });
      expect(ack.ok).toBe(true);
      const again = await emitAck(so, "message:edit", { messageId: byRoom.id, body: i % 2 === 0 ? `@room look (${i})` : `no one (${i})` });
      expect(again.ok).toBe(true);
    }
    // Events to one user arrive in order: once this one is in, any repeat would be too.
    const last = await sent(so, room.id, `and @${member.user.name} once more`);
    await expect.poll(() => told.includes(last.id)).toBe(true);
    expect(told.filter((id) => id === byName.id)).toHaveLength(1);
    expect(told.filter((id) => id === byRoom.id)).toHaveLength(1);
    // The last edits removed both mentions: nothing left to count.
    expect((await roomAs(member, room.id)).membership).toMatchObject({ mentionCount: 1 });
  });

  it("@room: any member in a room of at most 20; above 20 only owners and moderators, else FORBIDDEN with nothing stored", async () => {
    const { owner, member, room } = await trio("m3");
    const [so, sm] = await Promise.all([online(owner), online(member)]);
    // 2 members now: a plain member may.
    const told = nextEvent(so, "mention:new");
    const small = await sent(sm, room.id, "@room lunch?");
    expect(small.mentionsRoom).toBe(true);
    expect((await told)[0]).toMatchObject({ viaRoom: true, message: { id: small.id } });
    expect(await mentionRows(small.id)).toEqual([{ userId: owner.user.id, viaRoom: true }]);
    expect((await roomAs(owner, room.id)).membership).toMatchObject({ mentionCount: 1 });

    await addFillerMembers(room.id, 18); // 20 members: still open to all
    expect((await send(sm, room.id, "@room still fine")).ok).toBe(true);
    await addFillerMembers(room.id, 1); // 21
    const before = (await roomAs(owner, room.id)).lastSeq;
    const refused = await send(sm, room.id, "@room everybody!");
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe("FORBIDDEN");
      expect(refused.error.message).toMatch(/@room/);
    }
    expect((await roomAs(owner, room.id)).lastSeq).toBe(before);
    // An edit cannot sneak it in either.
    const plain = await sent(sm, room.id, "harmless");
    expect((await emitAck(sm, "message:edit", { messageId: plain.id, body: "@room sneaky" })).ok).toBe(false);

    const big = await sent(so, room.id, "@room announcement from the owner");
    expect(big.mentionsRoom).toBe(true);
    expect((await mentionRows(big.id)).length).toBe(20); // everyone but the author
    await withClient(fx.db.url, (c) => c.query(`UPDATE "Membership" SET role = 'MODERATOR' WHERE "userId" = $1 AND "roomId" = $2`, [member.user.id, room.id]));
    expect((await send(sm, room.id, "@room from a moderator")).ok).toBe(true);
  });
});

describe("read state", () => {
  it("counts unread per room, moves lastReadSeq forward only, and clears on every tab of the reader only", async () => {
    const { owner, member, room } = await trio("r1");
    const so = await online(owner);
    const [tab1, tab2] = await Promise.all([online(member), online(member)]);
    await sent(so, room.id, "one");
    await sent(so, room.id, "two");
    const third = await sent(so, room.id, `three @${member.user.name}`);
    expect((await listedAs(member, room.id))!.membership).toMatchObject({ unreadCount: 3, mentionCount: 1 });

    const otherTab = nextEvent(tab2, "membership:state", (s) => s.roomId === room.id);
    const ownerSilent = silent(so, "membership:state");
    const ack = await emitAck(tab1, "room:read", { roomId: room.id, seq: third.seq - 1 });
    expect(ack.ok && ack.data).toMatchObject({ lastReadSeq: third.seq - 1, unreadCount: 1, mentionCount: 1 });
    expect((await otherTab)[0]).toMatchObject({ lastReadSeq: third.seq - 1, unreadCount: 1 });
    expect(await ownerSilent).toBe(true);

    // Backwards changes nothing and announces nothing.
    const quiet = silent(tab2, "membership:state");
    const back = await api<{ state: State }>(fx.url, member, "POST", `/api/rooms/${room.id}/read`, { seq: 1 });
    expect(back.status).toBe(200);
    expect(back.body.state.lastReadSeq).toBe(third.seq - 1);
    expect(await quiet).toBe(true);

    // Past the end clamps to the room's last seq.
    const all = await api<{ state: State }>(fx.url, member, "POST", `/api/rooms/${room.id}/read`, { seq: 1_000_000 });
    expect(all.body.state).toMatchObject({ lastReadSeq: third.seq, unreadCount: 0, mentionCount: 0 });
    expect((await roomAs(member, room.id)).membership!.lastReadSeq).toBe(third.seq);

    expect((await api(fx.url, member, "POST", `/api/rooms/${room.id}/read`, { seq: -1 })).status).toBe(400);
    expect((await emitAck(tab1, "room:read", { roomId: room.id, seq: "x" } as never)).ok).toBe(false);
  });

  it("a newcomer starts with the room read; own messages and thread-only replies are not unread", async () => {
    const { owner, member, room } = await trio("r2");
    const so = await online(owner);
    const root = await sent(so, room.id, "before anyone joined");
    const late = await registerUser(fx.url, "Late");
    await join(fx.url, late, room.id);
    expect((await roomAs(late, room.id)).membership).toMatchObject({ lastReadSeq: root.seq, unreadCount: 0 });
    const sm = await online(member);
    await sent(sm, room.id, "mine");
    const reply = await emitAck(so, "message:send", { roomId: room.id, clientId: clientId(), body: "thread only", threadRootId: root.id });
    expect(reply.ok).toBe(true);
    expect((await roomAs(member, room.id)).membership).toMatchObject({ unreadCount: 1 }); // only "before anyone joined"
    expect((await roomAs(late, room.id)).membership).toMatchObject({ unreadCount: 1 }); // only "mine"
  });

  it("DMs: the other participant sees how far one has read, live and in the room", async () => {
    const a = await registerUser(fx.url, "Ana");
    const b = await registerUser(fx.url, "Ben");
    const opened = await api<{ room: RoomDTO }>(fx.url, a, "POST", "/api/dms", { userIds: [b.user.id] });
    const dm = opened.body.room;
    expect(dm.dmReads).toEqual({ [a.user.id]: 0, [b.user.id]: 0 });
    const [sa, sb] = await Promise.all([online(a), online(b)]);
    const msg = await sent(sa, dm.id, "did you see this?");
    const seen = nextEvent(sa, "member:read");
    await emitAck(sb, "room:read", { roomId: dm.id, seq: msg.seq });
    expect((await seen)[0]).toEqual({ roomId: dm.id, userId: b.user.id, lastReadSeq: msg.seq });
    expect((await roomAs(a, dm.id)).dmReads).toMatchObject({ [b.user.id]: msg.seq });
    // Rooms (not DMs) keep read positions to the reader.
    const { owner, member, room } = await trio("r3");
    const so = await online(owner);
    const sm = await online(member);
    const m = await sent(so, room.id, "x");
    const ownerQuiet = silent(so, "member:read");
    await emitAck(sm, "room:read", { roomId: room.id, seq: m.seq });
    expect(await ownerQuiet).toBe(true);
    expect((await roomAs(owner, room.id)).dmReads).toBeNull();
  });

  it("leaks nothing about rooms the caller is not in", async () => {
    const { owner, outsider, room } = await trio("r4");
    const priv = await api<{ room: RoomDTO }>(fx.url, owner, "POST", "/api/rooms", { name: `secret-${Date.now()}`, visibility: "PRIVATE" });
    const so = await online(owner);
    await sent(so, room.id, "public chatter");
    await sent(so, priv.body.room.id, "private chatter");
    const sx = await online(outsider);
    // A public room the outsider has not joined: in the directory, with no membership and so no counts.
    expect(await listedAs(outsider, room.id)).toBeUndefined();
    const directory = await api<{ rooms: RoomDTO[] }>(fx.url, outsider, "GET", `/api/rooms/directory?q=${encodeURIComponent(room.name)}`);
    expect(directory.body.rooms.find((r) => r.id === room.id)?.membership).toBeNull();
    expect(await listedAs(outsider, priv.body.room.id)).toBeUndefined();
    expect((await api(fx.url, outsider, "POST", `/api/rooms/${priv.body.room.id}/read`, { seq: 1 })).status).toBe(404);
    expect((await api(fx.url, outsider, "POST", `/api/rooms/${room.id}/read`, { seq: 1 })).status).toBe(403);
    expect((await api(fx.url, outsider, "PUT", `/api/rooms/${priv.body.room.id}/notifications`, { muted: true })).status).toBe(404);
    const ack = await emitAck(sx, "room:read", { roomId: priv.body.room.id, seq: 1 });
    expect(!ack.ok && ack.error.code).toBe("NOT_FOUND");
    // @room aimed at a private room by an outsider: NOT_FOUND, not a policy answer that reveals the room.
    const sneaky = await send(sx, priv.body.room.id, "@room hello?");
    expect(!sneaky.ok && sneaky.error.code).toBe("NOT_FOUND");
    await sleep(50);
  });
});

describe("notification mute", () => {
  it("persists per membership, reaches the user's other tabs, and still counts unread", async () => {
    const { owner, member, room } = await trio("n1");
    const [tab1, tab2] = await Promise.all([online(member), online(member)]);
    const so = await online(owner);
    const live = nextEvent(tab2, "membership:state", (s) => s.roomId === room.id);
    const res = await api<{ state: State }>(fx.url, member, "PUT", `/api/rooms/${room.id}/notifications`, { muted: true });
    expect(res.status).toBe(200);
    expect(res.body.state.notificationsMuted).toBe(true);
    expect((await live)[0].notificationsMuted).toBe(true);
    await sent(so, room.id, "while muted");
    expect((await roomAs(member, room.id)).membership).toMatchObject({ notificationsMuted: true, unreadCount: 1 });
    expect((await roomAs(owner, room.id)).membership?.notificationsMuted).toBe(false);
    expect((await api(fx.url, member, "PUT", `/api/rooms/${room.id}/notifications`, { muted: "yes" })).status).toBe(400);
    await api(fx.url, member, "PUT", `/api/rooms/${room.id}/notifications`, { muted: false });
    expect((await listedAs(member, room.id))!.membership!.notificationsMuted).toBe(false);
    void tab1;
  });
});
