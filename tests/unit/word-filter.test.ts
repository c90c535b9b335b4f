import { describe, expect, it } from "vitest";
import { ZWordFilterTerm } from "@/lib/shared/moderation";
import { WordMatcher } from "@/server/services/word-filter-match";

describe("word filter matching", () => {
  const m = new WordMatcher([
    { term: "darn", mode: "MASK" },
    { term: "spam*", mode: "BLOCK" },
    { term: "*heck", mode: "MASK" },
    { term: "buy now", mode: "BLOCK" },
  ]);

  it("masks whole words, case-insensitively, keeping the rest", () => {
    expect(m.apply("Darn it, DARN!")).toEqual({ blocked: null, body: "**** it, ****!" });
    expect(m.apply("darning is fine")).toEqual({ blocked: null, body: "darning is fine" });
    expect(m.apply("what the flipheck")).toEqual({ blocked: null, body: "what the ********" });
  });

  it("blocks with prefix wildcards and phrases", () => {
    expect(m.apply("so spammy")).toEqual({ blocked: "spam*" });
    expect(m.apply("please BUY   now!")).toEqual({ blocked: "buy now" });
    expect(m.apply("buy it now")).toEqual({ blocked: null, body: "buy it now" });
  });

  it("leaves bodies alone with an empty list", () => {
    expect(new WordMatcher([]).apply("anything")).toEqual({ blocked: null, body: "anything" });
  });

  it("stays fast on hostile input (no regex built from terms)", () => {
    const big = new WordMatcher(Array.from({ length: 500 }, (_, i) => ({ term: `*w${i}*`, mode: "MASK" as const })));
    const body = "a".repeat(2000) + " " + "ab ".repeat(600);
    const t = performance.now();
    big.apply(body);
    expect(performance.now() - t).toBeLessThan(500);
  });

  it("accepts only plain terms with * at word edges", () => {
    expect(ZWordFilterTerm.safeParse("Bad*").data).toBe("bad*");
    expect(ZWordFilterTerm.safeParse("b*d").success).toBe(false);
    expect(ZWordFilterTerm.safeParse("(a+)+$").success).toBe(false);
    expect(ZWordFilterTerm.safeParse("***").success).toBe(false);
  });
});

describe("word filter normalisation", () => {
  const m = new WordMatcher([
    { term: "bad", mode: "BLOCK" },
    { term: "darn", mode: "MASK" },
  ]);

  it.each([
    ["zero-width space", "so b\u200Bad"],
    ["soft hyphen", "so b\u00ADad"],
    ["word joiner", "so b\u2060ad"],
    ["combining mark", "so ba\u0301d"],
    ["full-width letters", "so \uFF42\uFF41\uFF44"],
    ["upper case", "so BAD"],
    ["Hangul filler", "so b\u3164ad"],
  ])("a hidden blocked word is still blocked: %s", (_, body) => {
    expect(m.apply(body)).toEqual({ blocked: "bad" });
  });

  it("masks the original characters, hidden ones included, and nothing around them", () => {
    expect(m.apply("well d\u200Barn it")).toEqual({ blocked: null, body: "well ***** it" });
    expect(m.apply("e\u0301t\u00E9 DA\u0301RN!")).toEqual({ blocked: null, body: "e\u0301t\u00E9 *****!" });
    expect(m.apply("\uFF44\uFF41\uFF52\uFF4E, ok")).toEqual({ blocked: null, body: "****, ok" });
    // Astral characters before the span keep the positions right.
    expect(m.apply("😀 darn 😀")).toEqual({ blocked: null, body: "😀 **** 😀" });
  });

  it("leaves words that only look alike through real letters alone", () => {
    expect(m.apply("badge bard b ad")).toEqual({ blocked: null, body: "badge bard b ad" });
  });
});
