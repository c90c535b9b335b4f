/**
 * Message search on the client: how a snippet is cut into plain and highlighted text (rendered
 * as React text, never as HTML), and where a result leads. Pure.
 */
import type { SearchHit } from "@/lib/shared/types";

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** The snippet as consecutive parts; out-of-range or overlapping ranges are ignored. */
export function snippetParts(snippet: string, highlights: readonly { start: number; end: number }[]): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const { start, end } of highlights) {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < at || end <= start || end > snippet.length) continue;
    if (start > at) parts.push({ text: snippet.slice(at, start), match: false });
    parts.push({ text: snippet.slice(start, end), match: true });
    at = end;
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), match: false });
  return parts;
}

/**
 * The room page that shows a result in context: `?m=<seq>` jumps to the message. A reply shown
 * only in its thread jumps to the thread's root and opens the thread (`&thread=<rootId>`).
 */
export function searchHitHref(hit: Pick<SearchHit, "room" | "seq" | "threadRootId" | "threadRootSeq" | "inMainTimeline">): string {
  const base = `/chat/${encodeURIComponent(hit.room.id)}`;
  if (!hit.inMainTimeline && hit.threadRootId && hit.threadRootSeq !== null) {
    return `${base}?m=${hit.threadRootSeq}&thread=${encodeURIComponent(hit.threadRootId)}`;
  }
  return `${base}?m=${hit.seq}`;
}

/** A `?m=` value as a seq, or null when it is not a positive integer. */
export function parseJumpSeq(value: string | null): number | null {
  if (value === null || !/^\d{1,9}$/.test(value)) return null;
  const seq = Number(value);
  return seq >= 1 ? seq : null;
}
