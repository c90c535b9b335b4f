"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { cx } from "@/components/ui/cx";
import { useDismiss } from "@/components/ui/useDismiss";
import { searchEmoji } from "@/lib/client/emoji";
import { useEmojiCatalogue } from "./EmojiAutocomplete";

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
  /** What a pick does: react to a message (the default) or insert into the composer. */
  purpose?: "react" | "insert";
}

const COLUMNS = 6;
const MAX_RESULTS = 48;

/**
 * A popover grid of emoji with a search box (shortcodes, tags, descriptions of the full emoji
 * catalogue, loaded when the picker first opens). The search box has the focus; ↓ or Tab moves
 * into the grid, arrow keys move in it, Enter in the box picks the first result. Escape or a
 * press outside closes it.
 */
export function EmojiPicker({ onPick, onClose, className, purpose = "react" }: EmojiPickerProps) {
  const t = useTranslations("composer.emoji");
  const ref = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState("");
  const { catalogue, load } = useEmojiCatalogue();
  useDismiss(ref, true, onClose);
  useEffect(() => {
    // On touch screens the grid gets the focus, so opening the picker does not raise the keyboard.
    if (window.matchMedia("(pointer: coarse)").matches) ref.current?.querySelector<HTMLButtonElement>("[data-emoji-cell]")?.focus();
    else inputRef.current?.focus();
    load();
  }, [load]);

  const q = query.trim();
  const shown: readonly { emoji: string; name: string }[] =
    q === "" ? COMMON_EMOJI : catalogue ? searchEmoji(catalogue, q, MAX_RESULTS).map((e) => ({ emoji: e.emoji, name: e.names[0]?.replace(/_/g, " ") ?? e.description })) : [];
  const pick = (emoji: string) => {
    onPick(emoji);
    onClose();
  };

  const buttons = () => [...(ref.current?.querySelectorAll<HTMLButtonElement>("[data-emoji-cell]") ?? [])];
  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const list = buttons();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    if (at === -1) return;
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    const next = at + step;
    if (next < 0) inputRef.current?.focus();
    else list[Math.min(next, list.length - 1)]?.focus();
  };

  return (
    <div
      ref={ref}
      role="dialog"
      aria-label={purpose === "react" ? t("pickReaction") : t("insertAnEmoji")}
      data-testid="emoji-picker"
      className={cx("z-30 w-64 rounded-xl border border-slate-200 bg-white p-2 shadow-xl", className)}
    >
      <input
        ref={inputRef}
        type="search"
        value={query}
        aria-label={t("search")}
        placeholder={t("search")}
        data-testid="emoji-search"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            buttons()[0]?.focus();
          } else if (e.key === "Enter") {
            e.preventDefault();
            const first = shown[0];
            if (first) pick(first.emoji);
          }
        }}
        className="mb-2 h-8 w-full rounded-md bg-slate-50 px-2 text-sm ring-1 ring-slate-200 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
      />
      <div className="grid max-h-56 grid-cols-6 gap-0.5 overflow-y-auto" onKeyDown={onGridKey}>
        {shown.map(({ emoji, name }) => (
          <button
            key={emoji}
            type="button"
            data-emoji-cell
            aria-label={purpose === "react" ? t("reactWith", { name }) : t("insert", { name })}
            title={name}
            onClick={() => pick(emoji)}
            className="flex size-9 items-center justify-center rounded-lg text-xl hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            {emoji}
          </button>
        ))}
      </div>
      {shown.length === 0 && (
        <p className="px-1 py-2 text-xs text-slate-500" role="status">
          {catalogue || q === "" ? t("none") : t("loading")}
        </p>
      )}
    </div>
  );
}
