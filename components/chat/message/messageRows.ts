/** The rows of the message list: the timeline plus notices, read marks and their first size guesses. */
import type { TimelineItem } from "@/lib/client/timeline";

/** A row of the virtual list: the timeline plus the notices shown above the oldest message. */
export type Row =
  | TimelineItem
  | { kind: "intro"; key: string }
  | { kind: "loading-older"; key: string }
  | { kind: "older-error"; key: string }
  | { kind: "unread"; key: string }
  | { kind: "seen"; key: string; names: readonly string[] };

/** The timeline with the "New messages" divider and the "Seen by" line put in place. */
export function withReadMarks(items: TimelineItem[], selfId: string, unreadAfterSeq: number | null, seenBy: { seq: number; names: readonly string[] } | null): Row[] {
  const out: Row[] = [...items];
  if (seenBy && seenBy.names.length > 0) {
    const at = out.findIndex((r) => r.kind === "message" && r.message.seq === seenBy.seq);
    if (at >= 0) out.splice(at + 1, 0, { kind: "seen", key: "seen-by", names: seenBy.names });
  }
  if (unreadAfterSeq !== null) {
    const at = out.findIndex((r) => r.kind === "message" && r.message.seq !== null && r.message.seq > unreadAfterSeq && r.message.authorId !== selfId);
    const first = out[at];
    if (first?.kind === "message") {
      // The first unread message shows its author again below the divider.
      out[at] = { ...first, startsGroup: true };
      // Above the day divider when the first unread message starts a day.
      out.splice(at > 0 && out[at - 1]?.kind === "day" ? at - 1 : at, 0, { kind: "unread", key: "unread-divider" });
    }
  }
  return out;
}

/** First guesses until a row is measured; close guesses keep the scrollbar steady. */
export function estimateRow(row: Row | undefined): number {
  switch (row?.kind) {
    case "day":
      return 48;
    case "intro":
      return 150;
    case "message":
      return row.startsGroup ? 64 : 28;
    default:
      return 40;
  }
}
