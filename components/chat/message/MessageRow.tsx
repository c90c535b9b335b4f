"use client";

import { useLocale, useTranslations } from "next-intl";
import { memo, useCallback, useRef, useState, type Ref } from "react";
import { Avatar } from "@/components/ui/Avatar";
import { cx } from "@/components/ui/cx";
import { useHydrated } from "@/components/ui/useHydrated";
import { fullTimestamp, mentionsSelf, shortTimeLabel, timeLabel, type TimelineMessage } from "@/lib/client/timeline";
import { useConversation } from "@/components/providers/ConversationContext";
import { MessageActions, MoreActionsButton } from "./MessageActions";
import { MessageMenu } from "./MessageMenu";
import { useLongPress } from "./useLongPress";
import { MessageAttachments } from "./MessageAttachments";
import { MessageBody } from "./MessageBody";
import { ConversationFooter, PinnedMark } from "./MessageConversation";
import { MessageEditor } from "./MessageEditor";
import { usePeople } from "@/components/providers/PeopleProvider";
import { PersonButton } from "../people/ProfileCard";

interface MessageRowProps {
  message: TimelineMessage;
  startsGroup: boolean;
  /** Briefly marked: the message a jump (search result, link) led to. */
  highlighted?: boolean;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
  /** The row's index in the virtual list (read back by the virtualiser when it measures the row). */
  index?: number;
  ref?: Ref<HTMLLIElement>;
  /** The row is the list's one Tab stop (roving focus: tabindex 0, every other row -1). */
  tabStop?: boolean;
  /** The inline editor is open (kept by the list, so a row scrolled away and back keeps it). */
  editing?: boolean;
  /** Open (this message's key) or close (null) the inline editor. */
  onEditingChange?: (key: string | null) => void;
}

/**
 * One message. The body is rendered as a markdown subset by MessageBody (raw HTML shows as
 * literal text, see there).
 */
export const MessageRow = memo(function MessageRow({ message, startsGroup, highlighted, onRetry, onDiscard, index, ref, tabStop = false, editing = false, onEditingChange }: MessageRowProps) {
  const t = useTranslations("messages.row");
  const locale = useLocale();
  const at = new Date(message.createdAt);
  // Times are the reader's zone and locale: none in the server-rendered HTML (the server's zone
  // is not the reader's, and hydration must match it), filled in once hydrated.
  const hydrated = useHydrated();
  const title = hydrated ? fullTimestamp(at, locale) : undefined;
  const setEditing = (on: boolean) => onEditingChange?.(on ? message.key : null);
  const authorName = usePeople().nameOf(message.authorId, message.authorName);
  const conv = useConversation();
  const selfId = conv?.selfId;
  const mentioned = selfId !== undefined && !message.deleted && mentionsSelf(message, selfId);
  // The action menu (touch, keyboard, ⋯), opened beside what opened it.
  const [menu, setMenu] = useState<DOMRect | null>(null);
  const rowRef = useRef<HTMLLIElement | null>(null);
  const setRef = useCallback(
    (el: HTMLLIElement | null) => {
      rowRef.current = el;
      if (typeof ref === "function") ref(el);
      else if (ref) ref.current = el;
    },
    [ref],
  );
  const hasMenu = conv !== null && message.id !== null && !message.deleted && !editing;
  const openMenu = (anchor: Element) => {
    if (hasMenu) setMenu(anchor.getBoundingClientRect());
  };
  const closeMenu = () => {
    setMenu(null);
    rowRef.current?.focus({ preventScroll: true });
  };
  const longPress = useLongPress(() => {
    if (rowRef.current) openMenu(rowRef.current);
  });
  return (
    <li
      ref={setRef}
      tabIndex={tabStop ? 0 : -1}
      {...(hasMenu ? longPress : {})}
      onKeyDown={(e) => {
        // Enter, the context-menu key or Shift+F10 on the focused row opens its menu.
        if (e.target !== e.currentTarget || !hasMenu) return;
        if (e.key === "Enter" || e.key === "ContextMenu" || (e.key === "F10" && e.shiftKey)) {
          e.preventDefault();
          openMenu(e.currentTarget);
        }
      }}
      onContextMenu={(e) => {
        if (hasMenu) longPress.onContextMenu(e);
        // The context-menu key on the focused row (not a right click on its text).
        if (hasMenu && e.target === e.currentTarget) {
          e.preventDefault();
          openMenu(e.currentTarget);
        }
      }}
      data-index={index}
      data-testid="message"
      data-key={message.key}
      data-seq={message.seq ?? undefined}
      data-status={message.status}
      data-author-id={message.authorId}
      data-pinned={message.pinned || undefined}
      data-deleted={message.deleted ? "true" : undefined}
      data-mentioned={mentioned || undefined}
      data-highlighted={highlighted || undefined}
      className={cx(
        "group relative flex gap-3 px-4 py-0.5 select-none max-sm:pr-11 pointer-coarse:pr-11 hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 sm:px-6 sm:select-auto",
        startsGroup && "pt-4",
        message.pinned && "bg-amber-50/40",
        mentioned && "bg-amber-50 shadow-[inset_3px_0_0_var(--color-amber-400)] hover:bg-amber-100/70",
        highlighted && "bg-yellow-100 transition-colors duration-700 hover:bg-yellow-100",
      )}
    >
      <div className="w-9 shrink-0">
        {startsGroup ? (
          <PersonButton userId={message.authorId} name={authorName} decorative>
            <Avatar id={message.authorId} name={authorName} avatarUrl={message.authorAvatarUrl} />
          </PersonButton>
        ) : (
          <time
            dateTime={message.createdAt}
            title={title}
            className="block pt-0.5 text-right text-[10px] leading-5 whitespace-nowrap text-slate-400 tabular-nums opacity-0 group-focus-within:opacity-100 group-hover:opacity-100"
          >
            {hydrated ? shortTimeLabel(at, locale) : null}
          </time>
        )}
      </div>
      <div className="min-w-0 flex-1">
        {startsGroup && (
          <p className="flex items-baseline gap-2">
            <span className="truncate text-sm font-semibold text-slate-900" data-testid="message-author">
              <PersonButton userId={message.authorId} name={authorName}>
                {authorName}
              </PersonButton>
            </span>
            <time dateTime={message.createdAt} title={title} className="shrink-0 text-xs text-slate-500">
              {hydrated ? timeLabel(at, locale) : null}
            </time>
            {message.pinned && <PinnedMark />}
          </p>
        )}
        {!startsGroup && message.pinned && <PinnedMark />}
        {message.deleted ? (
          <p className="text-sm text-slate-400 italic" data-testid="message-deleted">
            {message.removedByModerator ? t("removed") : t("deleted")}
          </p>
        ) : editing && message.id !== null ? (
          <MessageEditor messageId={message.id} body={message.body} onDone={() => setEditing(false)} />
        ) : (
          <div
            data-testid="message-body"
            // Isolates the text's direction ([dir] gets unicode-bidi: isolate): an RTL override in a
            // message cannot reorder the name, time or anything around it.
            dir="auto"
            className={cx("text-[15px] leading-6 break-words text-slate-800", message.status !== "sent" && message.status !== "failed" && "text-slate-500")}
          >
            <MessageBody body={message.body} mentioned={message.mentioned} />
            {message.edited && (
              <span className="text-xs text-slate-400" data-testid="message-edited" title={message.editedAt && hydrated ? t("editedAt", { at: fullTimestamp(new Date(message.editedAt), locale) }) : undefined}>
                {t("edited")}
              </span>
            )}
          </div>
        )}
        {!message.deleted && message.attachments.length > 0 && <MessageAttachments attachments={message.attachments} />}
        <ConversationFooter message={message} />
        {(message.status === "sending" || message.status === "queued") && (
          <p className="text-xs text-slate-400" data-testid="message-status">
            {message.status === "sending" ? t("sending") : t("queued")}
          </p>
        )}
        {message.status === "failed" && (
          <p className="flex flex-wrap items-center gap-x-2 text-xs text-rose-600" role="alert" data-testid="message-status">
            <span>{message.error ? t("failedWhy", { reason: message.error }) : t("failed")}</span>
            <button type="button" onClick={() => onRetry(message.clientId)} className="font-semibold underline underline-offset-2 hover:no-underline">
              {t("retry")}
            </button>
            <button type="button" onClick={() => onDiscard(message.clientId)} className="text-slate-500 underline underline-offset-2 hover:no-underline">
              {t("discard")}
            </button>
          </p>
        )}
      </div>
      {!editing && <MessageActions message={message} onStartEdit={() => setEditing(true)} onOpenMenu={openMenu} />}
      {hasMenu && <MoreActionsButton touch onOpen={openMenu} />}
      {menu && <MessageMenu message={message} anchor={menu} onClose={closeMenu} onStartEdit={() => setEditing(true)} />}
    </li>
  );
});
