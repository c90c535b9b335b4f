"use client";

/** The composer's emoji button: opens the searchable picker and inserts the pick at the caret. */
import { useTranslations } from "next-intl";
import { useRef, useState, type RefObject } from "react";
import { cx } from "@/components/ui/cx";
import { SmileIcon } from "../sidebar/conversationIcons";
import { EmojiPicker } from "./EmojiPicker";

/** `text` with `insert` put in place of the selection `[start, end)`, and the caret after it. */
export function insertAt(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  return { text: text.slice(0, start) + insert + text.slice(end), caret: start + insert.length };
}

export function ComposerEmojiButton({ textareaRef, text, setText }: { textareaRef: RefObject<HTMLTextAreaElement | null>; text: string; setText: (text: string) => void }) {
  const t = useTranslations("composer");
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  /** The selection when the picker opened (the textarea loses it to the search box). */
  const selection = useRef<[number, number]>([0, 0]);
  return (
    <span className="relative shrink-0">
      <button
        ref={buttonRef}
        type="button"
        aria-label={t("insertEmoji")}
        title={t("insertEmoji")}
        aria-expanded={open}
        aria-haspopup="dialog"
        data-testid="composer-emoji"
        // While open, a press here is the toggle closing it, not a press outside.
        onPointerDown={(e) => open && e.stopPropagation()}
        onClick={() => {
          const el = textareaRef.current;
          selection.current = el ? [el.selectionStart, el.selectionEnd] : [text.length, text.length];
          setOpen(!open);
        }}
        className="inline-flex size-9 items-center justify-center rounded-lg text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <SmileIcon />
      </button>
      {open && (
        <EmojiPicker
          purpose="insert"
          className={cx("absolute right-0 bottom-full mb-2")}
          onClose={() => {
            setOpen(false);
            buttonRef.current?.focus();
          }}
          onPick={(emoji) => {
            const [start, end] = selection.current;
            const next = insertAt(text, start, end, emoji);
            setText(next.text);
            requestAnimationFrame(() => {
              const el = textareaRef.current;
              if (!el) return;
              el.focus();
              el.setSelectionRange(next.caret, next.caret);
            });
          }}
        />
      )}
    </span>
  );
}
