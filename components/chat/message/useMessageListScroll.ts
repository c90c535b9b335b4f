"use client";

/**
 * The message list's scrolling: a virtualiser anchored at the end (it starts at the bottom,
 * follows new messages while the reader is there, and keeps the first visible row in place when
 * older history is prepended), our own anchor on a message row (day dividers are re-keyed), the
 * opening position ("New messages" or the newest), loading older / newer pages near the edges,
 * and "seen up to" for the read marker and the "New messages" button. The component renders.
 */
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type Ref } from "react";
import type { RoomSnapshot } from "@/lib/client/roomSync";
import type { TimelineMessage } from "@/lib/client/timeline";
import { useHydrated } from "@/components/ui/useHydrated";
import { estimateRow, type Row } from "./messageRows";

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
  /** Open the inline editor on the reader's newest message (↑ in an empty composer); false when there is none. */
  editLastOwn(): boolean;
}

export interface MessageListScrollOptions {
  rows: Row[];
  messages: readonly TimelineMessage[];
  snapshot: RoomSnapshot;
  selfId: string;
  onLoadOlder: () => void;
  onLoadNewer?: () => void;
  onNewestSeen?: (seq: number) => void;
  ref?: Ref<MessageListHandle>;
  /** Behind `editLastOwn` on the handle (the list keeps the editing state). */
  onEditLastOwn: () => boolean;
}

export function useMessageListScroll({ rows, messages, snapshot, selfId, onLoadOlder, onLoadNewer, onNewestSeen, ref, onEditLastOwn }: MessageListScrollOptions) {
  const { log, phase, hasMoreOlder, loadingOlder, olderError, hasMoreNewer, loadingNewer } = snapshot;
  const scrollRef = useRef<HTMLDivElement>(null);
  const hydrated = useHydrated();
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
  const onEditLastOwnRef = useRef(onEditLastOwn);
  useEffect(() => {
    onNewestSeenRef.current = onNewestSeen;
    onEditLastOwnRef.current = onEditLastOwn;
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
    // (Not before hydration: the server-rendered rows are not the virtual list yet, see MessageList.)
    if (!startedRef.current && hydrated && messages.length > 0 && phase === "ready") {
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
      editLastOwn: () => onEditLastOwnRef.current(),
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
    // (hydrated: the list starts only once hydrated, and a room that fits never scrolls to say so.)
    if (hydrated && atBottom && !hasMoreNewer && stickRef.current && startedRef.current && phase === "ready" && highestSeq > 0) onNewestSeen?.(highestSeq);
  }, [hydrated, atBottom, hasMoreNewer, phase, highestSeq, onNewestSeen]);

  return { scrollRef, virtualizer, atBottom, seenSeq, scrollToBottom };
}
