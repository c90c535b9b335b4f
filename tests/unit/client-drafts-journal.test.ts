import { describe, expect, it, vi } from "vitest";
import { DraftStore, PageStorage } from "@/lib/client/drafts";
import { mergeMessages } from "@/lib/client/messageStore";
import { MAX_AUTO_RETRIES, Outbox } from "@/lib/client/sync/outbox";
import type { JournalEntry, OutboxJournal } from "@/lib/client/sync/outbox-journal";
import type { MessageDTO } from "@/lib/shared/types";
import { ana, ROOM } from "./client-fixtures";
import { FakeRoomServer, flush, roomContext } from "./client-sync-fakes";

describe("drafts", () => {
  it("keeps a draft per room and per thread, per user; blank text removes it; marks rooms, not threads", () => {
    const storage = new PageStorage();
    const mine = new DraftStore(storage, "u-ana");
    const theirs = new DraftStore(storage, "u-ben");
    let told = 0;
    mine.subscribe(() => told++);
    mine.set({ roomId: "r1" }, "half a thought");
    mine.set({ roomId: "r2", threadRootId: "m9" }, "a reply");
    expect(mine.get({ roomId: "r1" })).toBe("half a thought");
    expect(mine.get({ roomId: "r2", threadRootId: "m9" })).toBe("a reply");
    expect(mine.get({ roomId: "r2" })).toBe("");
    expect(theirs.get({ roomId: "r1" })).toBe("");
    expect([...mine.roomsWithDrafts()]).toEqual(["r1"]);
    const before = mine.roomsWithDrafts();
    mine.set({ roomId: "r1" }, "half a thought, longer");
    expect(mine.roomsWithDrafts()).toBe(before); // same set: subscribers' snapshots stay stable
    mine.set({ roomId: "r1" }, "   ");
    expect(mine.get({ roomId: "r1" })).toBe("   "); // as typed, but not stored
    expect(new DraftStore(storage, "u-ana").get({ roomId: "r1" })).toBe("");
    expect(mine.roomsWithDrafts().size).toBe(0);
    expect(told).toBe(4);
    // A reload: a new store over the same storage finds the drafts.
    expect(new DraftStore(storage, "u-ana").get({ roomId: "r2", threadRootId: "m9" })).toBe("a reply");
  });

  it("a write from another tab reaches subscribers; where storage throws, drafts last as long as the page", () => {
    const storage = new PageStorage();
    const store = new DraftStore(storage, "u-ana");
    let told = 0;
    store.subscribe(() => told++);
    storage.setItem("parley:draft:v1:u-ana:r7", "from the other tab");
    store.onStorageEvent("parley:draft:v1:u-ana:r7", "from the other tab");
    store.onStorageEvent("someone-else:key", "x");
    expect(told).toBe(1);
    expect(store.roomsWithDrafts().has("r7")).toBe(true);
    expect(store.get({ roomId: "r7" })).toBe("from the other tab");
    const full = new PageStorage();
    full.setItem = () => {
      throw new Error("QuotaExceededError");
    };
    const cramped = new DraftStore(full, "u-ana");
    expect(() => cramped.set({ roomId: "r1" }, "text")).not.toThrow();
    expect(cramped.get({ roomId: "r1" })).toBe("text"); // kept for this page
  });
});

/** The journal's interface over an array (IndexedDB itself is exercised in e2e/drafts.spec.ts). */
class ArrayJournal implements OutboxJournal {
  entries: JournalEntry[] = [];
  add(entry: JournalEntry) {
    this.entries = [...this.entries.filter((e) => e.clientId !== entry.clientId), entry];
  }
  remove(clientId: string) {
    this.entries = this.entries.filter((e) => e.clientId !== clientId);
  }
  load(userId: string) {
    return Promise.resolve(this.entries.filter((e) => e.userId === userId));
  }
}

function setup(journal: ArrayJournal) {
  const server = new FakeRoomServer();
  const room = roomContext(server);
  let n = 0;
  const outbox = new Outbox(room, {
    self: ana,
    newClientId: () => `client-${++n}`,
    retryMs: 1000,
    onStored: (m: MessageDTO) => room.store.update({ log: mergeMessages(room.store.get().log, [m]) }),
    toLiveEnd: () => {},
    journal,
  });
  return { server, outbox, pending: () => room.store.get().log.pending, stored: () => room.store.get().log.messages.map((m) => m.body) };
}

describe("the outbox journal", () => {
  it("holds each message until the server stores it", async () => {
    const journal = new ArrayJournal();
    const { server, outbox } = setup(journal);
    server.connected = false;
    outbox.send("written offline");
    expect(journal.entries).toMatchObject([{ clientId: "client-1", userId: ana.id, roomId: ROOM, body: "written offline" }]);
    expect(outbox.hasUnsent).toBe(true);
    server.connected = true;
    outbox.onConnect();
    await flush();
    expect(journal.entries).toEqual([]);
    expect(outbox.hasUnsent).toBe(false);
  });

  it("a final refusal leaves the journal (never resent after a reload)", async () => {
    const journal = new ArrayJournal();
    const { server, outbox, pending } = setup(journal);
    server.sendAnswers.push({ code: "CONTENT_BLOCKED", message: "blocked" });
    outbox.send("bad word");
    await flush();
    expect(journal.entries).toEqual([]);
    expect(outbox.hasUnsent).toBe(false);
    expect(pending()).toEqual([]); // handed back to the composer, not kept as failed
  });

  it("Retry of a message whose automatic retries ran out puts it back in the journal", async () => {
    vi.useFakeTimers();
    try {
      const journal = new ArrayJournal();
      const { server, outbox, pending } = setup(journal);
      for (let i = 0; i <= MAX_AUTO_RETRIES; i++) server.sendAnswers.push({ code: "TIMEOUT", message: "No answer" });
      const id = outbox.send("slow network")!;
      await vi.advanceTimersByTimeAsync(120_000);
      expect(pending()).toMatchObject([{ clientId: id, status: "failed" }]);
      expect(journal.entries).toEqual([]);
      server.connected = false;
      outbox.retry(id);
      expect(journal.entries).toMatchObject([{ clientId: id, body: "slow network" }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("after a reload, restored messages are queued with their original clientId and sent once, in order", async () => {
    const journal = new ArrayJournal();
    const before = setup(journal);
    before.server.connected = false;
    before.outbox.send("one");
    before.outbox.send("two");
    // The page is gone; a new page's outbox restores what the journal kept.
    const after = setup(journal);
    after.server.connected = false;
    const entries = await journal.load(ana.id);
    after.outbox.restore(entries);
    after.outbox.restore(entries); // twice (a re-mounted provider) changes nothing
    expect(after.pending().map((p) => [p.clientId, p.status])).toEqual([
      ["client-1", "queued"],
      ["client-2", "queued"],
    ]);
    after.server.connected = true;
    after.outbox.onConnect();
    await flush();
    expect(after.server.sends.map((s) => [s.clientId, s.body])).toEqual([
      ["client-1", "one"],
      ["client-2", "two"],
    ]);
    expect(after.stored()).toEqual(["one", "two"]);
    expect(journal.entries).toEqual([]);
  });
});
