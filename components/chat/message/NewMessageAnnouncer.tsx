"use client";

/**
 * What a screen reader hears of the message list: the messages that arrive live, from others,
 * after the room has loaded — "Ana: see you at noon" — and nothing else. The list itself is no
 * live region, so history loaded by scrolling up, a jump to an old message or the first page
 * is never read out. Visually hidden; polite, so it waits for the reader to pause; emptied a few
 * seconds later, so no stale text stays behind.
 */
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { TimelineMessage } from "@/lib/client/timeline";

/** More than this many at once are summed up ("5 new messages") rather than read one by one. */
const READ_AT_MOST = 3;
const BODY_CHARS = 200;
/**
 * The announcement is emptied this long after it was made: read by then (a polite region waits
 * for a pause, not longer), it must not linger for someone who browses onto it later.
 */
export const ANNOUNCEMENT_CLEAR_MS = 5000;

interface NewMessageAnnouncerProps {
  messages: readonly TimelineMessage[];
  /** The log shows the live end (not a detached window after a jump) and has loaded. */
  live: boolean;
  selfId: string;
}

function spoken(m: TimelineMessage, attachmentOnly: string): string {
  const body = m.body.trim();
  const text = body ? (body.length > BODY_CHARS ? `${body.slice(0, BODY_CHARS)}…` : body) : m.attachments.length > 0 ? attachmentOnly : "";
  return `${m.authorName}: ${text}`;
}

export function NewMessageAnnouncer({ messages, live, selfId }: NewMessageAnnouncerProps) {
  // The highest seq already accounted for (shown when the room loaded, or announced since); null before the first load.
  const t = useTranslations("messages.announcer");
  const highWater = useRef<number | null>(null);
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    let top = -1;
    for (const m of messages) if (m.seq !== null && m.seq > top) top = m.seq;
    const before = highWater.current;
    // Loading, or a detached window: what is there is history, taken in without a word.
    if (!live || before === null) {
      if (live || top >= 0) highWater.current = Math.max(top, before ?? -1);
      return;
    }
    if (top > before) highWater.current = top;
    const fresh = messages.filter((m) => m.seq !== null && m.seq > before && m.authorId !== selfId && !m.deleted);
    if (fresh.length === 0) return;
    setAnnouncement(fresh.length > READ_AT_MOST ? t("many", { count: fresh.length }) : fresh.map((m) => spoken(m, t("attachment"))).join(". "));
  }, [messages, live, selfId, t]);

  useEffect(() => {
    if (!announcement) return;
    const timer = setTimeout(() => setAnnouncement(""), ANNOUNCEMENT_CLEAR_MS);
    return () => clearTimeout(timer);
  }, [announcement]);

  return (
    <div className="sr-only" aria-live="polite" aria-atomic="true" data-testid="new-message-announcer">
      {announcement}
    </div>
  );
}
