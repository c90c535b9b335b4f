"use client";

/**
 * The hover toolbar of a message (also reachable by keyboard: it shows while the row has
 * focus). One button per action the reader may take; other features add theirs here. The last,
 * "More actions", opens the full action menu (MessageMenu). On phones and touch screens, where
 * nothing hovers, the toolbar stays hidden and the row shows only its ⋯ button (MoreActionsButton).
 */
import { useTranslations } from "next-intl";
import { useState } from "react";
import { PencilIcon, TrashIcon } from "@/components/ui/icons";
import { cx } from "@/components/ui/cx";
import { isApiError } from "@/lib/client/api";
import type { TimelineMessage } from "@/lib/client/timeline";
import { ReportButton } from "@/components/moderation/ReportButton";
import { useMessageActions } from "@/components/providers/MessageActionsContext";
import { ConversationButtons } from "./MessageConversation";

interface MessageActionsProps {
  message: TimelineMessage;
  /** Switch the row to its inline editor. */
  onStartEdit: () => void;
  /** Open the full action menu beside this button. */
  onOpenMenu: (anchor: HTMLElement) => void;
}

/** Delete (one's own) or remove (a moderator) a message, after asking. */
export function useRemoveMessage(message: TimelineMessage) {
  const t = useTranslations("messages.actions");
  const actions = useMessageActions();
  const [busy, setBusy] = useState(false);
  const own = message.authorId === actions?.selfId;
  const remove = async () => {
    if (!actions || message.id === null) return;
    const question = own ? t("deleteConfirm") : t("removeConfirm");
    if (!window.confirm(question)) return;
    setBusy(true);
    try {
      await actions.remove(message.id);
    } catch (e) {
      window.alert(isApiError(e) ? e.message : t("deleteFailed"));
    } finally {
      setBusy(false);
    }
  };
  return { remove, busy };
}

export function MessageActions({ message, onStartEdit, onOpenMenu }: MessageActionsProps) {
  const t = useTranslations("messages.actions");
  const actions = useMessageActions();
  const { remove, busy } = useRemoveMessage(message);
  if (!actions || message.id === null || message.deleted || actions.readOnly) return null;
  const id = message.id;
  const own = message.authorId === actions.selfId;
  const canDelete = own || actions.canModerate;

  return (
    <div
      role="toolbar"
      aria-label={t("toolbar")}
      data-testid="message-actions"
      className="absolute -top-3 right-4 z-10 hidden items-center gap-0.5 rounded-lg bg-white p-0.5 shadow-sm ring-1 ring-slate-200 group-focus-within:flex group-hover:flex max-sm:hidden! sm:right-6 pointer-coarse:hidden!"
    >
      <ConversationButtons message={message} />
      {own && (
        <ToolbarButton label={t("edit")} onClick={onStartEdit} disabled={busy}>
          <PencilIcon className="size-4" />
        </ToolbarButton>
      )}
      {canDelete && (
        <ToolbarButton label={own ? t("delete") : t("remove")} onClick={remove} disabled={busy} danger>
          <TrashIcon className="size-4" />
        </ToolbarButton>
      )}
      {!own && (
        <ReportButton
          messageId={id}
          className="inline-flex size-7 items-center justify-center rounded-md text-slate-500 transition-colors hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
        />
      )}
      <MoreActionsButton onOpen={onOpenMenu} />
    </div>
  );
}

/**
 * "More actions" (⋯): in the toolbar, and on phones and touch screens always visible at the
 * row's top right (`touch`), where the toolbar cannot appear.
 */
export function MoreActionsButton({ onOpen, touch }: { onOpen: (anchor: HTMLElement) => void; touch?: boolean }) {
  const t = useTranslations("messages.actions");
  return (
    <button
      type="button"
      aria-label={t("more")}
      title={t("more")}
      aria-haspopup="dialog"
      data-testid={touch ? "message-more" : undefined}
      onClick={(e) => onOpen(e.currentTarget)}
      className={cx(
        "items-center justify-center rounded-md text-slate-500 transition-colors hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600",
        touch ? "absolute top-0.5 right-1 hidden size-9 max-sm:inline-flex pointer-coarse:inline-flex" : "inline-flex size-7",
      )}
    >
      <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
        <circle cx="4.5" cy="10" r="1.5" />
        <circle cx="10" cy="10" r="1.5" />
        <circle cx="15.5" cy="10" r="1.5" />
      </svg>
    </button>
  );
}

function ToolbarButton({ label, onClick, disabled, danger, children }: { label: string; onClick: () => void; disabled?: boolean; danger?: boolean; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
      className={`inline-flex size-7 items-center justify-center rounded-md text-slate-500 transition-colors focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-40 ${danger ? "hover:bg-rose-50 hover:text-rose-600" : "hover:bg-slate-100 hover:text-slate-900"}`}
    >
      {children}
    </button>
  );
}
