"use client";

/**
 * `@` suggestions for the composer: after an `@` at the start of a word, the room's members whose
 * name (or a word of it) starts with what follows, and `@room`. A pick inserts `@Name `. The
 * popup itself is useAutocomplete's.
 */
import { Avatar } from "@/components/ui/Avatar";
import { ROOM_MENTION } from "@/lib/shared/mentions";
import type { UserSummary } from "@/lib/shared/types";
import type { AutocompleteSource } from "./useAutocomplete";

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

/** The `@` source of the composer's autocomplete, over `candidates` (the room's members but the reader). */
export function mentionSource(candidates: readonly UserSummary[], text: { label: string; everyone: string }): AutocompleteSource {
  return {
    label: text.label,
    testId: "mention-suggestions",
    optionTestId: "mention-option",
    trigger: QUERY,
    suggest: (query) =>
      suggestionsFor(query, candidates).map((s) => ({
        key: s.id,
        insert: `@${s.name} `,
        content: s.room ? (
          <>
            <span className="inline-flex size-5 items-center justify-center rounded bg-slate-200 text-[11px] font-bold text-slate-600" aria-hidden="true">
              @
            </span>
            <span className="truncate font-medium">@room</span>
            <span className="ml-auto text-xs text-slate-500">{text.everyone}</span>
          </>
        ) : (
          <>
            <Avatar id={s.id} name={s.name} avatarUrl={s.avatarUrl} size="xs" />
            <span className="truncate font-medium">{s.name}</span>
          </>
        ),
      })),
  };
}
