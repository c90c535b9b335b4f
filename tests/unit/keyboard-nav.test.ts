import { describe, expect, it } from "vitest";
import { adjacentRoom, nextMessageIndex } from "@/lib/client/keyboardNav";

const rows = [{ kind: "intro" }, { kind: "day" }, { kind: "message" }, { kind: "message" }, { kind: "unread" }, { kind: "message" }, { kind: "seen" }];

describe("nextMessageIndex (roving focus in the message list)", () => {
  it("moves between messages, skipping dividers and notices", () => {
    expect(nextMessageIndex(rows, 3, "ArrowDown")).toBe(5);
    expect(nextMessageIndex(rows, 5, "ArrowUp")).toBe(3);
    expect(nextMessageIndex(rows, 3, "ArrowUp")).toBe(2);
  });
  it("stays at either end", () => {
    expect(nextMessageIndex(rows, 2, "ArrowUp")).toBeNull();
    expect(nextMessageIndex(rows, 5, "ArrowDown")).toBeNull();
    expect(nextMessageIndex(rows, 5, "End")).toBeNull();
  });
  it("Home and End go to the first and last message", () => {
    expect(nextMessageIndex(rows, 5, "Home")).toBe(2);
    expect(nextMessageIndex(rows, 2, "End")).toBe(5);
  });
  it("starts at the newest message when nothing has the focus", () => {
    expect(nextMessageIndex(rows, -1, "ArrowUp")).toBe(5);
    expect(nextMessageIndex(rows, -1, "ArrowDown")).toBe(5);
    expect(nextMessageIndex([{ kind: "intro" }], -1, "ArrowUp")).toBeNull();
  });
});

describe("adjacentRoom (Alt+↑/↓, Alt+Shift+↑/↓)", () => {
  const rooms = [
    { id: "a", unread: false },
    { id: "b", unread: true },
    { id: "c", unread: false },
    { id: "d", unread: true },
  ];
  it("goes to the next or previous room, wrapping around", () => {
    expect(adjacentRoom(rooms, "a", 1)).toBe("b");
    expect(adjacentRoom(rooms, "a", -1)).toBe("d");
    expect(adjacentRoom(rooms, "d", 1)).toBe("a");
  });
  it("with unreadOnly skips read rooms", () => {
    expect(adjacentRoom(rooms, "b", 1, true)).toBe("d");
    expect(adjacentRoom(rooms, "b", -1, true)).toBe("d");
    expect(adjacentRoom(rooms, "c", -1, true)).toBe("b");
    expect(adjacentRoom([{ id: "a", unread: false }, { id: "b", unread: false }], "a", 1, true)).toBeNull();
  });
  it("from outside any room starts at an end", () => {
    expect(adjacentRoom(rooms, null, 1)).toBe("a");
    expect(adjacentRoom(rooms, null, -1)).toBe("d");
    expect(adjacentRoom([], null, 1)).toBeNull();
    expect(adjacentRoom([{ id: "a", unread: true }], "a", 1)).toBeNull();
  });
});
