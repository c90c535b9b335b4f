"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type Ref } from "react";
import { Button } from "@/components/ui/Button";
import { Spinner } from "@/components/ui/Spinner";
import { ArrowDownIcon, HashIcon } from "@/components/ui/icons";
import type { RoomSnapshot } from "@/lib/client/roomSync";
import { buildTimeline, timelineMessages, type TimelineItem } from "@/lib/client/timeline";
import { MessageRow } from "./MessageRow";

/** Within this many pixels of the bottom counts as "at the bottom" (and new messages are followed). */
const BOTTOM_SLACK = 48;
/** Start loading older history this close to the top. */
const TOP_PREFETCH = 400;
/** Rows rendered beyond each edge of the viewport. */
const OVERSCAN = 8;

/** What a parent can ask of the list (`ref` on `<MessageList>`). */
export interface MessageListHandle {
  /**
   * Bring the stored message with this seq into view (centred by default). Returns false when
   * that message is not loaded: load history around it first, then call again.
   */
  scrollToSeq(seq: number, options?: { align?: "start" | "center" | "end"; behavior?: "auto" | "smooth" }): boolean;
  /** Jump to the newest message and follow new ones again. */
  scrollToBottom(): void;
  /** Whether the reader is at the bottom (new messages scroll into view by themselves). */
  isAtBottom(): boolean;
  /** The lowest and highest seq of stored messages at least partly in view, or null when none is. */
  visibleSeqRange(): { first: number; last: number } | null;
}

interface MessageListProps {
  roomName: string;
  snapshot: RoomSnapshot;
  selfId: string;
  onLoadOlder: () => void;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
  onRetryLoad: () => void;
  /** Load the page after the newest loaded message (the log is detached after a jump). */
  onLoadNewer?: () => void;
  /** Back to the newest messages (shown while the log is detached). */
  onJumpToLatest?: () => void;
  /** The message to highlight briefly (a jump's target). */
  highlightSeq?: number | null;
  ref?: Ref<MessageListHandle>;
  /** Show "New messages" above the first message by someone else after this seq (null: none). */
  unreadAfterSeq?: number | null;
  /** DMs: "Seen by …" under our message with this seq. */
  seenBy?: { seq: number; names: readonly string[] } | null;
  /** The newest loaded message (this seq) is in view at the bottom of the list. */
  onNewestSeen?: (seq: number) => void;
}

/** A row of the virtual list: the timeline plus the notices shown above the oldest message. */
type Row =
  | TimelineItem
  | { kind: "intro"; key: string }
  | { kind: "loading-older"; key: string }
  | { kind: "older-error"; key: string }
  | { kind: "unread"; key: string }
  | { kind: "seen"; key: string; names: readonly string[] };

/** The timeline with the "New messages" divider and the "Seen by" line put in place. */
function withReadMarks(items: TimelineItem[], selfId: string, unreadAfterSeq: number | null, seenBy: { seq: number; names: readonly string[] } | null): Row[] {
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
function estimateRow(row: Row | undefined): number {
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

/**
 * The scrolling message log, virtualised: only the rows near the viewport are in the DOM, each
 * measured as it renders, so a room with tens of thousands of loaded messages scrolls as
 * smoothly as one with ten. Chat behaviour comes from the virtualiser's end anchoring: it
 * starts at the bottom, follows new messages while the reader is at the bottom, and keeps the
 * first visible row in place when older history (or a notice) is prepended. Otherwise new
 * messages are counted on a "New messages" button.
 */
export function MessageList({
  roomName,
  snapshot,
  selfId,
  onLoadOlder,
  onRetry,
  onDiscard,
  onRetryLoad,
  onLoadNewer,
  onJumpToLatest,
  highlightSeq,
  ref,
  unreadAfterSeq = null,
  seenBy = null,
  onNewestSeen,
}: MessageListProps) {
  const { log, phase, hasMoreOlder, loadingOlder, olderError, hasMoreNewer, loadingNewer } = snapshot;
  const messages = useMemo(() => timelineMessages(log), [log]);
  const [today] = useState(() => new Date());
  const rows = useMemo<Row[]>(() => {
    const head: Row[] = [];
    if (phase === "ready" && !hasMoreOlder) head.push({ kind: "intro", key: "intro" });
    if (loadingOlder) head.push({ kind: "loading-older", key: "loading-older" });
    if (olderError) head.push({ kind: "older-error", key: "older-error" });
    return [...head, ...withReadMarks(buildTimeline(messages, today), selfId, unreadAfterSeq, seenBy)];
  }, [messages, today, phase, hasMoreOlder, loadingOlder, olderError, selfId, unreadAfterSeq, seenBy]);

  const scrollRef = useRef<HTMLDivElement>(null);
  // The React Compiler is not in use; the virtualiser re-renders this component itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => estimateRow(rows[index]),
    // Keys, not indexes: measured heights survive prepends.
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: OVERSCAN,
    anchorTo: "end",
    // A detached log (after a jump) grows downwards page by page: keep the place, don't follow.
    followOnAppend: !hasMoreNewer,
    scrollEndThreshold: BOTTOM_SLACK,
    paddingEnd: 12,
  });

  const onNewestSeenRef = useRef(onNewestSeen);
  useEffect(() => {
    onNewestSeenRef.current = onNewestSeen;
  });
  /** The reader is at the bottom (as of the last scroll). */
  const stickRef = useRef(true);
  const startedRef = useRef(false);
  const hasMoreNewerRef = useRef(hasMoreNewer);
  hasMoreNewerRef.current = hasMoreNewer;
  const lastKeyRef = useRef<string | null>(null);
  const highestSeq = log.messages.at(-1)?.seq ?? 0;
  const highestSeqRef = useRef(highestSeq);
  const [atBottom, setAtBottom] = useState(true);
  /** Everything up to this seq has been seen at the bottom. */
  const [seenSeq, setSeenSeq] = useState(Number.POSITIVE_INFINITY);

  const canLoadOlder = phase === "ready" && hasMoreOlder && !loadingOlder && !olderError;

  // Near the top by both the element and the virtualiser: a prepend re-anchors on the
  // virtualiser's idea of the position, which must already include the scroll that asked for it.
  const maybeLoadOlder = useCallback(() => {
    const el = scrollRef.current;
    const offset = virtualizer.scrollOffset;
    if (el && canLoadOlder && startedRef.current && el.scrollTop < TOP_PREFETCH && offset !== null && offset < TOP_PREFETCH) onLoadOlder();
    if (el && hasMoreNewer && !loadingNewer && startedRef.current && el.scrollHeight - el.scrollTop - el.clientHeight < TOP_PREFETCH) onLoadNewer?.();
  }, [canLoadOlder, onLoadOlder, hasMoreNewer, loadingNewer, onLoadNewer, virtualizer]);

  /**
   * The first message row in view and its distance from the top of the viewport. The
   * virtualiser anchors prepends on whatever row is at the top, but a day divider is re-keyed
   * (it moves to the new first message of its day), so we also hold on to a message.
   */
  const anchorRef = useRef<{ key: string; rel: number } | null>(null);
  const rowsSeenRef = useRef(rows);
  const currentAnchor = useCallback(() => {
    const offset = virtualizer.scrollOffset;
    if (offset === null) return null;
    for (const item of virtualizer.getVirtualItems()) {
      if (item.end <= offset || rows[item.index]?.kind !== "message") continue;
      return { key: String(item.key), rel: item.start - offset };
    }
    return null;
  }, [rows, virtualizer]);
  const keepAnchor = () => {
    const anchor = anchorRef.current;
    if (!anchor || stickRef.current || !startedRef.current) return;
    const index = rows.findIndex((r) => r.key === anchor.key);
    const start = virtualizer.measurementsCache[index]?.start;
    const offset = virtualizer.scrollOffset;
    if (start === undefined || offset === null) return;
    const target = Math.max(0, start - anchor.rel);
    if (Math.abs(target - offset) > 1) virtualizer.scrollToOffset(target);
  };

  const handleScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK;
    // Leaving the bottom or being there: everything so far has been seen.
    if (bottom || stickRef.current) setSeenSeq(highestSeqRef.current);
    // (Not while the list is a window opened on older history: its bottom is not the newest.)
    if (bottom && startedRef.current && !hasMoreNewerRef.current && highestSeqRef.current > 0) onNewestSeenRef.current?.(highestSeqRef.current);
    stickRef.current = bottom;
    setAtBottom(bottom);
    anchorRef.current = currentAnchor();
    maybeLoadOlder();
  }, [maybeLoadOlder, currentAnchor]);
  const handleScrollRef = useRef(handleScroll);
  useEffect(() => {
    handleScrollRef.current = handleScroll;
  });

  // A native listener added after the virtualiser's own (React's onScroll would run first, at the
  // root, while the virtualiser still holds the previous offset).
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const listener = () => handleScrollRef.current();
    el.addEventListener("scroll", listener, { passive: true });
    return () => el.removeEventListener("scroll", listener);
  }, []);

  const scrollToBottom = useCallback(() => {
    stickRef.current = true;
    virtualizer.scrollToEnd();
  }, [virtualizer]);

  // After every commit: start at the bottom once there is something to show, bring our own
  // new message into view, and keep history coming while the top is near.
  useLayoutEffect(() => {
    highestSeqRef.current = highestSeq;
    if (rows !== rowsSeenRef.current) {
      rowsSeenRef.current = rows;
      keepAnchor();
    }
    if (!startedRef.current && messages.length > 0 && phase === "ready") {
      startedRef.current = true;
      // Open at "New messages" when what was read before it is loaded too; otherwise (nothing
      // unread, or everything loaded is unread) at the newest message.
      const divider = rows.findIndex((r) => r.kind === "unread");
      const firstMessage = rows.findIndex((r) => r.kind === "message");
      if (divider > firstMessage && firstMessage >= 0) {
        stickRef.current = false;
        virtualizer.scrollToIndex(divider, { align: "start" });
        // A short room cannot scroll that far: it is then at the bottom after all (read it).
        requestAnimationFrame(() => handleScrollRef.current());
      } else {
        stickRef.current = true;
        virtualizer.scrollToEnd();
      }
    }
    const last = messages.at(-1);
    const lastKey = last?.key ?? null;
    if (lastKey !== lastKeyRef.current) {
      lastKeyRef.current = lastKey;
      if (last && last.authorId === selfId && last.status !== "sent" && !stickRef.current) scrollToBottom();
    }
    anchorRef.current = currentAnchor();
    maybeLoadOlder();
  });

  // The pane shrinks when the composer grows or the keyboard opens: stay at the bottom.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (stickRef.current && startedRef.current) virtualizer.scrollToEnd();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [virtualizer]);

  useImperativeHandle(
    ref,
    () => ({
      scrollToSeq(seq, options) {
        const index = rows.findIndex((r) => r.kind === "message" && r.message.seq === seq);
        if (index < 0) return false;
        stickRef.current = index === rows.length - 1;
        virtualizer.scrollToIndex(index, { align: options?.align ?? "center", behavior: options?.behavior ?? "auto" });
        return true;
      },
      scrollToBottom,
      isAtBottom: () => stickRef.current,
      visibleSeqRange() {
        const el = scrollRef.current;
        if (!el) return null;
        const top = el.scrollTop;
        const bottom = top + el.clientHeight;
        let first: number | null = null;
        let last: number | null = null;
        for (const item of virtualizer.getVirtualItems()) {
          const row = rows[item.index];
          if (row?.kind !== "message" || row.message.seq === null || item.end <= top || item.start >= bottom) continue;
          first ??= row.message.seq;
          last = row.message.seq;
        }
        return first === null || last === null ? null : { first, last };
      },
    }),
    [rows, virtualizer, scrollToBottom],
  );

  // At the bottom with the newest message in view (not a window opened on an older message):
  // the room has been read up to it.
  useEffect(() => {
    // stickRef too: opening at the divider is not being at the bottom, whatever the first render said.
    if (atBottom && !hasMoreNewer && stickRef.current && startedRef.current && phase === "ready" && highestSeq > 0) onNewestSeen?.(highestSeq);
  }, [atBottom, hasMoreNewer, phase, highestSeq, onNewestSeen]);

  const unseen = atBottom || hasMoreNewer ? 0 : messages.filter((m) => m.seq !== null && m.seq > seenSeq && m.authorId !== selfId).length;
  const virtualItems = virtualizer.getVirtualItems();
  const offset = virtualItems[0]?.start ?? 0;

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <div
        ref={scrollRef}
        role="log"
        aria-label={`Messages in #${roomName}`}
        aria-busy={phase === "loading" || loadingOlder}
        data-testid="message-list"
        data-message-count={messages.length}
        className="relative min-h-0 flex-1 overflow-y-auto overscroll-contain [overflow-anchor:none]"
      >
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
        <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          {/* Rows stay in normal flow inside a list moved down to the first rendered row, so a
              row's measured height is exactly the space it takes (rows use padding, not margins). */}
          <ol className="absolute inset-x-0 top-0" style={{ transform: `translateY(${offset}px)` }}>
            {virtualItems.map((virtual) => {
              const row = rows[virtual.index];
              if (!row) return null;
              switch (row.kind) {
                case "message":
                  return (
                    <MessageRow
                      key={row.key}
                      ref={virtualizer.measureElement}
                      index={virtual.index}
                      message={row.message}
                      startsGroup={row.startsGroup}
                      highlighted={highlightSeq != null && row.message.seq === highlightSeq}
                      onRetry={onRetry}
                      onDiscard={onDiscard}
                    />
                  );
                case "day":
                  return (
                    <li key={row.key} ref={virtualizer.measureElement} data-index={virtual.index} className="relative flex items-center px-4 py-3 sm:px-6" data-testid="day-divider">
                      <span className="h-px flex-1 bg-slate-200" aria-hidden="true" />
                      <span className="mx-3 rounded-full border border-slate-200 bg-white px-3 py-0.5 text-xs font-medium text-slate-600">{row.label}</span>
                      <span className="h-px flex-1 bg-slate-200" aria-hidden="true" />
                    </li>
                  );
                case "intro":
                  return (
                    <li key={row.key} ref={virtualizer.measureElement} data-index={virtual.index} className="px-4 pt-10 pb-4 sm:px-6" data-testid="room-intro">
                      <span className="inline-flex size-12 items-center justify-center rounded-xl bg-indigo-50 text-indigo-600">
                        <HashIcon className="size-6" />
                      </span>
                      <h2 className="mt-3 text-xl font-bold text-slate-900">Welcome to #{roomName}</h2>
                      <p className="mt-1 text-sm text-slate-500">This is the very beginning of the room.</p>
                    </li>
                  );
                case "loading-older":
                  return (
                    <li key={row.key} ref={virtualizer.measureElement} data-index={virtual.index} className="flex items-center justify-center gap-2 py-3 text-xs text-slate-500" data-testid="loading-older">
                      <Spinner className="size-3.5" /> Loading older messages…
                    </li>
                  );
                case "unread":
                  return (
                    <li key={row.key} ref={virtualizer.measureElement} data-index={virtual.index} className="relative flex items-center px-4 py-2 sm:px-6" data-testid="unread-divider">
                      <span className="h-px flex-1 bg-rose-300" aria-hidden="true" />
                      <span className="ml-3 text-xs font-semibold text-rose-600">New messages</span>
                    </li>
                  );
                case "seen":
                  return (
                    <li key={row.key} ref={virtualizer.measureElement} data-index={virtual.index} className="px-4 pb-1 text-right text-xs text-slate-400 sm:px-6" data-testid="seen-by">
                      Seen by {row.names.join(", ")}
                    </li>
                  );
                case "older-error":
                  return (
                    <li key={row.key} ref={virtualizer.measureElement} data-index={virtual.index} className="flex items-center justify-center gap-2 py-3 text-xs text-rose-600">
                      Couldn’t load older messages.
                      <button type="button" className="font-semibold underline" onClick={onLoadOlder}>
                        Try again
                      </button>
                    </li>
                  );
              }
            })}
          </ol>
        </div>
      </div>
      {hasMoreNewer && onJumpToLatest && (
        <FloatingButton onClick={onJumpToLatest} testId="jump-to-latest" className="bg-slate-800 hover:bg-slate-700">
          {loadingNewer ? <Spinner className="size-3.5" /> : null}
          Jump to latest
        </FloatingButton>
      )}
      {unseen > 0 && (
        <FloatingButton onClick={scrollToBottom} testId="new-messages" className="bg-indigo-600 hover:bg-indigo-500">
          {unseen === 1 ? "1 new message" : `${unseen} new messages`}
        </FloatingButton>
      )}
    </div>
  );
}

/** A pill floating above the bottom of the list that leads down (new messages, jump to latest). */
function FloatingButton({ onClick, testId, className, children }: { onClick: () => void; testId: string; className: string; children: ReactNode }) {
  return (
    <div className="pointer-events-none absolute inset-x-0 bottom-3 flex justify-center">
      <button
        type="button"
        onClick={onClick}
        data-testid={testId}
        className={`pointer-events-auto inline-flex items-center gap-1.5 rounded-full px-3.5 py-1.5 text-xs font-semibold text-white shadow-lg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${className}`}
      >
        {children}
        <ArrowDownIcon className="size-3.5" />
      </button>
    </div>
  );
}
