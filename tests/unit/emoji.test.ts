import { describe, expect, it } from "vitest";
import { loadEmojiCatalogue, searchEmoji } from "@/lib/client/emoji";
import { SHORTCODE_QUERY } from "@/components/chat/composer/EmojiAutocomplete";
import { ZEmoji } from "@/lib/shared/schemas";

describe("emoji catalogue", () => {
  it("loads gemoji, every entry a single emoji the server accepts", async () => {
    const all = await loadEmojiCatalogue();
    expect(all.length).toBeGreaterThan(1500);
    expect(all.every((e) => ZEmoji.safeParse(e.emoji).success)).toBe(true);
    expect(await loadEmojiCatalogue()).toBe(all);
  });

  it("ranks an exact shortcode first, then prefixes, words, tags, descriptions", async () => {
    const all = await loadEmojiCatalogue();
    expect(searchEmoji(all, "smile", 5)[0]?.emoji).toBe("😄");
    expect(searchEmoji(all, ":smile:", 1)[0]?.emoji).toBe("😄");
    expect(searchEmoji(all, "smi", 8).every((e) => e.names.some((n) => n.startsWith("smi")))).toBe(true);
    expect(searchEmoji(all, "taco", 3).map((e) => e.emoji)).toContain("🌮");
    expect(searchEmoji(all, "ROCKET", 3)[0]?.emoji).toBe("🚀");
    expect(searchEmoji(all, "zzzz-nothing", 5)).toEqual([]);
    expect(searchEmoji(all, "", 4)).toHaveLength(4);
  });
});

describe("shortcode trigger", () => {
  const query = (s: string) => SHORTCODE_QUERY.exec(s)?.[1] ?? null;
  it("opens after a colon at the start of a word with two characters or more", () => {
    expect(query(":sm")).toBe("sm");
    expect(query("hello :smi")).toBe("smi");
    expect(query("(:+1")).toBe("+1");
  });
  it("stays closed for times, URLs, one character and a finished word", () => {
    expect(query("at 12:30")).toBeNull();
    expect(query("https://x")).toBeNull();
    expect(query("hi :s")).toBeNull();
    expect(query(":smile: ")).toBeNull();
  });
});
