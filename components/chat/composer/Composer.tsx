"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useDraft } from "@/components/providers/DraftsProvider";
import { useSocket } from "@/components/providers/SocketProvider";
import { cx } from "@/components/ui/cx";
import { SendIcon } from "@/components/ui/icons";
import { TypingThrottle, type TypingSignal } from "@/lib/client/typing";
import { MESSAGE_MAX_LENGTH } from "@/lib/shared/schemas";
import type { RefusedSend } from "@/lib/client/roomSync";
import type { AttachmentDTO, UserSummary } from "@/lib/shared/types";
import { AttachButton, AttachmentTray, useAttachmentTray } from "./AttachmentTray";
import { emojiSource, useEmojiCatalogue } from "./EmojiAutocomplete";
import { ComposerEmojiButton } from "./ComposerEmojiButton";
import { mentionSource } from "./MentionAutocomplete";
import { useAutocomplete } from "./useAutocomplete";

/** Show the character counter from here on. */
const COUNTER_FROM = MESSAGE_MAX_LENGTH - 500;
const MAX_HEIGHT_PX = 200;

interface ComposerProps {
  roomId: string;
  roomName: string;
  /** Queue the message; the composer has already trimmed and length-checked it. `attachments`: uploaded files to send with it. */
  onSend: (body: string, attachments: AttachmentDTO[]) => void;
  /** Why the user cannot post here (muted, locked): shown instead of the input. */
  blockedReason?: string | null;
  /** A note under the input (e.g. slow mode). */
  hint?: string | null;
  /** The textbox's name and placeholder; default `Message #<roomName>`. */
  label?: string;
  /** People `@` suggests (the room's members but the reader). */
  mentionCandidates?: readonly UserSummary[];
  /** Slow mode: the time (ms since the epoch) before which the reader may not send again. */
  slowModeUntil?: number | null;
  /** The last message, refused for good: its reason is shown (its text is back in the input, its files in the tray) until dismissed or sent again. */
  refused?: RefusedSend | null;
  onDismissRefusal?: () => void;
  /** ↑ in the empty input: edit the reader's last message; true when there was one to edit. */
  onEditLast?: () => boolean;
}

const NO_CANDIDATES: readonly UserSummary[] = [];

/** Enter sends, Shift+Enter adds a line. Tells the room we are typing, throttled. What is typed is kept as the room's draft. */
export function Composer({
  roomId,
  roomName,
  onSend,
  blockedReason = null,
  hint = null,
  label,
  mentionCandidates = NO_CANDIDATES,
  slowModeUntil = null,
  refused = null,
  onDismissRefusal,
  onEditLast,
}: ComposerProps) {
  const t = useTranslations("composer");
  const { socket } = useSocket();
  const { text, setText } = useDraft({ roomId });
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const emoji = useEmojiCatalogue();
  const sources = useMemo(
    () => [mentionSource(mentionCandidates, { label: t("mentionLabel"), everyone: t("mentionEveryone") }), emojiSource(emoji.catalogue, emoji.load, t("emojiLabel"))],
    [mentionCandidates, emoji.catalogue, emoji.load, t],
  );
  const suggest = useAutocomplete({ sources, textareaRef, text, setText });
  const throttle = useRef(new TypingThrottle());
  const counterId = useId();
  const tray = useAttachmentTray(roomId);
  const waitSeconds = useCountdown(slowModeUntil);
  const refusal = refused?.message ?? null;
  // A refused message's files go back to the tray, once.
  const [restoredFor, setRestoredFor] = useState<string | null>(null);
  if (refused && refused.clientId !== restoredFor) {
    setRestoredFor(refused.clientId);
    if (refused.attachments.length > 0) tray.restore(refused.attachments);
  }

  const signal = (s: TypingSignal) => {
    if (!s || !socket?.connected) return;
    // Volatile: a typing hint is worthless once late, so never buffer it while offline.
    socket.volatile.emit(s === "start" ? "typing:start" : "typing:stop", { roomId });
  };

  // Leaving the room (or the page) while typing: say we stopped.
  useEffect(() => {
    const t = throttle.current;
    return () => {
      if (t.stop() && socket?.connected) socket.volatile.emit("typing:stop", { roomId });
    };
  }, [socket, roomId]);

  // Grow with the content up to a limit, then scroll inside.
  useEffect(() => {
    const el = textareaRef.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [text]);

  const trimmed = text.trim();
  const tooLong = trimmed.length > MESSAGE_MAX_LENGTH;
  const canSend = (trimmed.length > 0 || tray.ready.length > 0) && !tooLong && !tray.busy && !tray.failed && waitSeconds === 0;

  function send() {
    if (!canSend) return;
    onSend(trimmed, tray.ready);
    tray.clear();
    setText("");
    signal(throttle.current.stop());
    textareaRef.current?.focus();
  }

  function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    send();
  }

  function handleKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (suggest.onKeyDown(e)) return;
    if (e.key === "ArrowUp" && !e.altKey && !e.shiftKey && text === "" && onEditLast?.()) {
      e.preventDefault();
      return;
    }
    // isComposing: Enter that confirms an IME composition must not send.
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  }

  if (blockedReason) {
    return (
      <div className="shrink-0 px-3 pb-3 sm:px-6 sm:pb-5">
        <p role="status" data-testid="composer-blocked" className="rounded-xl bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
          {blockedReason}
        </p>
      </div>
    );
  }

  return (
    <form onSubmit={handleSubmit} className="shrink-0 px-3 pb-3 sm:px-6 sm:pb-5" aria-label={t("formLabel")} {...tray.dropProps}>
      <div className={cx("relative rounded-xl shadow-sm ring-1 ring-slate-300 focus-within:ring-2 focus-within:ring-indigo-600", tray.dragging ? "bg-indigo-50 ring-2 ring-indigo-500" : "bg-white")}>
      {suggest.popup}
      <AttachmentTray tray={tray} />
      <div className="flex items-end gap-2 p-1.5">
        <AttachButton tray={tray} />
        <label htmlFor={`${counterId}-input`} className="sr-only">
          {label ?? t("placeholder", { room: roomName })}
        </label>
        <textarea
          id={`${counterId}-input`}
          ref={textareaRef}
          value={text}
          rows={1}
          placeholder={label ?? t("placeholder", { room: roomName })}
          aria-describedby={text.length >= COUNTER_FROM ? counterId : undefined}
          aria-invalid={tooLong || undefined}
          data-testid="composer-input"
          {...suggest.inputProps}
          onChange={(e) => {
            setText(e.target.value);
            suggest.update(e.target.value, e.target.selectionStart);
            signal(throttle.current.input(e.target.value, Date.now()));
          }}
          onClick={(e) => suggest.update(e.currentTarget.value, e.currentTarget.selectionStart)}
          onKeyDown={handleKeyDown}
          onPaste={tray.onPaste}
          onBlur={() => signal(throttle.current.stop())}
          className="max-h-[200px] min-h-9 flex-1 resize-none bg-transparent px-2 py-1.5 text-[15px] leading-6 text-slate-900 placeholder:text-slate-400 focus:outline-none"
        />
        <ComposerEmojiButton textareaRef={textareaRef} text={text} setText={setText} />
        <button
          type="submit"
          disabled={!canSend}
          aria-label={t("send")}
          title={t("sendTitle")}
          className="inline-flex size-9 shrink-0 items-center justify-center rounded-lg bg-indigo-600 text-on-accent transition-colors hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:bg-slate-200 disabled:text-slate-400"
        >
          <SendIcon className="size-[18px]" />
        </button>
      </div>
      </div>
      {refusal && (
        <p role="alert" data-testid="composer-refusal" className="mt-1 flex items-center gap-2 px-1 text-xs text-rose-700">
          <span>{t("refused", { reason: refusal })}</span>
          {onDismissRefusal && (
            <button type="button" onClick={onDismissRefusal} className="font-semibold underline underline-offset-2 hover:no-underline">
              {t("dismiss")}
            </button>
          )}
        </p>
      )}
      <div className="mt-1 flex h-4 items-center justify-between px-1 text-[11px] text-slate-400">
        {waitSeconds > 0 && (
          <span data-testid="slow-mode-countdown" role="timer" aria-live="off" className="mr-2 font-medium text-amber-700 tabular-nums">
            {t("slowMode", { seconds: waitSeconds })}
          </span>
        )}
        {hint && waitSeconds === 0 && (
          <span data-testid="composer-hint" className="mr-2 font-medium text-amber-700">
            {hint}
          </span>
        )}
        <span className="hidden sm:inline">
          {t.rich("keys", { kbd: (chunks) => <kbd className="font-sans font-semibold">{chunks}</kbd> })}
        </span>
        {text.length >= COUNTER_FROM && (
          <span id={counterId} data-testid="char-counter" aria-live="polite" className={cx("ml-auto tabular-nums", tooLong ? "font-semibold text-rose-600" : "text-slate-500")}>
            {tooLong ? t("overLimit", { count: trimmed.length - MESSAGE_MAX_LENGTH }) : t("charactersLeft", { count: MESSAGE_MAX_LENGTH - trimmed.length })}
          </span>
        )}
      </div>
    </form>
  );
}

/** Whole seconds left until `until` (0 once passed, or with no deadline), ticking each second. */
function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    const tick = () => {
      const t = Date.now();
      setNow(t);
      if (t >= until) window.clearInterval(timer);
    };
    const timer = window.setInterval(tick, 250);
    const first = window.setTimeout(tick, 0);
    return () => {
      window.clearInterval(timer);
      window.clearTimeout(first);
    };
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}
