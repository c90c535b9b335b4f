import { describe, expect, it } from "vitest";
import { HistoryWindow } from "@/lib/client/sync/history-window";
import { range } from "./client-fixtures";
import { FakeRoomServer, flush, roomContext } from "./client-sync-fakes";

function setup(count: number) {
  const server = new FakeRoomServer();
  server.messages = range(1, count);
  const room = roomContext(server);
  const catchUp = { liveEnd: 0, cancelled: 0, toKnownEnd() { this.liveEnd++; }, cancel() { this.cancelled++; } };
  const window = new HistoryWindow(room, 20, catchUp);
  return { server, room, catchUp, window, seqs: () => room.store.get().log.messages.map((m) => m.seq) };
}

describe("sync/history-window", () => {
  it("loads the newest page, then older pages before the lowest seq until none remain", async () => {
    const { server, room, window, seqs } = setup(45);
    await window.loadNewest(false);
    expect(window.loaded).toBe(true);
    expect(seqs()).toEqual(range(26, 45).map((m) => m.seq));
    expect(room.store.get()).toMatchObject({ phase: "ready", hasMoreOlder: true });
    await window.loadOlder();
    await window.loadOlder();
    expect(server.calls).toEqual(["history:newest", "history:before=26", "history:before=6"]);
    expect(seqs()).toEqual(range(1, 45).map((m) => m.seq));
    expect(room.store.get().hasMoreOlder).toBe(false);
  });

  it("shares one newest-page request per view", async () => {
    const { server, window } = setup(5);
    await Promise.all([window.loadNewest(false), window.loadNewest(false)]);
    expect(server.calls).toEqual(["history:newest"]);
  });

  it("shows an error when the first load fails, and an olderError when an older page fails", async () => {
    const { server, room, window } = setup(45);
    server.historyError = Object.assign(new Error("down"), { code: "UNAVAILABLE" });
    await window.loadNewest(false);
    expect(room.store.get()).toMatchObject({ phase: "error", error: { code: "UNAVAILABLE", message: "down" } });
    server.historyError = null;
    await window.loadNewest(true);
    server.historyError = new Error("older failed");
    await window.loadOlder();
    expect(room.store.get()).toMatchObject({ phase: "ready", loadingOlder: false, olderError: "older failed" });
  });

  it("a jump replaces the log with the page around the message, detached; newer pages re-attach and catch up", async () => {
    const { server, room, catchUp, window, seqs } = setup(100);
    await window.loadNewest(false);
    const epoch = window.viewEpoch;
    expect(await window.jumpTo(30)).toBe(true);
    expect(window.viewEpoch).toBe(epoch + 1);
    expect(catchUp.cancelled).toBe(1);
    expect(seqs()).toEqual(range(20, 39).map((m) => m.seq));
    expect(room.store.get().hasMoreNewer).toBe(true);
    const attachedBefore = catchUp.liveEnd;
    while (room.store.get().hasMoreNewer) await window.loadNewer();
    expect(seqs().at(-1)).toBe(100);
    expect(catchUp.liveEnd).toBe(attachedBefore + 1);
    expect(server.calls.filter((c) => c.startsWith("history:after"))).toEqual(["history:after=39", "history:after=59", "history:after=79", "history:after=99"]);
  });

  it("jumpToLatest replaces a detached log with the newest page; a held message needs no request", async () => {
    const { server, window, seqs } = setup(100);
    await window.loadNewest(false);
    expect(await window.jumpTo(90)).toBe(true);
    expect(server.calls).toEqual(["history:newest"]);
    await window.jumpTo(10);
    await window.jumpToLatest();
    expect(seqs()).toEqual(range(81, 100).map((m) => m.seq));
    expect(server.calls).toEqual(["history:newest", "history:around=10", "history:newest"]);
  });

  it("drops an older page answered for an earlier view", async () => {
    const { room, window, seqs } = setup(100);
    await window.loadNewest(false);
    const older = window.loadOlder();
    const jump = window.jumpTo(5);
    await Promise.all([older, jump]);
    await flush();
    expect(seqs()).toEqual(range(1, 20).map((m) => m.seq));
    expect(room.store.get().loadingOlder).toBe(false);
  });
});
