import { describe, expect, it } from "vitest";
import { CLIENT_ID_PATTERN, newClientId } from "@/lib/client/clientId";
import {
  addPending,
  applyUpdate,
  emptyLog,
  highestSeq,
  leavesGap,
  lowestSeq,
  mergeMessages,
  removePending,
  updatePending,
  type PendingMessage,
} from "@/lib/client/messageStore";
import { ana, msg, range, ROOM } from "./client-fixtures";

function pending(clientId: string, over: Partial<PendingMessage> = {}): PendingMessage {
  return { clientId, roomId: ROOM, body: "hi", author: ana, createdAt: new Date().toISOString(), status: "sending", error: null, ...over };
}

describe("mergeMessages", () => {
  it("keeps messages sorted by seq whatever order pages and events arrive in", () => {
    let log = mergeMessages(emptyLog, range(51, 100));
    log = mergeMessages(log, [msg(101)]);
    log = mergeMessages(log, range(1, 50));
    expect(log.messages.map((m) => m.seq)).toEqual(range(1, 101).map((m) => m.seq));
    expect(lowestSeq(log)).toBe(1);
    expect(highestSeq(log)).toBe(101);
  });

  it("drops duplicates by seq and by id", () => {
    let log = mergeMessages(emptyLog, range(1, 3));
    const same = log;
    log = mergeMessages(log, [msg(2), msg(3)]);
    expect(log).toBe(same);
    log = mergeMessages(log, [msg(9, { id: "m1" })]);
    expect(log.messages).toHaveLength(3);
  });

  it("keeps the copy with the highest rev, whatever order copies arrive in", () => {
    let log = mergeMessages(emptyLog, [msg(1)]);
    log = mergeMessages(log, [msg(1, { body: "", deleted: true, rev: 2 })]);
    expect(log.messages[0]?.deleted).toBe(true);
    log = mergeMessages(log, [msg(1, { body: "edited", rev: 1 })]);
    expect(log.messages[0]).toMatchObject({ deleted: true, rev: 2 });
  });

  it("applies a message:updated copy only to a message it holds, and only when newer", () => {
    const log = mergeMessages(emptyLog, range(5, 7));
    const edited = applyUpdate(log, msg(6, { body: "changed", rev: 1 }));
    expect(edited.messages[1]?.body).toBe("changed");
    expect(applyUpdate(edited, msg(6, { body: "stale", rev: 1 }))).toBe(edited);
    // An older message we never loaded must not be spliced in (it would hide the hole before 5).
    expect(applyUpdate(edited, msg(2, { rev: 1 }))).toBe(edited);
  });

  it("removes the pending copy once the stored message with the same author and clientId arrives", () => {
    let log = addPending(emptyLog, pending("abcdefgh1"));
    log = addPending(log, pending("abcdefgh2"));
    log = mergeMessages(log, [msg(1, { clientId: "abcdefgh1", author: ana })]);
    expect(log.pending.map((p) => p.clientId)).toEqual(["abcdefgh2"]);
    // Another author using the same clientId is not ours.
    log = mergeMessages(log, [msg(2, { clientId: "abcdefgh2" })]);
    expect(log.pending).toHaveLength(1);
  });

  it("returns the same log when nothing changes", () => {
    expect(mergeMessages(emptyLog, [])).toBe(emptyLog);
  });
});

describe("gap detection", () => {
  it("flags a seq beyond highest + 1", () => {
    const log = mergeMessages(emptyLog, range(1, 10));
    expect(leavesGap(log, 11)).toBe(false);
    expect(leavesGap(log, 10)).toBe(false);
    expect(leavesGap(log, 13)).toBe(true);
    expect(leavesGap(emptyLog, 1)).toBe(false);
    expect(leavesGap(emptyLog, 2)).toBe(true);
  });
});

describe("pending messages", () => {
  it("updates and removes by clientId", () => {
    let log = addPending(emptyLog, pending("abcdefgh1"));
    expect(addPending(log, pending("abcdefgh1"))).toBe(log);
    log = updatePending(log, "abcdefgh1", { status: "failed", error: "nope" });
    expect(log.pending[0]).toMatchObject({ status: "failed", error: "nope" });
    expect(updatePending(log, "abcdefgh1", { status: "failed", error: "nope" })).toBe(log);
    log = removePending(log, "abcdefgh1");
    expect(log.pending).toEqual([]);
  });
});

describe("newClientId", () => {
  it("matches the server's clientId rule and is unique", () => {
    const ids = new Set(Array.from({ length: 100 }, () => newClientId()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(CLIENT_ID_PATTERN);
  });
});
