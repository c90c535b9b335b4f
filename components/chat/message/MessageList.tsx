"use client";

import { useFormats } from "@/components/ui/useFormats";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from "react";
import { Button } from "@/components/ui/Button";
import { Spinner } from "@/components/ui/Spinner";
import { ArrowDownIcon, HashIcon } from "@/components/ui/icons";
import type { UserSummary } from "@/lib/shared/types";
import { DmFaces } from "../room/DmFaces";
import type { RoomSnapshot } from "@/lib/client/roomSync";
import { buildTimeline, timelineMessages } from "@/lib/client/timeline";
import { isRowMoveKey, nextMessageIndex } from "@/lib/client/keyboardNav";
import { withReadMarks, type Row } from "./messageRows";
import { MessageRow } from "./MessageRow";
import { NewMessageAnnouncer } from "./NewMessageAnnouncer";
import { useMessageListScroll, type MessageListHandle } from "./useMessageListScroll";
import { cx } from "@/components/ui/cx";
import { useHydrated } from "@/components/ui/useHydrated";

/** Rows the server renders (and hydration keeps) before the virtualiser measures: about a tall screen's worth. */
const PREHYDRATION_ROWS = 30;

export type { MessageListHandle } from "./useMessageListScroll";

interface MessageListProps {
  roomName: string;
  /** A DM's other people (its intro speaks of them); null for a room. */
  dmPeople?: readonly UserSummary[] | null;
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
  dmPeople = null,
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
  const t = useTranslations("messages");
  const locale = useLocale();
  const formats = useFormats();
  const messages = useMemo(() => timelineMessages(log), [log]);
  const [today] = useState(() => new Date());
  const hydrated = useHydrated();
  const rows = useMemo<Row[]>(() => {
    const head: Row[] = [];
    if (phase === "ready" && !hasMoreOlder) head.push({ kind: "intro", key: "intro" });
    if (loadingOlder) head.push({ kind: "loading-older", key: "loading-older" });
    if (olderError) head.push({ kind: "older-error", key: "older-error" });
    // Day dividers are the reader's calendar days: not in the server-rendered rows (the server's
    // zone is not the reader's, and hydration must match the HTML); they appear once hydrated.
    const words = { today: t("today"), yesterday: t("yesterday") };
    const timeline = buildTimeline(messages, today, locale, words);
    return [...head, ...withReadMarks(hydrated ? timeline : timeline.filter((i) => i.kind !== "day"), selfId, unreadAfterSeq, seenBy)];
  }, [messages, today, phase, hasMoreOlder, loadingOlder, olderError, selfId, unreadAfterSeq, seenBy, locale, t, hydrated]);

  // Roving focus: one message row is the list's Tab stop (the newest until another gets the
  // focus); ↑/↓/Home/End move it. The inline editor's row is kept here too, so both survive the
  // virtualiser unmounting a row that scrolls away.
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [editingKey, setEditingKey] = useState<string | null>(null);
  const lastMessageKey = useMemo(() => rows.findLast((r) => r.kind === "message")?.key ?? null, [rows]);
  const tabStopKey = focusKey !== null && rows.some((r) => r.key === focusKey) ? focusKey : lastMessageKey;

  const { scrollRef, virtualizer, atBottom, seenSeq, scrollToBottom } = useMessageListScroll({
    rows,
    messages,
    snapshot,
    selfId,
    onLoadOlder,
    onLoadNewer,
    onNewestSeen,
    ref,
    onEditLastOwn: () => {
      const index = rows.findLastIndex((r) => r.kind === "message" && r.message.authorId === selfId && r.message.id !== null && !r.message.deleted && r.message.status === "sent");
      const row = rows[index];
      if (!row) return false;
      virtualizer.scrollToIndex(index, { align: "auto" });
      setEditingKey(row.key);
      return true;
    },
  });

  // Focus a row once it is rendered: after scrollToIndex the virtualiser mounts it a frame or two later.
  const pendingFocus = useRef<string | null>(null);
  const focusRow = useCallback(
    (key: string, index: number) => {
      setFocusKey(key);
      pendingFocus.current = key;
      virtualizer.scrollToIndex(index, { align: "auto" });
      let tries = 0;
      const attempt = () => {
        if (pendingFocus.current !== key) return;
        const el = scrollRef.current?.querySelector<HTMLElement>(`[data-testid="message"][data-key="${CSS.escape(key)}"]`);
        if (el) {
          pendingFocus.current = null;
          el.focus({ preventScroll: true });
          el.scrollIntoView({ block: "nearest" });
        } else if (++tries < 20) requestAnimationFrame(attempt);
      };
      attempt();
    },
    [virtualizer, scrollRef],
  );
  useEffect(() => () => void (pendingFocus.current = null), []);

  const onListKeyDown = (e: KeyboardEvent<HTMLOListElement>) => {
    const target = e.target as HTMLElement;
    if (target.dataset.testid !== "message" || !isRowMoveKey(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
    const from = rows.findIndex((r) => r.key === target.dataset.key);
    const to = nextMessageIndex(rows, from, e.key);
    e.preventDefault();
    const row = to === null ? undefined : rows[to];
    if (to !== null && row) focusRow(row.key, to);
  };

  const unseen = atBottom || hasMoreNewer ? 0 : messages.filter((m) => m.seq !== null && m.seq > seenSeq && m.authorId !== selfId).length;
  // Server-rendered (the newest page comes with the HTML) and until hydrated: the last rows in
  // normal flow at the bottom of the pane, so they show before any script runs; then the
  // virtualiser takes over (same keys, same row components) and measures them in place.
  const virtualItems: { index: number }[] = hydrated ? virtualizer.getVirtualItems() : rows.slice(-PREHYDRATION_ROWS).map((_, i) => ({ index: Math.max(0, rows.length - PREHYDRATION_ROWS) + i }));
  const offset = hydrated ? (virtualizer.getVirtualItems()[0]?.start ?? 0) : 0;

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      {/* Not a live region itself (history would be read out as it loads): only live arrivals are announced. */}
      <NewMessageAnnouncer messages={messages} live={phase === "ready" && !hasMoreNewer} selfId={selfId} />
      <div
        ref={scrollRef}
        role="region"
        aria-label={dmPeople ? t("regionDm", { name: roomName }) : t("region", { room: roomName })}
        aria-busy={phase === "loading" || loadingOlder}
        data-testid="message-list"
        data-message-count={messages.length}
        className={cx("relative min-h-0 flex-1 overflow-y-auto overscroll-contain [overflow-anchor:none]", !hydrated && "flex flex-col justify-end")}
      >
        {phase === "loading" && messages.length === 0 && (
          <div className="flex h-full items-center justify-center gap-2 text-sm text-slate-500">
            <Spinner className="size-4" /> {t("loading")}
          </div>
        )}
        {phase === "error" && (
          <div className="flex h-full flex-col items-center justify-center gap-3 p-6 text-center text-sm text-slate-600">
            <p>{snapshot.error?.message ?? t("loadFailed")}</p>
            <Button variant="secondary" size="sm" onClick={onRetryLoad}>
              {t("tryAgain")}
            </Button>
          </div>
        )}
        <div className="relative w-full" style={hydrated ? { height: virtualizer.getTotalSize() } : undefined}>
          {/* Rows stay in normal flow inside a list moved down to the first rendered row, so a
              row's measured height is exactly the space it takes (rows use padding, not margins). */}
          <ol
            className={hydrated ? "absolute inset-x-0 top-0" : undefined}
            style={hydrated ? { transform: `translateY(${offset}px)` } : undefined}
            aria-label={t("listLabel")}
            onKeyDown={onListKeyDown}
            onFocus={(e) => {
              const key = e.target.dataset.testid === "message" ? e.target.dataset.key : undefined;
              if (key) setFocusKey(key);
            }}
          >
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
                      tabStop={row.key === tabStopKey}
                      editing={row.key === editingKey}
                      onEditingChange={setEditingKey}
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
                      {dmPeople ? (
                        <>
                          <DmFaces people={dmPeople} size="md" />
                          <h2 className="mt-3 text-xl font-bold text-slate-900">{roomName}</h2>
                          <p className="mt-1 text-sm text-slate-500">{t("dmIntro", { name: roomName })}</p>
                        </>
                      ) : (
                        <>
                          <span className="inline-flex size-12 items-center justify-center rounded-xl bg-indigo-50 text-indigo-600">
                            <HashIcon className="size-6" />
                          </span>
                          <h2 className="mt-3 text-xl font-bold text-slate-900">{t("welcome", { room: roomName })}</h2>
                          <p className="mt-1 text-sm text-slate-500">{t("roomIntro")}</p>
                        </>
                      )}
                    </li>
                  );
                case "loading-older":
                  return (
                    <li key={row.key} ref={virtualizer.measureElement} data-index={virtual.index} className="flex items-center justify-center gap-2 py-3 text-xs text-slate-500" data-testid="loading-older">
                      <Spinner className="size-3.5" /> {t("loadingOlder")}
                    </li>
                  );
                case "unread":
                  return (
                    <li key={row.key} ref={virtualizer.measureElement} data-index={virtual.index} className="relative flex items-center px-4 py-2 sm:px-6" data-testid="unread-divider">
                      <span className="h-px flex-1 bg-rose-300" aria-hidden="true" />
                      <span className="ml-3 text-xs font-semibold text-rose-600">{t("newDivider")}</span>
                    </li>
                  );
                case "seen":
                  return (
                    <li key={row.key} ref={virtualizer.measureElement} data-index={virtual.index} className="px-4 pb-1 text-right text-xs text-slate-400 sm:px-6" data-testid="seen-by">
                      {t("seenBy", { names: formats.list(row.names) })}
                    </li>
                  );
                case "older-error":
                  return (
                    <li key={row.key} ref={virtualizer.measureElement} data-index={virtual.index} className="flex items-center justify-center gap-2 py-3 text-xs text-rose-600">
                      {t("olderFailed")}
                      <button type="button" className="font-semibold underline" onClick={onLoadOlder}>
                        {t("tryAgain")}
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
          {t("jumpToLatest")}
        </FloatingButton>
      )}
      {unseen > 0 && (
        <FloatingButton onClick={scrollToBottom} testId="new-messages" className="bg-indigo-600 hover:bg-indigo-500">
          {t("newMessages", { count: unseen })}
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
        className={`pointer-events-auto inline-flex items-center gap-1.5 rounded-full px-3.5 py-1.5 text-xs font-semibold text-on-accent shadow-lg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${className}`}
      >
        {children}
        <ArrowDownIcon className="size-3.5" />
      </button>
    </div>
  );
}
