/**
 * The emoji catalogue behind `:shortcode:` autocomplete and the searchable pickers: GitHub's
 * gemoji list (names such as `smile`, tags, descriptions). It is ~350 kB, so it is loaded with a
 * dynamic import the first time something needs it, never in the main bundle.
 */
import { ZEmoji } from "@/lib/shared/schemas";

export interface EmojiEntry {
  emoji: string;
  /** Shortcodes without colons, the first the usual one (`smile`). */
  names: readonly string[];
  tags: readonly string[];
  description: string;
}

let catalogue: Promise<readonly EmojiEntry[]> | null = null;
let loaded: readonly EmojiEntry[] | null = null;

/** The catalogue, loading it once (later calls share the first load). */
export function loadEmojiCatalogue(): Promise<readonly EmojiEntry[]> {
  catalogue ??= import("gemoji").then(
    // Only what the server accepts as a reaction (one emoji), so every suggestion can be used anywhere.
    (m) => (loaded = m.gemoji.filter((g) => ZEmoji.safeParse(g.emoji).success)),
    (e: unknown) => {
      catalogue = null;
      throw e;
    },
  );
  return catalogue;
}

/** The catalogue if it has loaded already, else null. */
export const loadedEmojiCatalogue = (): readonly EmojiEntry[] | null => loaded;

/**
 * Entries matching `query` (case-insensitive), best first: a shortcode equal to it, a shortcode
 * starting with it, a shortcode word (`_`-separated) or tag starting with it, then the
 * description containing it. At most `limit`.
 */
export function searchEmoji(entries: readonly EmojiEntry[], query: string, limit: number): EmojiEntry[] {
  const q = query.trim().toLowerCase().replace(/^:|:$/g, "");
  if (q === "") return entries.slice(0, limit);
  const ranked: { entry: EmojiEntry; rank: number; at: number }[] = [];
  entries.forEach((entry, at) => {
    const rank = rankOf(entry, q);
    if (rank !== null) ranked.push({ entry, rank, at });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.at - b.at);
  return ranked.slice(0, limit).map((r) => r.entry);
}

function rankOf(entry: EmojiEntry, q: string): number | null {
  if (entry.names.includes(q)) return 0;
  if (entry.names.some((n) => n.startsWith(q))) return 1;
  if (entry.names.some((n) => n.split(/[_-]/).some((w) => w.startsWith(q)))) return 2;
  if (entry.tags.some((t) => t.startsWith(q))) return 3;
  if (entry.description.toLowerCase().includes(q)) return 4;
  return null;
}
