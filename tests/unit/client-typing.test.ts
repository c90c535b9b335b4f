import { describe, expect, it } from "vitest";
import { othersTyping, typingExpiresIn, typingText, typistNames, TypingThrottle, TYPING_DISPLAY_TTL_MS } from "@/lib/client/typing";

describe("typingText", () => {
  it("reads naturally for one, two and more people", () => {
    expect(typingText([])).toBe("");
    expect(typingText(["Ana"])).toBe("Ana is typing…");
    expect(typingText(["Ana", "Ben"])).toBe("Ana and Ben are typing…");
    expect(typingText(["Ana", "Ben", "Cy"])).toBe("Several people are typing…");
  });
});

describe("othersTyping and typistNames", () => {
  it("hides yourself and names others from the member list", () => {
    const ids = othersTyping({ userIds: ["me", "a", "x"], receivedAt: 1000 }, "me");
    expect(typistNames(ids, new Map([["a", "Ana"]]))).toEqual(["Ana", "Someone"]);
  });

  it("lets a list expire when no event refreshes it", () => {
    const list = { userIds: ["a"], receivedAt: 1000 };
    expect(typingExpiresIn(list, 1000)).toBe(TYPING_DISPLAY_TTL_MS);
    expect(typingExpiresIn(list, 1000 + TYPING_DISPLAY_TTL_MS)).toBe(0);
    expect(typingExpiresIn(list, 99_999)).toBe(0);
  });
});

describe("TypingThrottle", () => {
  it("starts once, re-sends every refresh interval, and stops once", () => {
    const t = new TypingThrottle(3000);
    expect(t.input("h", 0)).toBe("start");
    expect(t.input("he", 1000)).toBeNull();
    expect(t.input("hel", 2999)).toBeNull();
    expect(t.input("hell", 3000)).toBe("start");
    expect(t.stop()).toBe("stop");
    expect(t.stop()).toBeNull();
  });

  it("stops when the text is emptied and never starts on whitespace", () => {
    const t = new TypingThrottle(3000);
    expect(t.input("   ", 0)).toBeNull();
    expect(t.input("a", 10)).toBe("start");
    expect(t.input("", 20)).toBe("stop");
    expect(t.active).toBe(false);
    expect(t.input("b", 30)).toBe("start");
  });
});
