import { afterEach, describe, expect, it } from "vitest";
import { onNewMessages } from "@/lib/client/newMessages";
import type { HistoryPage, MessageDTO, RoomDTO } from "@/lib/shared/types";
import { api, clientId, connectUser, emitAck, emitRaw, nextEvent, registerUser, sleep, type ClientSocket, type TestUser } from "../helpers/clients";
import { currentRuntime } from "@/server/runtime";
import { serverFixture } from "../helpers/fixture";

const fx = serverFixture();
const sockets: ClientSocket[] = [];
afterEach(() => {
  while (sockets.length) sockets.pop()?.close();
});

async function roomWith(...members: TestUser[]): Promise<string> {
  const [owner, ...rest] = members;
  const { body } = await api<{ room: RoomDTO }>(fx.url, owner!, "POST", "/api/rooms", { name: `room ${clientId().slice(0, 6)}` });
  for (const m of rest) await api(fx.url, m, "POST", `/api/rooms/${body.room.id}/join`);
  return body.room.id;
}

async function online(who: TestUser, roomId?: string): Promise<ClientSocket> {
  const s = await connectUser(fx.url, who);
  sockets.push(s);
  if (roomId) {
    const ack = await emitAck(s, "room:join", { roomId });
    expect(ack.ok).toBe(true);
  }
  return s;
}

describe("message:send", () => {
  it("acks after commit with the stored message, then broadcasts it to the room", async () => {
    const a = await registerUser(fx.url, "Ana");
    const b = await registerUser(fx.url, "Ben");
    const roomId = await roomWith(a, b);
    const sa = await online(a, roomId);
    const sb = await online(b, roomId);

    const received = nextEvent(sb, "message:new");
    const cid = clientId();
    const ack = await emitAck(sa, "message:send", { roomId, clientId: cid, body: "  hello <b>world</b>  " });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.data.duplicate).toBe(false);
    expect(ack.data.message).toMatchObject({ roomId, seq: 1, clientId: cid, body: "hello <b>world</b>", author: { id: a.user.id, name: "Ana" }, deleted: false });
    const [live] = await received;
    expect(live).toEqual(ack.data.message);

    // It is committed: history has it.
    const history = await api<HistoryPage>(fx.url, b, "GET", `/api/rooms/${roomId}/messages`);
    expect(history.body.messages).toEqual([ack.data.message]);
  });

  it("is idempotent by clientId: a resend acks the stored message and broadcasts nothing", async () => {
    const a = await registerUser(fx.url);
    const b = await registerUser(fx.url);
    const roomId = await roomWith(a, b);
    const sa = await online(a, roomId);
    const sb = await online(b, roomId);
    const seen: MessageDTO[] = [];
    onNewMessages(sb, (m) => seen.push(m));

    const cid = clientId();
    const first = await emitAck(sa, "message:send", { roomId, clientId: cid, body: "once" });
    const again = await emitAck(sa, "message:send", { roomId, clientId: cid, body: "once" });
    // Concurrent resends of one clientId also store it once.
    const cid2 = clientId();
    const burst = await Promise.all(Array.from({ length: 5 }, () => emitAck(sa, "message:send", { roomId, clientId: cid2, body: "burst" })));
    await sleep(300);

    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.data).toEqual({ message: first.data.message, duplicate: true });
    expect(burst.every((r) => r.ok)).toBe(true);
    expect(burst.filter((r) => r.ok && !r.data.duplicate)).toHaveLength(1);
    expect(seen.map((m) => m.seq)).toEqual([1, 2]);
    const history = await api<HistoryPage>(fx.url, a, "GET", `/api/rooms/${roomId}/messages`);
    expect(history.body.messages.map((m) => m.body)).toEqual(["once", "burst"]);
  });

  it("refuses non-members, unknown rooms and bad payloads with clear ack errors, storing nothing", async () => {
    const a = await registerUser(fx.url);
    const outsider = await registerUser(fx.url);
    const roomId = await roomWith(a);
    const so = await online(outsider);

    const notMember = await emitAck(so, "message:send", { roomId, clientId: clientId(), body: "let me in" });
    expect(notMember).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const joinAck = await emitAck(so, "room:join", { roomId });
    expect(joinAck).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const unknown = await emitAck(so, "message:send", { roomId: "00000000-0000-7000-8000-000000000000", clientId: clientId(), body: "x" });
    expect(unknown).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });

    const sa = await online(a, roomId);
    const cases: unknown[] = [
      { roomId, clientId: clientId(), body: "   " },
      { roomId, clientId: clientId(), body: "x".repeat(4001) },
      { roomId, clientId: "short", body: "x" },
      { roomId, clientId: "has spaces in it", body: "x" },
      { roomId, body: "no client id" },
      { roomId: 42, clientId: clientId(), body: "x" },
      { roomId, clientId: clientId(), body: { nested: true } },
      { roomId, clientId: clientId(), body: "x", authorId: outsider.user.id },
      "a string",
      null,
      [1, 2, 3],
    ];
    for (const payload of cases) {
      const res = (await emitRaw(sa, "message:send", payload)) as { ok: boolean; error?: { code: string; message: string } };
      expect(res.ok, JSON.stringify(payload)?.slice(0, 60)).toBe(false);
      expect(res.error?.code).toBe("VALIDATION_FAILED");
      expect(res.error?.message.length).toBeGreaterThan(0);
    }
    // Events without an ack callback and unknown events do not crash anything.
    (sa as unknown as { emit(e: string, p: unknown): void }).emit("message:send", { roomId, clientId: clientId(), body: "no ack" });
    (sa as unknown as { emit(e: string, p: unknown): void }).emit("no:such:event", { x: 1 });
    await sleep(200);
    expect(sa.connected).toBe(true);
    const history = await api<HistoryPage>(fx.url, a, "GET", `/api/rooms/${roomId}/messages`);
    expect(history.body.messages.map((m) => m.body)).toEqual(["no ack"]);
  });

  it("disconnects a socket that sends an oversized frame, and the server stays up", async () => {
    const a = await registerUser(fx.url);
    const roomId = await roomWith(a);
    const sa = await online(a, roomId);
    const closed = new Promise<string>((resolve) => sa.once("disconnect", resolve));
    (sa as unknown as { emit(e: string, p: unknown): void }).emit("message:send", { roomId, clientId: clientId(), body: "x".repeat(100_000) });
    expect(await closed).toBeTruthy();
    const health = await api(fx.url, null, "GET", "/api/health");
    expect(health.status).toBe(200);
    const again = await online(a, roomId);
    expect((await emitAck(again, "message:send", { roomId, clientId: clientId(), body: "still here" })).ok).toBe(true);
  });

  it("50 concurrent senders get seqs 1..N with no gap or duplicate, and every member receives all of them in order", async () => {
    const owner = await registerUser(fx.url, "Owner");
    const senders: TestUser[] = [];
    for (let i = 0; i < 50; i++) senders.push(await registerUser(fx.url, `S${i}`));
    const roomId = await roomWith(owner, ...senders);
    const socks = await Promise.all(senders.map((s) => online(s, roomId)));
    const watcher = await online(owner, roomId);
    const received: number[] = [];
    onNewMessages(watcher, (m) => received.push(m.seq));
    // Messages committed together reach each socket as one `messages:new` frame.
    let singles = 0;
    const batches: { roomId: string; seqs: number[] }[] = [];
    watcher.on("message:new", () => singles++);
    watcher.on("messages:new", (b) => batches.push({ roomId: b.roomId, seqs: b.messages.map((m) => m.seq) }));

    const perSender = 4;
    const acks = await Promise.all(
      socks.flatMap((s, i) => Array.from({ length: perSender }, (_, k) => emitAck(s, "message:send", { roomId, clientId: clientId(), body: `m ${i}.${k}` }))),
    );
    const total = 50 * perSender;
    expect(acks.every((a) => a.ok)).toBe(true);
    const seqs = acks.map((a) => (a.ok ? a.data.message.seq : -1)).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));

    const deadline = Date.now() + 5000;
    while (received.length < total && Date.now() < deadline) await sleep(20);
    expect(received).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    // 200 sends at once queue behind the room's first write: they go out in far fewer frames.
    expect(batches.length).toBeGreaterThan(0);
    expect(singles + batches.length).toBeLessThan(total / 2);
    for (const b of batches) {
      expect(b.roomId).toBe(roomId);
      expect(b.seqs.length).toBeGreaterThan(1);
      expect(b.seqs).toEqual(b.seqs.map((_, i) => b.seqs[0]! + i)); // consecutive, in order
    }

    const room = await api<{ room: RoomDTO }>(fx.url, owner, "GET", `/api/rooms/${roomId}`);
    expect(room.body.room.lastSeq).toBe(total);
  }, 90_000); // 51 sign-ups (argon2) take a while on a busy 2-core machine
});

describe("the writer's per-message outcomes", () => {
  it("a message PostgreSQL refuses (a NUL byte) fails alone: the rest of its batch is stored gap-free, it is refused with VALIDATION_FAILED", async () => {
    const a = await registerUser(fx.url);
    const b = await registerUser(fx.url);
    const roomId = await roomWith(a, b);
    const sa = await online(a, roomId);
    const sb = await online(b, roomId);
    // Sent in one tick, so they share a group commit with the bad one in the middle.
    const sends = Array.from({ length: 7 }, (_, i) => emitAck(sa, "message:send", { roomId, clientId: clientId(), body: i === 3 ? "bad \u0000 byte" : `good ${i}` }));
    const acks = await Promise.all(sends);
    const bad = acks[3]!;
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe("VALIDATION_FAILED");
    const good = acks.filter((x, i) => i !== 3);
    for (const g of good) expect(g.ok).toBe(true);
    const seqs = good.map((g) => (g.ok ? g.data.message.seq : 0)).sort((x, y) => x - y);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
    const history = await api<HistoryPage>(fx.url, b, "GET", `/api/rooms/${roomId}/messages`);
    expect(history.body.messages.map((m) => m.body)).toEqual(["good 0", "good 1", "good 2", "good 4", "good 5", "good 6"]);
    expect(sb.connected).toBe(true);
  });

  it("the writer isolates a row PostgreSQL refuses (a NUL byte past the schema): the rest of the batch is stored, that one is invalid", async () => {
    const a = await registerUser(fx.url);
    const roomId = await roomWith(a);
    const writer = currentRuntime().writer;
    const pending = (body: string) => ({
      roomId,
      authorId: a.user.id,
      authorName: a.user.name,
      authorAvatarUrl: null,
      clientId: clientId(),
      body,
      threadRootId: null,
      alsoInRoom: false,
      mentions: [],
      mentionsRoom: false,
      attachments: [],
    });
    // One tick: one group commit, the bad row in the middle.
    const results = await Promise.all(["one", "two \u0000 bad", "three"].map((b) => writer.write(pending(b))));
    expect(results.map((r) => r.kind)).toEqual(["stored", "invalid", "stored"]);
    const history = await api<HistoryPage>(fx.url, a, "GET", `/api/rooms/${roomId}/messages`);
    expect(history.body.messages.map((m) => [m.seq, m.body])).toEqual([
      [1, "one"],
      [2, "three"],
    ]);
  });

  it("a send to an archived room is refused as read-only and stores nothing", async () => {
    const a = await registerUser(fx.url);
    const roomId = await roomWith(a);
    const sa = await online(a, roomId);
    expect((await api(fx.url, a, "POST", `/api/rooms/${roomId}/archive`, { archived: true })).status).toBe(200);
    const ack = await emitAck(sa, "message:send", { roomId, clientId: clientId(), body: "too late" });
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.error).toMatchObject({ code: "FORBIDDEN", message: "This room is archived: it is read-only." });
    const history = await api<HistoryPage>(fx.url, a, "GET", `/api/rooms/${roomId}/messages`);
    expect(history.body.messages).toEqual([]);
  });
});

describe("history", () => {
  it("pages backwards by seq (oldest first within a page) and forwards with after", async () => {
    const a = await registerUser(fx.url);
    const roomId = await roomWith(a);
    const sa = await online(a, roomId);
    for (let i = 1; i <= 25; i++) await emitAck(sa, "message:send", { roomId, clientId: clientId(), body: `n${i}` });

    const newest = await api<HistoryPage>(fx.url, a, "GET", `/api/rooms/${roomId}/messages?limit=10`);
    expect(newest.body.messages.map((m) => m.seq)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(newest.body.hasMore).toBe(true);
    const older = await api<HistoryPage>(fx.url, a, "GET", `/api/rooms/${roomId}/messages?before=16&limit=10`);
    expect(older.body.messages.map((m) => m.seq)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    const oldest = await api<HistoryPage>(fx.url, a, "GET", `/api/rooms/${roomId}/messages?before=6&limit=10`);
    expect(oldest.body.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(oldest.body.hasMore).toBe(false);
    const after = await api<HistoryPage>(fx.url, a, "GET", `/api/rooms/${roomId}/messages?after=20&limit=3`);
    expect(after.body.messages.map((m) => m.seq)).toEqual([21, 22, 23]);
    expect(after.body.hasMore).toBe(true);
  });

  it.each(["limit=0", "limit=101", "limit=abc", "before=0", "before=-3", "before=1&after=2", "after=x"])("refuses ?%s with 400", async (q) => {
    const a = await registerUser(fx.url);
    const roomId = await roomWith(a);
    const res = await api<{ error: { code: string } }>(fx.url, a, "GET", `/api/rooms/${roomId}/messages?${q}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
  });
});
