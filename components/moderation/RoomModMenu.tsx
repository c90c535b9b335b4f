"use client";

/**
 * The room header's moderation menu (room owners and moderators, global staff): lock the room,
 * set slow mode. Changes arrive for everyone as `room:moderation`.
 */
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { cx } from "@/components/ui/cx";
import { useDismiss } from "@/components/ui/useDismiss";
import { isApiError } from "@/lib/client/api";
import { roomModApi } from "@/lib/client/adminApi";
import type { RoomModerationState } from "@/lib/shared/moderation";

const SLOW_OPTIONS = [0, 5, 10, 30, 60, 300];

export function RoomModMenu({ roomId, state }: { roomId: string; state: RoomModerationState }) {
  const t = useTranslations("moderation.room");
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);

  useDismiss(ref, open, () => setOpen(false));

  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      setOpen(false);
    } catch (e) {
      setError(isApiError(e) ? e.message : t("failed"));
    }
  };

  return (
    <div className="relative" ref={ref}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={t("menu")}
        title={t("menu")}
        onClick={() => setOpen((o) => !o)}
        className={cx("inline-flex h-9 items-center gap-1 rounded-lg px-2.5 text-sm text-slate-600 hover:bg-slate-100", (state.locked || state.slowModeSeconds > 0) && "text-amber-700")}
      >
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="size-[18px]" aria-hidden="true">
          <path d="M10 2.5 3.5 5v4.5c0 4 2.8 6.9 6.5 8 3.7-1.1 6.5-4 6.5-8V5L10 2.5Z" strokeLinejoin="round" />
        </svg>
        {state.locked && <span className="text-xs font-semibold">{t("locked")}</span>}
        {state.slowModeSeconds > 0 && <span className="text-xs font-semibold">{t("seconds", { seconds: state.slowModeSeconds })}</span>}
      </button>
      {open && (
        <div role="menu" className="absolute right-0 z-30 mt-1 w-60 rounded-xl bg-white p-2 text-sm shadow-lg ring-1 ring-slate-200">
          {error && <p className="px-2 py-1 text-rose-700">{error}</p>}
          <button type="button" role="menuitem" className="block w-full rounded-md px-2 py-1.5 text-left hover:bg-slate-100" onClick={() => run(() => roomModApi.lock(roomId, !state.locked))}>
            {state.locked ? t("unlock") : t("lock")}
          </button>
          <p className="px-2 pt-2 text-xs font-medium text-slate-500">{t("slowMode")}</p>
          <div className="flex flex-wrap gap-1 px-2 py-1">
            {SLOW_OPTIONS.map((s) => (
              <button
                key={s}
                type="button"
                role="menuitemradio"
                aria-checked={state.slowModeSeconds === s}
                onClick={() => run(() => roomModApi.slowMode(roomId, s))}
                className={cx("rounded-md px-2 py-1 text-xs", state.slowModeSeconds === s ? "bg-indigo-600 text-on-accent" : "bg-slate-100 hover:bg-slate-200")}
              >
                {s === 0 ? t("off") : s < 60 ? t("seconds", { seconds: s }) : t("minutes", { minutes: s / 60 })}
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
