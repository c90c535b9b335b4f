"use client";

/**
 * Inline suggestions for a textarea, shared by `@` mentions and `:` emoji shortcodes: each
 * source says what text before the caret opens it (its trigger, e.g. `@ana`), what it suggests
 * for the query, and what a pick inserts. The first source whose trigger matches wins. A proper
 * combobox pattern: the textarea controls a listbox, ↑/↓ move, Enter or Tab insert, Escape closes (for
 * that trigger), a click picks without taking the focus from the textarea.
 */
import { useCallback, useId, useMemo, useState, type KeyboardEvent, type ReactNode, type RefObject } from "react";
import { cx } from "@/components/ui/cx";

export interface AutocompleteOption {
  key: string;
  /** What replaces the trigger and query (e.g. `@Ana Lee ` or `😄`). */
  insert: string;
  /** The option's content inside its row. */
  content: ReactNode;
}

export interface AutocompleteSource {
  /** The listbox's accessible name. */
  label: string;
  /** data-testid of the listbox and of its options. */
  testId: string;
  optionTestId: string;
  /** Matched against the text before the caret; group 1 is the query, the match ends at the caret. */
  trigger: RegExp;
  suggest(query: string): AutocompleteOption[];
}

interface Query {
  source: number;
  /** Index of the trigger character (`@`, `:`). */
  at: number;
  text: string;
}

function findQuery(sources: readonly AutocompleteSource[], text: string, caret: number): Query | null {
  const before = text.slice(0, caret);
  for (const [source, s] of sources.entries()) {
    const match = s.trigger.exec(before);
    if (!match) continue;
    const query = match[1] ?? "";
    return { source, at: caret - query.length - 1, text: query };
  }
  return null;
}

export interface Autocomplete {
  /** Handle ↑/↓/Enter/Tab/Escape while suggestions show; true when the key was used. */
  onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): boolean;
  /** Call after every change of the text or the caret. */
  update(text: string, caret: number): void;
  /** Attributes for the textarea (the listbox it controls). */
  /**
   * A multi-line textbox with a list autocomplete, not a combobox: ARIA gives a textarea no
   * combobox role, and aria-expanded is not allowed on a textbox; the highlighted option is its
   * aria-activedescendant.
   */
  inputProps: { "aria-autocomplete": "list"; "aria-controls"?: string; "aria-activedescendant"?: string };
  /** The suggestion list, to render above the input (null when closed). */
  popup: ReactNode;
}

export function useAutocomplete(opts: {
  sources: readonly AutocompleteSource[];
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  text: string;
  setText: (text: string) => void;
}): Autocomplete {
  const { sources, textareaRef, text, setText } = opts;
  const listId = useId();
  const [query, setQuery] = useState<Query | null>(null);
  const [active, setActive] = useState(0);
  /** Escape closed the list for the trigger at this index. */
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);

  const source = query ? sources[query.source] : undefined;
  const options = useMemo(() => (query && source ? source.suggest(query.text) : []), [query, source]);
  const open = query !== null && source !== undefined && query.at !== dismissedAt && options.length > 0;
  const activeIndex = Math.min(active, Math.max(0, options.length - 1));

  const update = useCallback(
    (value: string, caret: number) => {
      setQuery(findQuery(sources, value, caret));
      setActive(0);
    },
    [sources],
  );

  const choose = useCallback(
    (option: AutocompleteOption) => {
      if (!query) return;
      const end = query.at + 1 + query.text.length;
      setText(text.slice(0, query.at) + option.insert + text.slice(end));
      setQuery(null);
      const caret = query.at + option.insert.length;
      requestAnimationFrame(() => {
        const el = textareaRef.current;
        if (!el) return;
        el.focus();
        el.setSelectionRange(caret, caret);
      });
    },
    [query, text, setText, textareaRef],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || e.nativeEvent.isComposing) return false;
    switch (e.key) {
      case "ArrowDown":
        setActive((activeIndex + 1) % options.length);
        break;
      case "ArrowUp":
        setActive((activeIndex - 1 + options.length) % options.length);
        break;
      case "Enter":
      case "Tab": {
        const option = options[activeIndex];
        if (!option) return false;
        choose(option);
        break;
      }
      case "Escape":
        setDismissedAt(query.at);
        break;
      default:
        return false;
    }
    e.preventDefault();
    return true;
  };

  const optionId = (i: number) => `${listId}-option-${i}`;
  const popup = open ? (
    <ul
      id={listId}
      role="listbox"
      aria-label={source.label}
      data-testid={source.testId}
      className="absolute inset-x-0 bottom-full z-20 mb-1 max-h-64 overflow-y-auto rounded-lg bg-white py-1 shadow-lg ring-1 ring-slate-200"
    >
      {options.map((option, i) => (
        <li
          key={option.key}
          id={optionId(i)}
          role="option"
          aria-selected={i === activeIndex}
          data-testid={source.optionTestId}
          // Keep the focus in the textarea: choose on mousedown, before it would blur.
          onMouseDown={(e) => {
            e.preventDefault();
            choose(option);
          }}
          onMouseEnter={() => setActive(i)}
          className={cx("flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm", i === activeIndex ? "bg-indigo-50 text-indigo-900" : "text-slate-700")}
        >
          {option.content}
        </li>
      ))}
    </ul>
  ) : null;

  return {
    onKeyDown,
    update,
    popup,
    inputProps: {
      "aria-autocomplete": "list",
      "aria-controls": open ? listId : undefined,
      "aria-activedescendant": open ? optionId(activeIndex) : undefined,
    },
  };
}
