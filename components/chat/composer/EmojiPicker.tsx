"use client";

import { useEffect, useRef } from "react";
import { cx } from "@/components/ui/cx";

/** The built-in set: common reactions, with names for screen readers. */
export const COMMON_EMOJI: readonly { emoji: string; name: string }[] = [
  { emoji: "👍", name: "thumbs up" },
  { emoji: "👎", name: "thumbs down" },
  { emoji: "❤️", name: "heart" },
  { emoji: "😂", name: "tears of joy" },
  { emoji: "🎉", name: "party" },
  { emoji: "😮", name: "surprised" },
  { emoji: "😢", name: "sad" },
  { emoji: "🙏", name: "thanks" },
  { emoji: "👀", name: "eyes" },
  { emoji: "🔥", name: "fire" },
  { emoji: "✅", name: "done" },
  { emoji: "❌", name: "no" },
  { emoji: "💯", name: "hundred" },
  { emoji: "🚀", name: "rocket" },
  { emoji: "👏", name: "clap" },
  { emoji: "🤔", name: "thinking" },
  { emoji: "😄", name: "smile" },
  { emoji: "😍", name: "love it" },
  { emoji: "🙌", name: "hooray" },
  { emoji: "💡", name: "idea" },
  { emoji: "⭐", name: "star" },
  { emoji: "👋", name: "wave" },
  { emoji: "😅", name: "phew" },
  { emoji: "🤝", name: "deal" },
];

/** Open the picker upwards when its anchor is in the lower half of the window (the list would clip it). */
export function pickerDirection(anchor: Element): "up" | "down" {
  return anchor.getBoundingClientRect().top > window.innerHeight / 2 ? "up" : "down";
}

interface EmojiPickerProps {
  onPick: (emoji: string) => void;
  onClose: () => void;
  className?: string;
}

/** A small popover grid of emoji. Escape or a click outside closes it. */
export function EmojiPicker({ onPick, onClose, className }: EmojiPickerProps) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>("button")?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") close.current();
    };
    const onDown = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) close.current();
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onDown);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onDown);
    };
  }, []);

  return (
    <div
      ref={ref}
      role="dialog"
      aria-label="Pick a reaction"
      data-testid="emoji-picker"
      className={cx("z-30 grid w-64 grid-cols-6 gap-0.5 rounded-xl border border-slate-200 bg-white p-2 shadow-xl", className)}
    >
      {COMMON_EMOJI.map(({ emoji, name }) => (
        <button
          key={emoji}
          type="button"
          aria-label={`React with ${name}`}
          title={name}
          onClick={() => {
            onPick(emoji);
            onClose();
          }}
          className="flex size-9 items-center justify-center rounded-lg text-xl hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {emoji}
        </button>
      ))}
    </div>
  );
}
