"use client";

/**
 * The conversation parts of a message row: the hover toolbar's react / reply / pin buttons,
 * and under the body the reactions and the thread summary. They act through the room's
 * ConversationContext and render nothing outside a room view.
 */
import { useTranslations } from "next-intl";
import { useFormats } from "@/components/ui/useFormats";
import { useState, type ButtonHTMLAttributes } from "react";
import { Avatar } from "@/components/ui/Avatar";
import { cx } from "@/components/ui/cx";
import type { TimelineMessage } from "@/lib/client/timeline";
import { useHydrated } from "@/components/ui/useHydrated";
import type { ThreadSummary as ThreadSummaryData } from "@/lib/shared/types";
import { PinIcon, ReplyIcon, SmileIcon } from "../sidebar/conversationIcons";
import { useConversation } from "@/components/providers/ConversationContext";
import { EmojiPicker, pickerDirection } from "../composer/EmojiPicker";
import { ReactionBar } from "./ReactionBar";

/** A button of the message hover toolbar (MessageActions); `label` is its name and tooltip. */
function MessageActionButton({ label, className, children, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { label: string }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      className={cx(
        "inline-flex size-7 items-center justify-center rounded-md text-slate-500 transition-colors hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-40",
        className,
      )}
      {...rest}
    >
      {children}
    </button>
  );
}

/** React, reply in thread, pin: toolbar buttons for a stored message (inside MessageActions). */
export function ConversationButtons({ message }: { message: TimelineMessage }) {
  const t = useTranslations("messages.actions");
  const conv = useConversation();
  const [picking, setPicking] = useState<"up" | "down" | null>(null);
  if (!conv || message.id === null || message.deleted) return null;
  const id = message.id;
  return (
    <>
      {conv.canPost && (
        <span className="relative">
          <MessageActionButton label={t("addReaction")} onClick={(e) => setPicking(picking ? null : pickerDirection(e.currentTarget))} aria-expanded={picking !== null}>
            <SmileIcon />
          </MessageActionButton>
          {picking && (
            <EmojiPicker
              className={cx("absolute right-0", picking === "up" ? "bottom-full mb-1" : "top-full mt-1")}
              onClose={() => setPicking(null)}
              onPick={(emoji) => {
                const mine = message.reactions.find((r) => r.emoji === emoji)?.users.some((u) => u.id === conv.selfId);
                if (!mine) conv.setReaction(id, emoji, true);
              }}
            />
          )}
        </span>
      )}
      <MessageActionButton label={t("replyInThread")} onClick={() => conv.openThread(message.threadRootId ?? id)}>
        <ReplyIcon />
      </MessageActionButton>
      {conv.canPin && (
        <MessageActionButton label={message.pinned ? t("unpin") : t("pin")} aria-pressed={message.pinned} onClick={() => conv.setPinned(id, !message.pinned)}>
          <PinIcon />
        </MessageActionButton>
      )}
    </>
  );
}

/** Under the body: pinned mark, "replied in a thread" link, reactions, thread summary. */
export function ConversationFooter({ message }: { message: TimelineMessage }) {
  const t = useTranslations("messages");
  const conv = useConversation();
  if (message.id === null || message.deleted) return null;
  const id = message.id;
  return (
    <>
      {message.threadRootId && (
        <button
          type="button"
          onClick={() => conv?.openThread(message.threadRootId ?? id)}
          className="text-xs text-slate-500 hover:text-indigo-600 hover:underline"
          data-testid="in-thread-link"
        >
          {t("repliedInThread")}
        </button>
      )}
      <ReactionBar
        reactions={message.reactions}
        selfId={conv?.selfId ?? ""}
        onToggle={conv?.canPost ? (emoji, on) => conv.setReaction(id, emoji, on) : undefined}
      />
      {message.thread && <ThreadSummaryButton thread={message.thread} onOpen={() => conv?.openThread(id)} />}
    </>
  );
}

/** "3 replies · Last reply 5:02 PM" with the latest repliers' avatars. */
export function ThreadSummaryButton({ thread, onOpen }: { thread: ThreadSummaryData; onOpen: () => void }) {
  const t = useTranslations("messages");
  const formats = useFormats();
  // The reader's zone, once hydrated (the server-rendered HTML has no time: see MessageRow).
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      onClick={onOpen}
      data-testid="thread-summary"
      className="mt-1 flex items-center gap-2 rounded-lg border border-transparent px-1 py-0.5 text-xs hover:border-slate-200 hover:bg-white"
    >
      <span className="flex -space-x-1">
        {thread.latestRepliers.map((u) => (
          <span key={u.id} title={u.name} className="scale-75">
            <Avatar id={u.id} name={u.name} avatarUrl={u.avatarUrl} size="sm" />
          </span>
        ))}
      </span>
      <span className="font-semibold text-indigo-600" data-testid="reply-count">
        {t("replies", { count: thread.replyCount })}
      </span>
      {thread.lastReplyAt && hydrated && <span className="text-slate-500">{t("lastReply", { at: formats.time(thread.lastReplyAt) })}</span>}
    </button>
  );
}

/** A small "Pinned" mark beside the author line. */
export function PinnedMark() {
  const t = useTranslations("messages");
  return (
    <span className="inline-flex items-center gap-0.5 text-[11px] font-medium text-amber-700" data-testid="pinned-mark">
      <PinIcon className="size-3" /> {t("pinned")}
    </span>
  );
}
