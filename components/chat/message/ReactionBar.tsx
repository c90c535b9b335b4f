"use client";

import { useTranslations } from "next-intl";
import { useFormats } from "@/components/ui/useFormats";
import { useRef, useState } from "react";
import { cx } from "@/components/ui/cx";
import type { ReactionDTO } from "@/lib/shared/types";
import { EmojiPicker, pickerDirection } from "../composer/EmojiPicker";

/** Hold this long on a touch screen to see who reacted. */
const LONG_PRESS_MS = 500;

/** The words reactorNames needs, in the active language (useReactorNames); English by default. */
export type ReactorWords = { you: string; andOthers: (names: string, rest: number) => string; list: (names: readonly string[]) => string };
const ENGLISH: ReactorWords = {
  you: "You",
  andOthers: (names, rest) => `${names} and ${rest} ${rest === 1 ? "other" : "others"}`,
  list: (names) => (names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`),
};

/** "Ana", "Ana and Ben", "Ana, Ben and Cy", "Ana, Ben, Cy and 4 others"; "You" for the caller. */
export function reactorNames(reaction: ReactionDTO, selfId: string, words: ReactorWords = ENGLISH): string {
  const names = reaction.users.map((u) => (u.id === selfId ? words.you : u.name));
  const shown = names.slice(0, 3);
  const rest = reaction.count - shown.length;
  if (rest > 0) return words.andOthers(shown.join(", "), rest);
  return words.list(shown);
}

function useReactorNames(): (reaction: ReactionDTO, selfId: string) => string {
  const t = useTranslations("messages.reactions");
  const formats = useFormats();
  const words: ReactorWords = { you: t("you"), andOthers: (names, count) => t("andOthers", { names, count }), list: formats.list };
  return (reaction, selfId) => reactorNames(reaction, selfId, words);
}

interface ReactionBarProps {
  reactions: readonly ReactionDTO[];
  selfId: string;
  /** Show the "+" (add reaction) button even when there are no reactions yet. */
  alwaysShowAdd?: boolean;
  /** Absent: reactions are shown but cannot be changed (not a member). */
  onToggle?: (emoji: string, on: boolean) => void;
}

/**
 * The reactions under a message: one chip per emoji with its count, pressed when the caller
 * reacted. Hovering (or a long press on touch) tells who reacted; a click toggles.
 */
export function ReactionBar({ reactions, selfId, alwaysShowAdd = false, onToggle }: ReactionBarProps) {
  const t = useTranslations("messages.reactions");
  const reactorNames = useReactorNames();
  const [picking, setPicking] = useState<"up" | "down" | null>(null);
  const [showing, setShowing] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const longPressed = useRef(false);

  if (reactions.length === 0 && !(alwaysShowAdd && onToggle)) return null;

  const cancelPress = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  return (
    <div className="relative mt-1 flex flex-wrap items-center gap-1" data-testid="reactions">
      {reactions.map((r) => {
        const mine = r.users.some((u) => u.id === selfId);
        const who = t("reactedWith", { who: reactorNames(r, selfId), emoji: r.emoji });
        return (
          <span key={r.emoji} className="relative">
            <button
              type="button"
              aria-pressed={mine}
              aria-label={t("label", { emoji: r.emoji, count: r.count, who })}
              title={who}
              data-testid="reaction"
              data-emoji={r.emoji}
              disabled={!onToggle}
              onPointerDown={(e) => {
                if (e.pointerType !== "touch") return;
                longPressed.current = false;
                cancelPress();
                timer.current = setTimeout(() => {
                  longPressed.current = true;
                  setShowing(r.emoji);
                  setTimeout(() => setShowing((s) => (s === r.emoji ? null : s)), 3000);
                }, LONG_PRESS_MS);
              }}
              onPointerUp={cancelPress}
              onPointerLeave={cancelPress}
              onContextMenu={(e) => {
                // A long press on touch opens the context menu in some browsers: show names instead.
                if (longPressed.current) e.preventDefault();
              }}
              onClick={() => {
                if (longPressed.current) {
                  longPressed.current = false;
                  return;
                }
                onToggle?.(r.emoji, !mine);
              }}
              className={cx(
                "inline-flex h-6 items-center gap-1 rounded-full border px-2 text-xs tabular-nums transition-colors select-none focus-visible:outline-2 focus-visible:outline-indigo-600",
                mine ? "border-indigo-300 bg-indigo-50 text-indigo-700" : "border-slate-200 bg-white text-slate-600 hover:border-slate-300",
              )}
            >
              <span className="text-sm leading-none">{r.emoji}</span>
              <span data-testid="reaction-count">{r.count}</span>
            </button>
            {showing === r.emoji && (
              <span
                role="tooltip"
                onClick={() => setShowing(null)}
                className="absolute bottom-full left-0 z-30 mb-1 w-max max-w-60 rounded-lg bg-slate-900 px-2 py-1 text-xs text-on-accent shadow-lg"
              >
                {who}
              </span>
            )}
          </span>
        );
      })}
      {onToggle && (
        <button
          type="button"
          aria-label={t("add")}
          title={t("add")}
          onClick={(e) => setPicking(picking ? null : pickerDirection(e.currentTarget))}
          className="inline-flex h-6 items-center rounded-full border border-dashed border-slate-300 px-2 text-xs text-slate-500 hover:border-slate-400 hover:text-slate-700"
        >
          +
        </button>
      )}
      {picking && onToggle && (
        <EmojiPicker
          className={cx("absolute left-0", picking === "up" ? "bottom-full mb-1" : "top-full mt-1")}
          onClose={() => setPicking(null)}
          onPick={(emoji) => {
            const existing = reactions.find((r) => r.emoji === emoji);
            if (!existing?.users.some((u) => u.id === selfId)) onToggle(emoji, true);
          }}
        />
      )}
    </div>
  );
}
