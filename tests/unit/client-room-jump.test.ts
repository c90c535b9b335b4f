/**
 * RoomSync jumping through history (search results, deep links): the page around a message,
 * scrolling down to the live end, "jump to latest", and live messages meanwhile: no holes,
 * no duplicates, no answer for an old view merged into a new one.
 */
import { describe, expect, it } from "vitest";
import type { HistoryQuery } from "@/lib/client/api";
import { RoomSync, type ClientAck, type RoomTransport } from "@/lib/client/roomSync";
import type { MessageSent, RoomJoined } from "@/lib/shared/events";
import type { TSendMessage } from "@/lib/shared/schemas";
import type { HistoryPage, MessageDTO } from "@/lib/shared/types";
import { ana, msg, range, ROOM } from "./client-fixtures";

const flush = async () => {
  for (let i = 0; i < 30; i++) await Promise.resolve();
};

/** A fake server whose history answers can be held back and released one by one. */
class FakeServer implements RoomTransport {
  connected = true;
  messages: MessageDTO[] = [];
  calls: string[] = [];
  hold = false;
  private held: Array<() => void> = [];

  join(roomId: string): Promise<ClientAck<RoomJoined>> {
    return Promise.resolve({ ok: true, data: { roomId, lastSeq: this.messages.at(-1)?.seq ?? 0, online: [], typing: [] } });
  }
  leave(): void {}
  send(payload: TSendMessage): Promise<ClientAck<MessageSent>> {
    const stored = msg((this.messages.at(-1)?.seq ?? 0) + 1, { clientId: payload.clientId, body: payload.body, author: ana });
    this.messages.push(stored);
    return Promise.resolve({ ok: true, data: { message: stored, duplicate: false } });
  }
  /** The next live message, stored on the server (deliver it with sync.receive). */
  store(): MessageDTO {
    const m = msg((this.messages.at(-1)?.seq ?? 0) + 1);
    this.messages.push(m);
    return m;
  }
  release(): void {
    const held = this.held;
    this.held = [];
    held.forEach((r) => r());
  }

  private answer(q: HistoryQuery): HistoryPage {
    const limit = q.limit ?? 50;
    if (q.around !== undefined) {
      const olderWanted = Math.floor((limit - 1) / 2);
      const older = this.messages.filter((m) => m.seq < q.around!);
      const newer = this.messages.filter((m) => m.seq >= q.around!);
      return { messages: [...older.slice(-olderWanted), ...newer.slice(0, limit - olderWanted)], hasMore: older.length > olderWanted, hasMoreAfter: newer.length > limit - olderWanted };
    }
    if (q.after !== undefined) {
      const newer = this.messages.filter((m) => m.seq > q.after!);
      return { messages: newer.slice(0, limit), hasMore: newer.length > limit };
    }
    const older = this.messages.filter((m) => q.before === undefined || m.seq < q.before);
    return { messages: older.slice(-limit), hasMore: older.length > limit };
  }

  api = {
    history: (_roomId: string, q: HistoryQuery = {}): Promise<HistoryPage> => {
      this.calls.push(q.around !== undefined ? `around=${q.around}` : q.after !== undefined ? `after=${q.after}` : q.before !== undefined ? `before=${q.before}` : "newest");
      if (!this.hold) return Promise.resolve(this.answer(q));
      // Answered as of release time, like a slow server.
      return new Promise((resolve) => this.held.push(() => resolve(this.answer(q))));
    },
  };
}

function setup(count: number) {
  const server = new FakeServer();
  server.messages = range(1, count);
  const sync = new RoomSync({ roomId: ROOM, self: ana, transport: server, api: server.api, pageSize: 10 });
  const seqs = () => sync.getSnapshot().log.messages.map((m) => m.seq);
  /** The log holds consecutive seqs, each once. */
  const contiguous = () => seqs().every((s, i, all) => i === 0 || s === all[i - 1]! + 1);
  return { server, sync, seqs, contiguous };
}

describe("RoomSync jumps", () => {
  it("jumps to an old message, then scrolls down to the live end, catching up what arrived meanwhile", async () => {
    const { server, sync, seqs, contiguous } = setup(100);
    sync.start();
    await flush();
    expect(seqs()).toEqual(range(91, 100).map((m) => m.seq));

    expect(await sync.jumpTo(30)).toBe(true);
    expect(seqs()).toEqual([26, 27, 28, 29, 30, 31, 32, 33, 34, 35]);
    expect(sync.getSnapshot()).toMatchObject({ hasMoreOlder: true, hasMoreNewer: true });

    // Live messages beyond a detached log are not merged (that would leave a hole).
    sync.receive(server.store());
    expect(seqs().at(-1)).toBe(35);

    for (let i = 0; i < 20 && sync.getSnapshot().hasMoreNewer; i++) {
      await sync.loadNewer();
      await flush();
    }
    expect(sync.getSnapshot().hasMoreNewer).toBe(false);
    expect(seqs().at(0)).toBe(26);
    expect(seqs().at(-1)).toBe(101);
    expect(contiguous()).toBe(true);

    // Attached again: live messages merge as usual.
    sync.receive(server.store());
    expect(seqs().at(-1)).toBe(102);
  });

  it("jump to latest replaces a detached log with the newest page, including live messages that came meanwhile", async () => {
    const { server, sync, seqs, contiguous } = setup(100);
    sync.start();
    await flush();
    await sync.jumpTo(20);
    sync.receive(server.store()); // 101, not merged while detached
    await sync.jumpToLatest();
    await flush();
    expect(sync.getSnapshot().hasMoreNewer).toBe(false);
    expect(seqs().at(-1)).toBe(101);
    expect(contiguous()).toBe(true);
  });

  it("a jump held in the log already asks nothing; a deep link before the join keeps its page", async () => {
    const { server, sync, seqs } = setup(100);
    sync.start();
    await flush();
    server.calls = [];
    expect(await sync.jumpTo(95)).toBe(true);
    expect(server.calls).toEqual([]);

    // A fresh room opened at ?m=40: the join's newest page must not land over the jump.
    const fresh = setup(100);
    fresh.server.hold = true;
    fresh.sync.start();
    const jumped = fresh.sync.jumpTo(40);
    await flush();
    fresh.server.release(); // both the jump and anything the join asked for
    expect(await jumped).toBe(true);
    await flush();
    fresh.server.release();
    await flush();
    expect(fresh.seqs()).toContain(40);
    expect(fresh.sync.getSnapshot().hasMoreNewer).toBe(true);
    expect(fresh.server.calls).not.toContain("newest");
    expect(seqs()).toContain(95);
  });

  it("drops an older-history answer asked for before the jump", async () => {
    const { server, sync, seqs, contiguous } = setup(100);
    sync.start();
    await flush();
    server.hold = true;
    const older = sync.loadOlder(); // before=91, held
    const jump = sync.jumpTo(50);
    server.release();
    await Promise.all([older, jump]);
    await flush();
    expect(seqs()).toEqual([46, 47, 48, 49, 50, 51, 52, 53, 54, 55]);
    expect(contiguous()).toBe(true);
    expect(sync.getSnapshot().loadingOlder).toBe(false);
  });

  it("sending while detached goes back to the live end, where the message shows once", async () => {
    const { sync, seqs, contiguous } = setup(100);
    sync.start();
    await flush();
    await sync.jumpTo(10);
    sync.send("hello from the past");
    await flush();
    await flush();
    const snap = sync.getSnapshot();
    expect(snap.hasMoreNewer).toBe(false);
    expect(snap.log.pending).toEqual([]);
    expect(snap.log.messages.filter((m) => m.body === "hello from the past")).toHaveLength(1);
    expect(seqs().at(-1)).toBe(101);
    expect(contiguous()).toBe(true);
  });

  it("coming back to a room left detached shows the latest again", async () => {
    const { sync, seqs } = setup(100);
    sync.start();
    await flush();
    await sync.jumpTo(10);
    sync.stop();
    sync.start();
    await flush();
    expect(sync.getSnapshot().hasMoreNewer).toBe(false);
    expect(seqs().at(-1)).toBe(100);
  });
});
