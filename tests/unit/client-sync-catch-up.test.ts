import { describe, expect, it, vi } from "vitest";
import { CatchUp } from "@/lib/client/sync/catch-up";
import { OneShotTimer } from "@/lib/client/sync/store";
import { ana, msg, range } from "./client-fixtures";
import { FakeRoomServer, flush, roomContext } from "./client-sync-fakes";

function setup(held: number) {
  const server = new FakeRoomServer();
  server.messages = range(1, held);
  const room = roomContext(server);
  room.store.update({ log: { messages: range(1, held), pending: [] } });
  const view = { loaded: true, viewEpoch: 0 };
  const retry = new OneShotTimer();
  const catchUp = new CatchUp(room, { selfId: ana.id, view, retry, retryDelayMs: 500 });
  return { server, room, view, retry, catchUp, seqs: () => room.store.get().log.messages.map((m) => m.seq) };
}

describe("sync/catch-up", () => {
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
