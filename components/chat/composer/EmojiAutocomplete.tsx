"use client";

/**
 * `:` shortcode suggestions for the composer: `:smi` (two characters or more after a colon at
 * the start of a word) lists matching emoji; a pick inserts the emoji itself. The catalogue is
 * loaded lazily the first time a shortcode is typed; until then the source suggests nothing.
 */
import { useCallback, useEffect, useState } from "react";
import { loadEmojiCatalogue, loadedEmojiCatalogue, searchEmoji, type EmojiEntry } from "@/lib/client/emoji";
import type { AutocompleteSource } from "./useAutocomplete";

const MAX_SUGGESTIONS = 8;
/** `:` at the start of the text or after a space or bracket, then 2–30 shortcode characters up to the caret. */
export const SHORTCODE_QUERY = /(?:^|[\s([{])[:]([a-z0-9_+-]{2,30})$/i;

/** The `:` source; `catalogue` null while it loads. */
export function emojiSource(catalogue: readonly EmojiEntry[] | null, onNeeded: () => void, label: string): AutocompleteSource {
  return {
    label,
    testId: "emoji-suggestions",
    optionTestId: "emoji-option",
    trigger: SHORTCODE_QUERY,
    suggest: (query) => {
      if (!catalogue) {
        onNeeded();
        return [];
      }
      return searchEmoji(catalogue, query, MAX_SUGGESTIONS).map((e) => ({
        key: e.emoji,
        insert: e.emoji,
        content: (
          <>
            <span className="text-lg leading-none" aria-hidden="true">
              {e.emoji}
            </span>
            <span className="truncate font-medium">:{e.names[0]}:</span>
          </>
        ),
      }));
    },
  };
}

/** The emoji catalogue once `load()` has been called and it has arrived (null before). */
export function useEmojiCatalogue(): { catalogue: readonly EmojiEntry[] | null; load: () => void } {
  const [catalogue, setCatalogue] = useState(loadedEmojiCatalogue);
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    if (!wanted || catalogue) return;
    let live = true;
    loadEmojiCatalogue().then(
      (c) => live && setCatalogue(c),
      () => live && setWanted(false),
    );
    return () => {
      live = false;
    };
  }, [wanted, catalogue]);
  const load = useCallback(() => setWanted(true), []);
  return { catalogue, load };
}
