import { describe, expect, it } from "vitest";
import { parseJumpSeq, searchHitHref, snippetParts } from "@/lib/client/search";

describe("search results on the client", () => {
  it("cuts a snippet into plain and highlighted parts, ignoring bad ranges", () => {
    expect(snippetParts("a <b>deploy</b> now", [{ start: 5, end: 11 }])).toEqual([
      { text: "a <b>", match: false },
      { text: "deploy", match: true },
      { text: "</b> now", match: false },
    ]);
    expect(snippetParts("abc", [{ start: 2, end: 9 }, { start: -1, end: 1 }])).toEqual([{ text: "abc", match: false }]);
    expect(snippetParts("abcd", [{ start: 0, end: 2 }, { start: 1, end: 3 }, { start: 3, end: 4 }])).toEqual([
      { text: "ab", match: true },
      { text: "c", match: false },
      { text: "d", match: true },
    ]);
  });

  it("links a result to its message in context, a thread-only reply to its root and thread", () => {
    const room = { id: "r1", name: "x", kind: "ROOM" as const, visibility: "PUBLIC" as const };
    expect(searchHitHref({ room, seq: 7, threadRootId: null, threadRootSeq: null, inMainTimeline: true })).toBe("/chat/r1?m=7");
    expect(searchHitHref({ room, seq: 9, threadRootId: "root", threadRootSeq: 3, inMainTimeline: false })).toBe("/chat/r1?m=3&thread=root");
    expect(searchHitHref({ room, seq: 9, threadRootId: "root", threadRootSeq: 3, inMainTimeline: true })).toBe("/chat/r1?m=9");
  });

  it("accepts only positive integer seqs from ?m=", () => {
    expect(parseJumpSeq("12")).toBe(12);
    for (const bad of [null, "", "0", "-1", "1.5", "abc", "1e3", "9999999999"]) expect(parseJumpSeq(bad)).toBeNull();
  });
});
