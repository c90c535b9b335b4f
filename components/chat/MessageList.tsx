"use client";

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/Button";
import { Spinner } from "@/components/ui/Spinner";
import { ArrowDownIcon, HashIcon } from "@/components/ui/icons";
import type { RoomSnapshot } from "@/lib/client/roomSync";
import { buildTimeline, timelineMessages } from "@/lib/client/timeline";
import { MessageRow } from "./MessageRow";

/** Within this many pixels of the bottom counts as "at the bottom". */
const BOTTOM_SLACK = 48;
/** Start loading older history this close to the top. */
const TOP_PREFETCH = 400;

interface MessageListProps {
  roomName: string;
  snapshot: RoomSnapshot;
  selfId: string;
  onLoadOlder: () => void;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
  onRetryLoad: () => void;
}

/**
 * The scrolling message log. Stays pinned to the bottom while the reader is there; otherwise
 * counts new messages on a "New messages" button. Prepending older history keeps the reader's
 * place by re-anchoring on the previously first message.
 */
export function MessageList({ roomName, snapshot, selfId, onLoadOlder, onRetry, onDiscard, onRetryLoad }: MessageListProps) {
  const { log, phase, hasMoreOlder, loadingOlder, olderError } = snapshot;
  const messages = useMemo(() => timelineMessages(log), [log]);
  const [today] = useState(() => new Date());
  const items = useMemo(() => buildTimeline(messages, today), [messages, today]);

  const scrollRef = useRef<HTMLDivElement>(null);
  /** The reader is at the bottom (as of the last scroll): new content keeps it there. */
  const stickRef = useRef(true);
  /** The first message row and its offset at the last commit, to re-anchor after a prepend. */
  const anchorRef = useRef<{ key: string; top: number } | null>(null);
  const lastKeyRef = useRef<string | null>(null);
  const highestSeq = log.messages.at(-1)?.seq ?? 0;
  const highestSeqRef = useRef(highestSeq);
  const [atBottom, setAtBottom] = useState(true);
  /** Everything up to this seq has been seen at the bottom. */
  const [seenSeq, setSeenSeq] = useState(Number.POSITIVE_INFINITY);

  const canLoadOlder = phase === "ready" && hasMoreOlder && !loadingOlder && !olderError;

  const maybeLoadOlder = useCallback(() => {
    const el = scrollRef.current;
    if (el && canLoadOlder && el.scrollTop < TOP_PREFETCH) onLoadOlder();
  }, [canLoadOlder, onLoadOlder]);

  const handleScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK;
    // Leaving the bottom or being there: everything so far has been seen.
    if (bottom || stickRef.current) setSeenSeq(highestSeqRef.current);
    stickRef.current = bottom;
    setAtBottom(bottom);
    maybeLoadOlder();
  }, [maybeLoadOlder]);

  // After every commit: re-anchor prepended history, follow new messages, keep history coming.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    highestSeqRef.current = highestSeq;
    const anchor = anchorRef.current;
    if (anchor && !stickRef.current) {
      const node = el.querySelector<HTMLElement>(`[data-key="${CSS.escape(anchor.key)}"]`);
      if (node && node.offsetTop !== anchor.top) el.scrollTop += node.offsetTop - anchor.top;
    }
    const last = messages.at(-1);
    const lastKey = last?.key ?? null;
    if (lastKey !== lastKeyRef.current) {
      // Our own new message always scrolls into view.
      if (last && last.authorId === selfId && last.status !== "sent") stickRef.current = true;
      lastKeyRef.current = lastKey;
    }
    if (stickRef.current) el.scrollTop = el.scrollHeight;
    const first = messages[0];
    const firstNode = first ? el.querySelector<HTMLElement>(`[data-key="${CSS.escape(first.key)}"]`) : null;
    anchorRef.current = first && firstNode ? { key: first.key, top: firstNode.offsetTop } : null;
    maybeLoadOlder();
  });

  // The pane shrinks when the composer grows or the keyboard opens: stay at the bottom.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (stickRef.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const unseen = atBottom ? 0 : messages.filter((m) => m.seq !== null && m.seq > seenSeq && m.authorId !== selfId).length;

  const scrollToBottom = () => {
    const el = scrollRef.current;
    if (!el) return;
    stickRef.current = true;
    el.scrollTo({ top: el.scrollHeight, behavior: "smooth" });
  };

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div
        ref={scrollRef}
        onScroll={handleScroll}
        role="log"
        aria-label={`Messages in #${roomName}`}
        aria-busy={phase === "loading" || loadingOlder}
        data-testid="message-list"
        className="relative min-h-0 flex-1 overflow-y-auto overscroll-contain pb-2 [overflow-anchor:none]"
      >
        {phase === "ready" && !hasMoreOlder && (
          <div className="px-4 pt-10 pb-4 sm:px-6" data-testid="room-intro">
            <span className="inline-flex size-12 items-center justify-center rounded-xl bg-indigo-50 text-indigo-600">
              <HashIcon className="size-6" />
            </span>
            <h2 className="mt-3 text-xl font-bold text-slate-900">Welcome to #{roomName}</h2>
            <p className="mt-1 text-sm text-slate-500">This is the very beginning of the room.</p>
          </div>
        )}
        {loadingOlder && (
          <div className="flex items-center justify-center gap-2 py-3 text-xs text-slate-500" data-testid="loading-older">
            <Spinner className="size-3.5" /> Loading older messages…
          </div>
        )}
        {olderError && (
          <div className="flex items-center justify-center gap-2 py-3 text-xs text-rose-600">
            Couldn’t load older messages.
            <button type="button" className="font-semibold underline" onClick={onLoadOlder}>
              Try again
            </button>
          </div>
        )}
        {phase === "loading" && messages.length === 0 && (
          <div className="flex h-full items-center justify-center gap-2 text-sm text-slate-500">
            <Spinner className="size-4" /> Loading messages…
          </div>
        )}
        {phase === "error" && (
          <div className="flex h-full flex-col items-center justify-center gap-3 p-6 text-center text-sm text-slate-600">
            <p>{snapshot.error?.message ?? "Could not load this room."}</p>
            <Button variant="secondary" size="sm" onClick={onRetryLoad}>
              Try again
            </Button>
          </div>
        )}
        <ol className="pb-1">
          {items.map((item) =>
            item.kind === "day" ? (
              <li key={item.key} className="relative my-3 flex items-center px-4 sm:px-6" data-testid="day-divider">
                <span className="h-px flex-1 bg-slate-200" aria-hidden="true" />
                <span className="mx-3 rounded-full border border-slate-200 bg-white px-3 py-0.5 text-xs font-medium text-slate-600">{item.label}</span>
                <span className="h-px flex-1 bg-slate-200" aria-hidden="true" />
              </li>
            ) : (
              <MessageRow key={item.key} message={item.message} startsGroup={item.startsGroup} onRetry={onRetry} onDiscard={onDiscard} />
            ),
          )}
        </ol>
      </div>
      {unseen > 0 && (
        <div className="pointer-events-none absolute inset-x-0 bottom-3 flex justify-center">
          <button
            type="button"
            onClick={scrollToBottom}
            data-testid="new-messages"
            className="pointer-events-auto inline-flex items-center gap-1.5 rounded-full bg-indigo-600 px-3.5 py-1.5 text-xs font-semibold text-white shadow-lg hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            {unseen === 1 ? "1 new message" : `${unseen} new messages`}
            <ArrowDownIcon className="size-3.5" />
          </button>
        </div>
      )}
    </div>
  );
}
