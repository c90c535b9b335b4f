"use client";

/**
 * The action menu of one message, for touch and keyboard: opened by a long press on the row, by
 * its "More actions" (⋯) button, or by Enter / the context-menu key / Shift+F10 on a focused
 * row. A bottom sheet on phones and touch screens, a popover beside the row elsewhere. It holds
 * every action the reader may take: a quick reaction row, reply in thread, quote reply, edit,
 * delete, report, pin, copy text, copy link. Escape or a press outside closes it; ↑/↓ move between its items.
 */
import { useTranslations } from "next-intl";
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { cx } from "@/components/ui/cx";
import { useDismiss } from "@/components/ui/useDismiss";
import { useMediaQuery } from "@/components/ui/useMediaQuery";
import type { TimelineMessage } from "@/lib/client/timeline";
import { ReportDialog } from "@/components/moderation/ReportButton";
import { useConversation } from "@/components/providers/ConversationContext";
import { useMessageActions } from "@/components/providers/MessageActionsContext";
import { useDraftStore } from "@/components/providers/DraftsProvider";
import { messageHref, withQuote } from "@/lib/client/messageLinks";
import { COMMON_EMOJI } from "../composer/EmojiPicker";
import { useRemoveMessage } from "./MessageActions";

/** The quick reactions offered first in the menu. */
const QUICK_EMOJI = COMMON_EMOJI.filter((e) => ["👍", "❤️", "😂", "🎉", "😮", "🙏"].includes(e.emoji));
/** Wide enough for a popover beside the row; narrower screens and coarse pointers get a sheet. */
const SHEET_QUERY = "(max-width: 639px), (pointer: coarse)";
const POPOVER_WIDTH = 224;

interface MessageMenuProps {
  message: TimelineMessage;
  /** Where the menu was opened from (the ⋯ button or the row): the popover sits beside it. */
  anchor: DOMRect;
  onClose: () => void;
  onStartEdit: () => void;
}

export function MessageMenu({ message, anchor, onClose, onStartEdit }: MessageMenuProps) {
  const conv = useConversation();
  const t = useTranslations("messages.actions");
  const actions = useMessageActions();
  const { remove } = useRemoveMessage(message);
  const drafts = useDraftStore();
  const sheet = useMediaQuery(SHEET_QUERY);
  const [reporting, setReporting] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  // The sheet's backdrop is inside: a tap on it closes the sheet on click, so the click does not
  // land on whatever was under the backdrop once it is gone.
  const rootRef = useRef<HTMLDivElement>(null);
  useDismiss(rootRef, !reporting, onClose);

  useLayoutEffect(() => {
    if (!reporting) panelRef.current?.querySelector<HTMLButtonElement>("[role=menuitem], button")?.focus();
  }, [reporting, sheet]);

  if (message.id === null || message.deleted) return null;
  if (reporting) return <ReportDialog messageId={message.id} onClose={onClose} />;
  const id = message.id;
  const own = message.authorId === actions?.selfId;
  const writable = actions !== null && !actions.readOnly;
  const canReact = conv?.canPost === true;
  const then = (run: () => void) => () => {
    onClose();
    run();
  };

  const items: { label: string; run: () => void; danger?: boolean }[] = [];
  if (conv) items.push({ label: t("replyInThread"), run: then(() => conv.openThread(message.threadRootId ?? id)) });
  if (conv?.canPost && drafts && message.body) items.push({ label: t("quote"), run: then(() => quoteInComposer(drafts, conv.roomId, message.body)) });
  if (own && writable) items.push({ label: t("edit"), run: then(onStartEdit) });
  if (conv?.canPin) items.push({ label: message.pinned ? t("unpin") : t("pin"), run: then(() => conv.setPinned(id, !message.pinned)) });
  if (message.body) items.push({ label: t("copyText"), run: then(() => void navigator.clipboard?.writeText(message.body).catch(() => undefined)) });
  if (conv && message.seq !== null) {
    // (A row of the room's list is in its main timeline: the link needs no thread.)
    const href = messageHref(conv.roomId, message.seq);
    items.push({ label: t("copyLink"), run: then(() => void navigator.clipboard?.writeText(new URL(href, window.location.origin).href).catch(() => undefined)) });
  }
  if (!own && actions) items.push({ label: t("report"), run: () => setReporting(true) });
  if (writable && (own || actions.canModerate)) items.push({ label: own ? t("delete") : t("remove"), run: then(() => void remove()), danger: true });

  // ↑/↓ (and Home/End) move between the menu's buttons, wrapping; Tab works as usual.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!["ArrowUp", "ArrowDown", "Home", "End"].includes(e.key)) return;
    const buttons = [...(panelRef.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
    if (buttons.length === 0) return;
    e.preventDefault();
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = e.key === "Home" ? 0 : e.key === "End" ? buttons.length - 1 : (at + (e.key === "ArrowDown" ? 1 : -1) + buttons.length) % buttons.length;
    buttons[next]?.focus();
  };

  const top = anchor.bottom + 4 + 320 > window.innerHeight ? undefined : anchor.bottom + 4;
  const style = sheet
    ? undefined
    : {
        left: Math.max(8, Math.min(anchor.right - POPOVER_WIDTH, window.innerWidth - POPOVER_WIDTH - 8)),
        ...(top === undefined ? { bottom: Math.max(8, window.innerHeight - anchor.top + 4) } : { top }),
        width: POPOVER_WIDTH,
      };

  return createPortal(
    <div ref={rootRef}>
      {sheet && <div className="fixed inset-0 z-40 bg-black/50" aria-hidden="true" data-testid="sheet-backdrop" onClick={onClose} />}
      <div
        ref={panelRef}
        role="dialog"
        aria-label={t("toolbar")}
        data-testid={sheet ? "message-sheet" : "message-menu"}
        onKeyDown={onKeyDown}
        style={style}
        className={cx(
          "fixed z-50 bg-white text-slate-900 shadow-xl ring-1 ring-slate-900/10",
          sheet ? "sheet-in inset-x-0 bottom-0 rounded-t-2xl p-3 pb-[max(env(safe-area-inset-bottom),0.75rem)]" : "rounded-xl p-1.5",
        )}
      >
        {sheet && <div className="mx-auto mb-2 h-1 w-10 rounded-full bg-slate-300" aria-hidden="true" />}
        {canReact && (
          <div role="group" aria-label={t("quickReactions")} className={cx("flex justify-between gap-1 border-b border-slate-100", sheet ? "px-1 pb-3" : "pb-1.5")}>
            {QUICK_EMOJI.map(({ emoji, name }) => {
              const mine = message.reactions.find((r) => r.emoji === emoji)?.users.some((u) => u.id === conv.selfId) ?? false;
              return (
                <button
                  key={emoji}
                  type="button"
                  aria-label={t("reactWith", { name })}
                  aria-pressed={mine}
                  onClick={then(() => conv.setReaction(id, emoji, !mine))}
                  className={cx(
                    "inline-flex items-center justify-center rounded-full leading-none transition-colors focus-visible:outline-2 focus-visible:outline-indigo-600",
                    sheet ? "size-11 text-2xl" : "size-8 text-lg",
                    mine ? "bg-indigo-100" : "hover:bg-slate-100",
                  )}
                >
                  {emoji}
                </button>
              );
            })}
          </div>
        )}
        <div role="menu" aria-label={t("toolbar")} className={cx("flex flex-col", canReact && "pt-1.5")}>
          {items.map((item) => (
            <MenuItem key={item.label} onClick={item.run} danger={item.danger} large={sheet}>
              {item.label}
            </MenuItem>
          ))}
        </div>
      </div>
    </div>,
    document.body,
  );
}

/** Put `body` as a quote before the room's draft, then the caret in the composer, after it all. */
function quoteInComposer(drafts: NonNullable<ReturnType<typeof useDraftStore>>, roomId: string, body: string): void {
  const next = withQuote(drafts.get({ roomId }), body);
  drafts.set({ roomId }, next);
  // After the menu has closed and given the focus back to the row.
  requestAnimationFrame(() => {
    const input = document.querySelector<HTMLTextAreaElement>('[data-testid="composer-input"]');
    if (!input) return;
    input.focus();
    input.setSelectionRange(next.length, next.length);
  });
}

function MenuItem({ onClick, danger, large, children }: { onClick: () => void; danger?: boolean; large: boolean; children: ReactNode }) {
  return (
    <button
      type="button"
      role="menuitem"
      onClick={onClick}
      className={cx(
        "w-full rounded-lg px-3 text-left text-sm focus-visible:outline-2 focus-visible:outline-indigo-600",
        large ? "py-3 text-base" : "py-1.5",
        danger ? "text-rose-600 hover:bg-rose-50 focus:bg-rose-50" : "hover:bg-slate-100 focus:bg-slate-100",
      )}
    >
      {children}
    </button>
  );
}
