import { describe, expect, it } from "vitest";
import { applyPinUpdate } from "@/components/chat/room/PinnedPanel";
import { reactorNames } from "@/components/chat/message/ReactionBar";
import type { ReactionDTO, UserSummary } from "@/lib/shared/types";
import { ana, ben, msg } from "./client-fixtures";

describe("who reacted", () => {
  const r = (users: UserSummary[], count = users.length): ReactionDTO => ({ emoji: "👍", count, users });
  it("names people, calls the reader You, and counts the rest", () => {
    expect(reactorNames(r([ana]), "me")).toBe("Ana");
    expect(reactorNames(r([ana]), ana.id)).toBe("You");
    expect(reactorNames(r([ana, ben]), ben.id)).toBe("Ana and You");
    expect(reactorNames(r([ana, ben, { id: "c", name: "Cy", avatarUrl: null }]), "me")).toBe("Ana, Ben and Cy");
    expect(reactorNames(r([ana, ben, { id: "c", name: "Cy", avatarUrl: null }, { id: "d", name: "Di", avatarUrl: null }]), "me")).toBe("Ana, Ben, Cy and 1 other");
    expect(reactorNames(r([ana, ben, { id: "c", name: "Cy", avatarUrl: null }], 7), "me")).toBe("Ana, Ben, Cy and 4 others");
  });
});

describe("pinned list", () => {
  const pinned = (seq: number, at: string, rev = 1) => msg(seq, { rev, pinned: { at, by: ana } });
  it("adds pinned copies newest pin first, drops unpinned or deleted ones, ignores stale copies", () => {
    let list = applyPinUpdate([], pinned(1, "2025-01-01T10:00:00Z"));
    list = applyPinUpdate(list, pinned(2, "2025-01-01T11:00:00Z"));
    expect(list.map((m) => m.seq)).toEqual([2, 1]);
    expect(applyPinUpdate(list, pinned(1, "2025-01-01T10:00:00Z", 1))).toBe(list);
    list = applyPinUpdate(list, msg(2, { rev: 2, pinned: null }));
    expect(list.map((m) => m.seq)).toEqual([1]);
    list = applyPinUpdate(list, msg(1, { rev: 3, deleted: true, pinned: null }));
    expect(list).toEqual([]);
    // An update of a message that is not pinned leaves the list alone.
    expect(applyPinUpdate(list, msg(5, { rev: 1 }))).toEqual([]);
  });
});
