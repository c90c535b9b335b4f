import { describe, expect, it, vi } from "vitest";
import type { HistoryQuery } from "@/lib/client/api";
import { MAX_AUTO_RETRIES, RoomSync, type ClientAck, type RoomTransport } from "@/lib/client/roomSync";
import { REORDER_WINDOW_MS } from "@/lib/client/sync/catch-up";
import type { MessageSent, RoomJoined } from "@/lib/shared/events";
import type { TSendMessage } from "@/lib/shared/schemas";
import type { AttachmentDTO, HistoryPage, MessageDTO } from "@/lib/shared/types";
import { ana, msg, range, ROOM } from "./client-fixtures";

/** Resolve every pending promise callback. */
const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

/** A fake server: stored messages, a join log and controllable send acks. */
class FakeServer implements RoomTransport {
  connected = true;
  messages: MessageDTO[] = [];
  calls: string[] = [];
  sends: TSendMessage[] = [];
  /** When set, sends wait until `releaseSends()`. */
  holdSends = false;
  private held: Array<() => void> = [];
  nextSendError: { code: string; message: string } | null = null;

  join(roomId: string): Promise<ClientAck<RoomJoined>> {
    this.calls.push(`join:${roomId}`);
    if (!this.connected) return Promise.resolve({ ok: false, error: { code: "DISCONNECTED", message: "offline" } });
    return Promise.resolve({ ok: true, data: { roomId, lastSeq: this.messages.at(-1)?.seq ?? 0, online: ["u-ana"], typing: [] } });
  }
  leave(roomId: string): void {
    this.calls.push(`leave:${roomId}`);
  }
  send(payload: TSendMessage): Promise<ClientAck<MessageSent>> {
    this.sends.push(payload);
    if (!this.connected) return Promise.resolve({ ok: false, error: { code: "DISCONNECTED", message: "offline" } });
    const answer = (): ClientAck<MessageSent> => {
      if (this.nextSendError) {
        const error = this.nextSendError;
        this.nextSendError = null;
        return { ok: false, error };
      }
      const existing = this.messages.find((m) => m.clientId === payload.clientId);
      if (existing) return { ok: true, data: { message: existing, duplicate: true } };
      const stored = msg((this.messages.at(-1)?.seq ?? 0) + 1, { clientId: payload.clientId, body: payload.body, author: ana });
      this.messages.push(stored);
      return { ok: true, data: { message: stored, duplicate: false } };
    };
    if (this.holdSends) return new Promise((resolve) => this.held.push(() => resolve(answer())));
    return Promise.resolve(answer());
  }
  releaseSends(): void {
    const held = this.held;
    this.held = [];
    for (const release of held) release();
  }

  api = {
    history: (roomId: string, q: HistoryQuery = {}): Promise<HistoryPage> => {
      this.calls.push(`history:${q.before !== undefined ? `before=${q.before}` : q.after !== undefined ? `after=${q.after}` : "newest"}`);
      const limit = q.limit ?? 50;
      let list: MessageDTO[];
      let hasMore: boolean;
      if (q.after !== undefined) {
        const newer = this.messages.filter((m) => m.seq > (q.after ?? 0));
        list = newer.slice(0, limit);
        hasMore = newer.length > limit;
      } else {
        const older = this.messages.filter((m) => q.before === undefined || m.seq < q.before);
        list = older.slice(-limit);
        hasMore = older.length > limit;
      }
      return Promise.resolve({ messages: list, hasMore });
    },
  };
}

function setup(seed: MessageDTO[] = []) {
  const server = new FakeServer();
  server.messages = [...seed];
  let n = 0;
  const sync = new RoomSync({
    roomId: ROOM,
    self: ana,
    transport: server,
    api: server.api,
    pageSize: 50,
    newClientId: () => `client-${++n}-abcdef`,
  });
  return { server, sync, seqs: () => sync.getSnapshot().log.messages.map((m) => m.seq) };
}

describe("RoomSync: subscribe, then fetch, then dedupe", () => {
  it("joins before fetching the newest page and takes presence from the join ack", async () => {
    const { server, sync, seqs } = setup(range(1, 120));
    sync.start();
    await flush();
    expect(server.calls.slice(0, 2)).toEqual([`join:${ROOM}`, "history:newest"]);
    expect(seqs()).toEqual(range(71, 120).map((m) => m.seq));
    expect(sync.getSnapshot()).toMatchObject({ phase: "ready", hasMoreOlder: true, online: ["u-ana"] });
  });

  it("merges a live message that arrives before the page without duplicating it", async () => {
    const { server, sync, seqs } = setup(range(1, 10));
    sync.start();
    const live = msg(11);
    server.messages.push(live);
    sync.receive(live);
    await flush();
    expect(seqs()).toEqual(range(1, 11).map((m) => m.seq));
  });

  it("loads older pages before the lowest seq", async () => {
    const { server, sync, seqs } = setup(range(1, 70));
    sync.start();
    await flush();
    await sync.loadOlder();
    expect(server.calls).toContain("history:before=21");
    expect(seqs()).toHaveLength(70);
    expect(sync.getSnapshot().hasMoreOlder).toBe(false);
  });
});

describe("RoomSync: the page the server rendered with the room", () => {
  it("holds the seeded page as loaded at once and, on join, only catches up after its highest seq (messages stored since the render arrive, none twice)", async () => {
    const { server, sync, seqs } = setup(range(1, 80));
    sync.seed({ messages: range(31, 80), hasMore: true });
    // Before any join: the rows are there to render (the server HTML), the phase is ready.
    expect(seqs()).toEqual(range(31, 80).map((m) => m.seq));
    expect(sync.getSnapshot()).toMatchObject({ phase: "ready", hasMoreOlder: true });
    // Two messages stored between the server render and the socket's join.
    server.messages.push(msg(81), msg(82));
    sync.start();
    await flush();
    expect(server.calls).toEqual([`join:${ROOM}`, "history:after=80"]);
    expect(seqs()).toEqual(range(31, 82).map((m) => m.seq));
    await sync.loadOlder();
    expect(server.calls).toContain("history:before=31");
    expect(seqs()).toHaveLength(82);
  });

  it("ignores a seed once the room is loaded (the cache of an earlier visit stays)", async () => {
    const { sync, seqs } = setup(range(1, 10));
    sync.start();
    await flush();
    sync.seed({ messages: range(1, 3), hasMore: false });
    expect(seqs()).toEqual(range(1, 10).map((m) => m.seq));
  });
});

describe("RoomSync: gaps and reconnects", () => {
  it("fetches ?after=highestSeq when a live message skips ahead and the hole outlasts the reorder window, looping while hasMore", async () => {
    vi.useFakeTimers();
    try {
      const { server, sync, seqs } = setup(range(1, 5));
      sync.start();
      await flush();
      server.messages.push(...range(6, 300));
      sync.receive(msg(300));
      await flush();
      expect(server.calls.filter((c) => c.startsWith("history:after"))).toEqual([]);
      await vi.advanceTimersByTimeAsync(REORDER_WINDOW_MS);
      await flush();
      expect(server.calls.filter((c) => c.startsWith("history:after"))).toEqual(["history:after=5", "history:after=105", "history:after=205"]);
      expect(seqs()).toEqual(range(1, 300).map((m) => m.seq));
    } finally {
      vi.useRealTimers();
    }
  });

  it("does not fetch for a contiguous live message", async () => {
    const { server, sync } = setup(range(1, 5));
    sync.start();
    await flush();
    sync.receive(msg(6));
    await flush();
    expect(server.calls.some((c) => c.startsWith("history:after"))).toBe(false);
  });

  it("re-joins and catches up after a reconnect", async () => {
    const { server, sync, seqs } = setup(range(1, 5));
    sync.start();
    await flush();
    server.connected = false;
    sync.onDisconnect();
    expect(sync.getSnapshot().online).toEqual([]);
    server.messages.push(...range(6, 8));
    server.connected = true;
    server.calls = [];
    sync.onConnect();
    await flush();
    expect(server.calls).toEqual([`join:${ROOM}`, "history:after=5"]);
    expect(seqs()).toEqual(range(1, 8).map((m) => m.seq));
  });

  it("leaves on stop and re-joins with a catch-up on the next start", async () => {
    const { server, sync } = setup(range(1, 5));
    sync.start();
    await flush();
    sync.stop();
    expect(server.calls).toContain(`leave:${ROOM}`);
    server.messages.push(msg(6));
    sync.start();
    await flush();
    expect(server.calls.slice(-2)).toEqual([`join:${ROOM}`, "history:after=5"]);
    expect(sync.getSnapshot().log.messages.at(-1)?.seq).toBe(6);
  });
});

describe("RoomSync: errors and long absences", () => {
  it("shows an error when the server refuses the subscription", async () => {
    const { server, sync } = setup(range(1, 3));
    server.join = (roomId: string) => {
      server.calls.push(`join:${roomId}`);
      return Promise.resolve({ ok: false, error: { code: "FORBIDDEN", message: "Not a member" } });
    };
    sync.start();
    await flush();
    expect(sync.getSnapshot()).toMatchObject({ phase: "error", error: { code: "FORBIDDEN" } });
    expect(server.calls).not.toContain("history:newest");
  });

  it("reloads the newest page instead of catching up when too far behind", async () => {
    const server = new FakeServer();
    server.messages = range(1, 10);
    const sync = new RoomSync({ roomId: ROOM, self: ana, transport: server, api: server.api, pageSize: 50, maxCatchUp: 100 });
    sync.start();
    await flush();
    sync.stop();
    server.messages.push(...range(11, 500));
    server.calls = [];
    sync.start();
    await flush();
    expect(server.calls).toEqual([`join:${ROOM}`, "history:newest"]);
    expect(sync.getSnapshot().log.messages.map((m) => m.seq)).toEqual(range(451, 500).map((m) => m.seq));
    expect(sync.getSnapshot().hasMoreOlder).toBe(true);
  });
});

describe("RoomSync: optimistic sends and the outbox", () => {
  it("shows the message as sending, then replaces it with the stored one; the echo is deduped", async () => {
    const { server, sync } = setup();
    sync.start();
    await flush();
    server.holdSends = true;
    const clientId = sync.send("  hello  ");
    expect(sync.getSnapshot().log.pending).toMatchObject([{ clientId, body: "hello", status: "sending" }]);
    server.releaseSends();
    await flush();
    const stored = server.messages[0];
    expect(stored).toBeDefined();
    if (stored) sync.receive(stored); // the message:new echo
    expect(sync.getSnapshot().log.pending).toEqual([]);
    expect(sync.getSnapshot().log.messages).toHaveLength(1);
  });

  it("ignores empty and over-long bodies", () => {
    const { sync } = setup();
    expect(sync.send("   \n ")).toBeNull();
    expect(sync.send("x".repeat(4001))).toBeNull();
    expect(sync.getSnapshot().log.pending).toEqual([]);
  });

  it("sends files with the message (an empty body is fine then); a final refusal hands them back", async () => {
    const { server, sync } = setup();
    sync.start();
    await flush();
    const file: AttachmentDTO = { id: "f1", name: "a.png", mime: "image/png", size: 10, width: 2, height: 1, url: "/api/attachments/f1", thumbUrl: "/api/attachments/f1/thumb" };
    expect(sync.send("  ", [])).toBeNull();
    server.nextSendError = { code: "FORBIDDEN", message: "Join this room first." };
    const clientId = sync.send("  ", [file]);
    expect(clientId).not.toBeNull();
    expect(sync.getSnapshot().log.pending).toMatchObject([{ clientId, body: "", attachments: [file] }]);
    await flush();
    expect(server.sends).toMatchObject([{ clientId, body: "", attachmentIds: ["f1"] }]);
    expect(sync.getSnapshot().refused).toMatchObject({ clientId, body: "", attachments: [file], code: "FORBIDDEN" });
    // A message without files sends no attachmentIds at all.
    sync.send("plain");
    await flush();
    expect(server.sends.at(-1)).not.toHaveProperty("attachmentIds");
  });

  it("hands a finally refused send back (no Retry), until returned and dismissed", async () => {
    const { server, sync } = setup();
    sync.start();
    await flush();
    server.nextSendError = { code: "FORBIDDEN", message: "Join this room first." };
    const clientId = sync.send("hi");
    await flush();
    expect(sync.getSnapshot().log.pending).toEqual([]);
    expect(sync.getSnapshot().refused).toEqual({ clientId, body: "hi", attachments: [], code: "FORBIDDEN", message: "Join this room first.", returned: false });
    sync.markRefusedReturned(clientId!);
    expect(sync.getSnapshot().refused?.returned).toBe(true);
    sync.dismissRefused();
    expect(sync.getSnapshot().refused).toBeNull();
  });

  it("queues messages written offline and sends them in order on reconnect", async () => {
    const { server, sync } = setup();
    sync.start();
    await flush();
    server.connected = false;
    sync.onDisconnect();
    sync.send("one");
    sync.send("two");
    await flush();
    expect(server.sends).toEqual([]);
    expect(sync.getSnapshot().log.pending.map((p) => p.status)).toEqual(["queued", "queued"]);
    server.connected = true;
    sync.onConnect();
    await flush();
    expect(server.sends.map((s) => s.body)).toEqual(["one", "two"]);
    expect(sync.getSnapshot().log.messages.map((m) => m.body)).toEqual(["one", "two"]);
    expect(sync.getSnapshot().log.pending).toEqual([]);
  });

  it("puts an in-flight send back in the outbox when the socket drops, and re-sends the same clientId", async () => {
    const { server, sync } = setup();
    sync.start();
    await flush();
    server.holdSends = true;
    const clientId = sync.send("in flight");
    server.connected = false;
    sync.onDisconnect();
    expect(sync.getSnapshot().log.pending).toMatchObject([{ status: "queued" }]);
    server.holdSends = false;
    server.connected = true;
    sync.onConnect();
    await flush();
    server.releaseSends(); // the old attempt's ack arrives late: the server deduped it
    await flush();
    expect(server.sends.map((s) => s.clientId)).toEqual([clientId, clientId]);
    expect(server.messages).toHaveLength(1);
    expect(sync.getSnapshot().log.messages).toHaveLength(1);
    expect(sync.getSnapshot().log.pending).toEqual([]);
  });

  it("retries a retryable refusal by itself with the same clientId, keeping later messages behind it", async () => {
    vi.useFakeTimers();
    try {
      const { server, sync } = setup();
      sync.start();
      await flush();
      server.nextSendError = { code: "UNAVAILABLE", message: "The database is unavailable" };
      const first = sync.send("first");
      await flush();
      expect(sync.getSnapshot().log.pending).toMatchObject([{ clientId: first, status: "queued" }]);
      sync.send("second"); // waits behind the first
      await flush();
      expect(server.sends.map((s) => s.body)).toEqual(["first"]);
      await vi.advanceTimersByTimeAsync(1000);
      await flush();
      expect(server.sends.map((s) => s.body)).toEqual(["first", "first", "second"]);
      expect(server.sends[1]?.clientId).toBe(first);
      expect(sync.getSnapshot().log.messages.map((m) => m.body)).toEqual(["first", "second"]);
      expect(sync.getSnapshot().log.pending).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("gives up after MAX_AUTO_RETRIES retryable refusals and shows the message as failed", async () => {
    vi.useFakeTimers();
    try {
      const { server, sync } = setup();
      sync.start();
      await flush();
      const refuse = server.send.bind(server);
      server.send = (payload) => {
        server.sends.push(payload);
        return Promise.resolve({ ok: false, error: { code: "TIMEOUT", message: "No answer" } });
      };
      sync.send("never");
      await vi.advanceTimersByTimeAsync(120_000);
      expect(server.sends).toHaveLength(MAX_AUTO_RETRIES + 1);
      expect(sync.getSnapshot().log.pending).toMatchObject([{ status: "failed", error: "No answer" }]);
      server.send = refuse;
    } finally {
      vi.useRealTimers();
    }
  });

  it("discards a failed message on request, and Retry re-sends the same clientId", async () => {
    vi.useFakeTimers();
    try {
      const { server, sync } = setup();
      sync.start();
      await flush();
      const store = server.send.bind(server);
      server.send = (payload) => {
        server.sends.push(payload);
        return Promise.resolve({ ok: false, error: { code: "TIMEOUT", message: "No answer" } });
      };
      const a = sync.send("discard me");
      await vi.advanceTimersByTimeAsync(120_000);
      const b = sync.send("retry me");
      await vi.advanceTimersByTimeAsync(120_000);
      expect(sync.getSnapshot().log.pending.map((p) => p.status)).toEqual(["failed", "failed"]);
      if (a) sync.discard(a);
      server.send = store;
      if (b) sync.retry(b);
      await vi.advanceTimersByTimeAsync(0);
      await flush();
      expect(sync.getSnapshot().log.pending).toEqual([]);
      expect(sync.getSnapshot().log.messages.map((m) => m.clientId)).toEqual([b]);
      expect(server.sends.filter((s) => s.clientId === b).length).toBeGreaterThan(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
