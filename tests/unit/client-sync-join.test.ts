import { describe, expect, it, vi } from "vitest";
import { CatchUp } from "@/lib/client/sync/catch-up";
import { HistoryWindow } from "@/lib/client/sync/history-window";
import { RoomJoin } from "@/lib/client/sync/join";
import { RoomPresence } from "@/lib/client/sync/presence";
import { OneShotTimer } from "@/lib/client/sync/store";
import type { ViewState } from "@/lib/client/sync/types";
import { ana, range, ROOM } from "./client-fixtures";
import { FakeRoomServer, flush, roomContext } from "./client-sync-fakes";

function setup(count: number, maxCatchUp = 500) {
  const server = new FakeRoomServer();
  server.messages = range(1, count);
  const room = roomContext(server);
  const retry = new OneShotTimer();
  const view: ViewState = {
    get loaded(): boolean {
      return window.loaded;
    },
    get viewEpoch(): number {
      return window.viewEpoch;
    },
  };
  const catchUp = new CatchUp(room, { selfId: ana.id, view, retry, retryDelayMs: 1000 });
  const window: HistoryWindow = new HistoryWindow(room, 20, catchUp);
  const presence = new RoomPresence(room.store, room.now);
  const join = new RoomJoin(room, { window, catchUp, presence, retry, retryDelayMs: 1000, maxCatchUp });
  return { server, room, retry, join, seqs: () => room.store.get().log.messages.map((m) => m.seq) };
}

describe("sync/join", () => {
  it("joins, then loads the newest page, taking presence from the ack", async () => {
    const { server, room, join } = setup(30);
    join.start();
    expect(room.store.get().phase).toBe("loading");
    await flush();
    expect(server.calls).toEqual([`join:${ROOM}`, "history:newest"]);
    expect(room.store.get()).toMatchObject({ phase: "ready", online: ["u-ana"], typing: { userIds: ["u-ben"] } });
  });

  it("waits for the connection, then re-joins and catches up on every reconnect", async () => {
    const { server, join, seqs } = setup(5);
    server.connected = false;
    join.start();
    await flush();
    expect(server.calls).toEqual([]);
    server.connected = true;
    join.onConnect();
    await flush();
    join.onDisconnect();
    server.messages.push(...range(6, 7));
    join.onConnect();
    await flush();
    expect(server.calls).toEqual([`join:${ROOM}`, "history:newest", `join:${ROOM}`, "history:after=5"]);
    expect(seqs()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("reloads the newest page when further behind than maxCatchUp", async () => {
    const { server, join, seqs } = setup(5, 10);
    join.start();
    await flush();
    join.stop();
    server.messages.push(...range(6, 40));
    join.start();
    await flush();
    expect(server.calls).toEqual([`join:${ROOM}`, "history:newest", `leave:${ROOM}`, `join:${ROOM}`, "history:newest"]);
    expect(seqs()).toEqual(range(21, 40).map((m) => m.seq));
  });

  it("ignores the ack of a join superseded by a disconnect", async () => {
    const { server, room, join } = setup(5);
    let answer: (() => void) | null = null;
    server.join = (roomId) => {
      server.calls.push(`join:${roomId}`);
      return new Promise((resolve) => {
        answer = () => resolve({ ok: true, data: { roomId, lastSeq: 5, online: ["u-ana"], typing: [] } });
      });
    };
    join.start();
    join.onDisconnect();
    expect(answer).not.toBeNull();
    (answer as (() => void) | null)?.();
    await flush();
    expect(server.calls).toEqual([`join:${ROOM}`]);
    expect(room.store.get().online).toEqual([]);
  });

  it("retries a transient refusal after the delay, but not a final one", async () => {
    vi.useFakeTimers();
    try {
      const { server, room, join } = setup(5);
      const answers = [{ code: "UNAVAILABLE", message: "later" }];
      server.joinAnswer = (roomId) => {
        const error = answers.shift();
        return error ? { ok: false, error } : { ok: true, data: { roomId, lastSeq: 5, online: [], typing: [] } };
      };
      join.start();
      await flush();
      expect(room.store.get()).toMatchObject({ phase: "error", error: { code: "UNAVAILABLE" } });
      await vi.advanceTimersByTimeAsync(1000);
      await flush();
      expect(room.store.get().phase).toBe("ready");

      const refused = setup(5);
      refused.server.joinAnswer = () => ({ ok: false, error: { code: "FORBIDDEN", message: "no" } });
      refused.join.start();
      await flush();
      expect(refused.retry.pending).toBe(false);
      await vi.advanceTimersByTimeAsync(5000);
      expect(refused.server.calls).toEqual([`join:${ROOM}`]);
    } finally {
      vi.useRealTimers();
    }
  });
});
