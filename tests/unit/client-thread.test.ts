import { describe, expect, it } from "vitest";
import { emptyThread, inThread, mergeThread } from "@/lib/client/thread";
import { isThreadOnly, timelineMessages } from "@/lib/client/timeline";
import { msg } from "./client-fixtures";

const ROOT = "m1";

describe("thread state", () => {
  it("merges the root and its replies by rev, ordered by seq, ignoring other messages", () => {
    const root = msg(1);
    const r3 = msg(3, { threadRootId: ROOT });
    const r5 = msg(5, { threadRootId: ROOT });
    const other = msg(4);
    let s = mergeThread(emptyThread, ROOT, [r5, root, other, r3]);
    expect(s.root).toBe(root);
    expect(s.replies.map((m) => m.seq)).toEqual([3, 5]);

    // A newer root copy (reply count bumped) replaces it; an older one does not.
    const newer = msg(1, { rev: 2, thread: { replyCount: 2, lastReplyAt: null, latestRepliers: [] } });
    s = mergeThread(s, ROOT, [newer]);
    expect(s.root).toBe(newer);
    expect(mergeThread(s, ROOT, [msg(1, { rev: 1 })])).toBe(s);

    // Duplicates (the echo of one's own send) change nothing.
    expect(mergeThread(s, ROOT, [r3, r5])).toBe(s);
    const edited = msg(3, { threadRootId: ROOT, rev: 1, body: "edited" });
    expect(mergeThread(s, ROOT, [edited]).replies[0]?.body).toBe("edited");
  });

  it("knows what belongs to a thread", () => {
    expect(inThread(ROOT, msg(1))).toBe(true);
    expect(inThread(ROOT, msg(2, { threadRootId: ROOT }))).toBe(true);
    expect(inThread(ROOT, msg(2))).toBe(false);
  });
});

describe("main timeline", () => {
  it("hides thread-only replies but shows replies also sent to the room", () => {
    const log = {
      messages: [msg(1), msg(2, { threadRootId: ROOT }), msg(3, { threadRootId: ROOT, alsoInRoom: true }), msg(4)],
      pending: [],
    };
    expect(isThreadOnly(log.messages[1]!)).toBe(true);
    expect(timelineMessages(log).map((m) => m.seq)).toEqual([1, 3, 4]);
    expect(timelineMessages(log)[1]?.threadRootId).toBe(ROOT);
  });
});
