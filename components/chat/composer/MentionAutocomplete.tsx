"use client";

/**
 * `@` suggestions for the composer: after an `@` at the start of a word, the room's members whose
 * name (or a word of it) starts with what follows, and `@room`. ↑/↓ move, Enter or Tab insert
 * `@Name `, Escape closes. Kept out of Composer.tsx so the composer stays small.
 */
import { useCallback, useId, useMemo, useState, type KeyboardEvent, type RefObject } from "react";
import { Avatar } from "@/components/ui/Avatar";
import { cx } from "@/components/ui/cx";
import { ROOM_MENTION } from "@/lib/shared/mentions";
import type { UserSummary } from "@/lib/shared/types";

const MAX_SUGGESTIONS = 8;
/** `@` at the start of the text or after a non-word character, then the query up to the caret. */
const QUERY = /(?:^|[^\p{L}\p{N}_])@([^@\n]{0,40})$/u;

interface Suggestion {
  id: string;
  name: string;
  avatarUrl: string | null;
  /** `@room`: everyone. */
  room: boolean;
}

interface Query {
  /** Index of the `@`. */
  at: number;
  text: string;
}

function findQuery(text: string, caret: number): Query | null {
  const before = text.slice(0, caret);
  const match = QUERY.exec(before);
  if (!match) return null;
  const query = match[1] ?? "";
  return { at: caret - query.length - 1, text: query };
}

function matches(name: string, query: string): boolean {
  const n = name.toLowerCase();
  const q = query.toLowerCase();
  return n.startsWith(q) || n.split(/\s+/).some((word) => word.startsWith(q));
}

export function suggestionsFor(query: string, candidates: readonly UserSummary[]): Suggestion[] {
  const people = candidates.filter((c) => matches(c.name, query)).map((c) => ({ id: c.id, name: c.name, avatarUrl: c.avatarUrl, room: false }));
  const out = people.slice(0, MAX_SUGGESTIONS);
  if (ROOM_MENTION.startsWith(query.toLowerCase())) out.push({ id: "@room", name: ROOM_MENTION, avatarUrl: null, room: true });
  return out;
}

export interface MentionAutocomplete {
  /** Handle ↑/↓/Enter/Tab/Escape while suggestions show; true when the key was used. */
  onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): boolean;
  /** Call after every change of the text or the caret. */
  update(text: string, caret: number): void;
  /** Attributes for the textarea (the listbox it controls). */
  inputProps: { "aria-autocomplete": "list"; "aria-controls"?: string; "aria-expanded": boolean; "aria-activedescendant"?: string };
  /** The suggestion list, to render above the input (null when closed). */
  popup: React.ReactNode;
}

export function useMentionAutocomplete(opts: {
  candidates: readonly UserSummary[];
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  text: string;
  setText: (text: string) => void;
}): MentionAutocomplete {
  const { candidates, textareaRef, text, setText } = opts;
  const listId = useId();
  const [query, setQuery] = useState<Query | null>(null);
  const [active, setActive] = useState(0);
  /** Escape closed the list for the `@` at this index. */
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);

  const suggestions = useMemo(() => (query ? suggestionsFor(query.text, candidates) : []), [query, candidates]);
  const open = query !== null && query.at !== dismissedAt && suggestions.length > 0;
  const activeIndex = Math.min(active, Math.max(0, suggestions.length - 1));

  const update = useCallback((value: string, caret: number) => {
    setQuery(findQuery(value, caret));
    setActive(0);
  }, []);

  const choose = useCallback(
    (s: Suggestion) => {
      if (!query) return;
      const insert = `@${s.name} `;
      const end = query.at + 1 + query.text.length;
      const next = text.slice(0, query.at) + insert + text.slice(end);
      setText(next);
      setQuery(null);
      const caret = query.at + insert.length;
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
        setActive((activeIndex + 1) % suggestions.length);
        break;
      case "ArrowUp":
        setActive((activeIndex - 1 + suggestions.length) % suggestions.length);
        break;
      case "Enter":
      case "Tab": {
        const s = suggestions[activeIndex];
        if (!s) return false;
        choose(s);
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
      aria-label="Mention someone"
      data-testid="mention-suggestions"
      className="absolute inset-x-0 bottom-full mb-1 max-h-64 overflow-y-auto rounded-lg bg-white py-1 shadow-lg ring-1 ring-slate-200"
    >
      {suggestions.map((s, i) => (
        <li
          key={s.id}
          id={optionId(i)}
          role="option"
          aria-selected={i === activeIndex}
          data-testid="mention-option"
          // Keep the focus in the textarea: choose on mousedown, before it would blur.
          onMouseDown={(e) => {
            e.preventDefault();
            choose(s);
          }}
          onMouseEnter={() => setActive(i)}
          className={cx("flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm", i === activeIndex ? "bg-indigo-50 text-indigo-900" : "text-slate-700")}
        >
          {s.room ? (
            <span className="inline-flex size-5 items-center justify-center rounded bg-slate-200 text-[11px] font-bold text-slate-600" aria-hidden="true">
              @
            </span>
          ) : (
            <Avatar id={s.id} name={s.name} avatarUrl={s.avatarUrl} size="xs" />
          )}
          <span className="truncate font-medium">{s.room ? "@room" : s.name}</span>
          {s.room && <span className="ml-auto text-xs text-slate-500">notify everyone here</span>}
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
      "aria-expanded": open,
      "aria-activedescendant": open ? optionId(activeIndex) : undefined,
    },
  };
}
