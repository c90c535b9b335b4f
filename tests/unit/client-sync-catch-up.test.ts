import { describe, expect, it, vi } from "vitest";
import { CatchUp, firstMissingAfter, REORDER_WINDOW_MS } from "@/lib/client/sync/catch-up";
import { OneShotTimer } from "@/lib/client/sync/store";
import { ana, msg, range } from "./client-fixtures";
import { FakeRoomServer, flush, roomContext } from "./client-sync-fakes";

function setup(held: number, reorderWindowMs = 0) {
  const server = new FakeRoomServer();
  server.messages = range(1, held);
  const room = roomContext(server, undefined, () => Date.now());
  room.store.update({ log: { messages: range(1, held), pending: [] } });
  const view = { loaded: true, viewEpoch: 0 };
  const retry = new OneShotTimer();
  const catchUp = new CatchUp(room, { selfId: ana.id, view, retry, retryDelayMs: 500, reorderWindowMs });
  return { server, room, view, retry, catchUp, seqs: () => room.store.get().log.messages.map((m) => m.seq) };
}

describe("sync/catch-up", () => {
  it("waits out the reorder window: events arriving out of order fetch nothing; a hole that persists is fetched once", async () => {
    vi.useFakeTimers();
    try {
      const { server, catchUp, seqs } = setup(10, REORDER_WINDOW_MS);
      server.messages.push(...range(11, 40));
      // Two instances' events interleaved out of seq order, holes closing within the window.
      for (const seq of [12, 11, 14, 13, 16, 15, 17, 19, 18, 20]) catchUp.receive(msg(seq));
      await vi.advanceTimersByTimeAsync(REORDER_WINDOW_MS * 3);
      expect(server.calls).toEqual([]);
      expect(seqs()).toEqual(range(1, 20).map((m) => m.seq));
      // 21 and 22 never come live: one fetch, after the window, from the first missing seq.
      catchUp.receive(msg(23));
      catchUp.receive(msg(25));
      await vi.advanceTimersByTimeAsync(REORDER_WINDOW_MS - 1);
      expect(server.calls).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      await flush();
      expect(server.calls).toEqual(["history:after=20"]);
      expect(seqs()).toEqual(range(1, 40).map((m) => m.seq));
    } finally {
      vi.useRealTimers();
    }
  });

  it("a hole opened just before another's window ends gets a full window of its own", async () => {
    vi.useFakeTimers();
    try {
      const { server, catchUp } = setup(10, REORDER_WINDOW_MS);
      catchUp.receive(msg(12));
      await vi.advanceTimersByTimeAsync(10);
      catchUp.receive(msg(11));
      for (let seq = 13; seq <= 20; seq++) catchUp.receive(msg(seq));
      await vi.advanceTimersByTimeAsync(REORDER_WINDOW_MS - 20);
      catchUp.receive(msg(22)); // 21 is late
      await vi.advanceTimersByTimeAsync(30); // the first window ends; 21's has just begun
      catchUp.receive(msg(21));
      await vi.advanceTimersByTimeAsync(REORDER_WINDOW_MS * 2);
      expect(server.calls).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("firstMissingAfter names the lowest hole", () => {
    expect(firstMissingAfter(range(1, 5), 0)).toBeNull();
    expect(firstMissingAfter([...range(1, 3), msg(5), msg(7)], 0)).toBe(4);
    expect(firstMissingAfter([...range(1, 3), msg(5), msg(7)], 5)).toBe(6);
    expect(firstMissingAfter([msg(9)], 3)).toBe(4);
  });

  it("merges a contiguous live message without fetching", async () => {
    const { server, catchUp, seqs } = setup(3);
    catchUp.receive(msg(4));
    await flush();
    expect(seqs()).toEqual([1, 2, 3, 4]);
    expect(server.calls).toEqual([]);
  });

  it("fills a gap with ?after= pages of 100, looping while hasMore", async () => {
    const { server, catchUp, seqs } = setup(3);
    server.messages.push(...range(4, 250));
    catchUp.receive(msg(250));
    await flush();
    expect(server.calls).toEqual(["history:after=3", "history:after=103", "history:after=203"]);
    expect(seqs()).toEqual(range(1, 250).map((m) => m.seq));
  });

  it("coalesces concurrent requests into one run from the lowest cursor", async () => {
    const { server, catchUp, seqs } = setup(10);
    server.messages.push(...range(11, 20));
    catchUp.request(10);
    catchUp.request(5);
    catchUp.request(8);
    await flush();
    expect(server.calls).toEqual(["history:after=10", "history:after=5"]);
    expect(seqs()).toEqual(range(1, 20).map((m) => m.seq));
  });

  it("does not detect gaps before the first page is loaded", async () => {
    const { server, view, catchUp } = setup(0);
    view.loaded = false;
    catchUp.receive(msg(40));
    await flush();
    expect(server.calls).toEqual([]);
  });

  it("while detached, merges only inside the log and drops our own pending copy; catches up to the known end later", async () => {
    const { server, room, catchUp, seqs } = setup(5);
    room.store.update({
      hasMoreNewer: true,
      log: { messages: range(1, 5), pending: [{ clientId: "own-1", roomId: room.roomId, body: "x", author: ana, createdAt: "", status: "sending", error: null }] },
    });
    server.messages.push(...range(6, 9), msg(10, { author: ana, clientId: "own-1" }));
    catchUp.receive(msg(10, { author: ana, clientId: "own-1" }));
    catchUp.receive(msg(3, { rev: 1, body: "edited" }));
    await flush();
    expect(seqs()).toEqual([1, 2, 3, 4, 5]);
    expect(room.store.get().log.pending).toEqual([]);
    expect(room.store.get().log.messages[2]?.body).toBe("edited");
    expect(server.calls).toEqual([]);
    room.store.update({ hasMoreNewer: false });
    catchUp.toKnownEnd();
    await flush();
    expect(server.calls).toEqual(["history:after=5"]);
    expect(seqs()).toEqual(range(1, 10).map((m) => m.seq));
  });

  it("drops a page answered for an earlier view, and does not start after cancel", async () => {
    const { server, view, catchUp, seqs } = setup(3);
    server.messages.push(...range(4, 6));
    catchUp.request(3);
    view.viewEpoch++; // the log was replaced while the request was in flight
    await flush();
    expect(seqs()).toEqual([1, 2, 3]);
    catchUp.noteLastSeq(6);
    catchUp.cancel();
    await flush();
    expect(server.calls).toEqual(["history:after=3"]);
  });

  it("retries a failed fetch after the retry delay, from the same cursor", async () => {
    vi.useFakeTimers();
    try {
      const { server, retry, catchUp, seqs } = setup(3);
      server.messages.push(...range(4, 6));
      server.historyError = new Error("down");
      catchUp.request(3);
      await flush();
      expect(retry.pending).toBe(true);
      server.historyError = null;
      await vi.advanceTimersByTimeAsync(500);
      await flush();
      expect(server.calls).toEqual(["history:after=3", "history:after=3"]);
      expect(seqs()).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      vi.useRealTimers();
    }
  });
});
