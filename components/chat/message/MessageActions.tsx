"use client";

/**
 * The hover toolbar of a message (also reachable by keyboard: it shows while the row has
 * focus). One button per action the reader may take; other features add theirs here.
 */
import { useState } from "react";
import { PencilIcon, TrashIcon } from "@/components/ui/icons";
import { isApiError } from "@/lib/client/api";
import type { TimelineMessage } from "@/lib/client/timeline";
import { ReportButton } from "@/components/moderation/ReportButton";
import { useMessageActions } from "@/components/providers/MessageActionsContext";
import { ConversationButtons } from "./MessageConversation";

interface MessageActionsProps {
  message: TimelineMessage;
  /** Switch the row to its inline editor. */
  onStartEdit: () => void;
}

export function MessageActions({ message, onStartEdit }: MessageActionsProps) {
  const actions = useMessageActions();
  const [busy, setBusy] = useState(false);
  if (!actions || message.id === null || message.deleted || actions.readOnly) return null;
  const id = message.id;
  const own = message.authorId === actions.selfId;
  const canDelete = own || actions.canModerate;

  const remove = async () => {
    const question = own ? "Delete this message? Everyone will see “message deleted” instead." : "Remove this message as a moderator?";
    if (!window.confirm(question)) return;
    setBusy(true);
    try {
      await actions.remove(id);
    } catch (e) {
      window.alert(isApiError(e) ? e.message : "Could not delete the message.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      role="toolbar"
      aria-label="Message actions"
      data-testid="message-actions"
      className="absolute -top-3 right-4 z-10 hidden items-center gap-0.5 rounded-lg bg-white p-0.5 shadow-sm ring-1 ring-slate-200 group-focus-within:flex group-hover:flex sm:right-6"
    >
      <ConversationButtons message={message} />
      {own && (
        <ToolbarButton label="Edit message" onClick={onStartEdit} disabled={busy}>
          <PencilIcon className="size-4" />
        </ToolbarButton>
      )}
      {canDelete && (
        <ToolbarButton label={own ? "Delete message" : "Remove message"} onClick={remove} disabled={busy} danger>
          <TrashIcon className="size-4" />
        </ToolbarButton>
      )}
      {!own && (
        <ReportButton
          messageId={id}
          className="inline-flex size-7 items-center justify-center rounded-md text-slate-500 transition-colors hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
        />
      )}
    </div>
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
