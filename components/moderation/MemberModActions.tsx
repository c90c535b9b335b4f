"use client";

/** Per-member moderation in a room's member list: mute for a while, or remove from the room. */
import { useTranslations } from "next-intl";
import { useState } from "react";
import { isApiError } from "@/lib/client/api";
import { roomModApi } from "@/lib/client/adminApi";

const MUTES = [
  { label: "mute10m", minutes: 10 },
  { label: "mute1h", minutes: 60 },
  { label: "mute1d", minutes: 24 * 60 },
] as const;

export function MemberModActions({ roomId, userId, name }: { roomId: string; userId: string; name: string }) {
  const t = useTranslations("moderation.member");
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  const run = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      setNote(done);
      setOpen(false);
    } catch (e) {
      setNote(isApiError(e) ? e.message : t("failed"));
    }
  };

  return (
    <span className="relative">
      <button
        type="button"
        aria-label={t("menu", { name })}
        title={t("menu", { name })}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="rounded px-1 text-slate-400 hover:bg-slate-200 hover:text-slate-700"
      >
        ⋯
      </button>
      {open && (
        <span role="menu" className="absolute right-0 z-30 mt-1 block w-44 rounded-lg bg-white p-1 text-sm shadow-lg ring-1 ring-slate-200">
          {MUTES.map((m) => (
            <button key={m.minutes} type="button" role="menuitem" className="block w-full rounded px-2 py-1 text-left hover:bg-slate-100" onClick={() => run(() => roomModApi.muteMember(roomId, userId, m.minutes), t("muted", { name }))}>
              {t(m.label)}
            </button>
          ))}
          <button type="button" role="menuitem" className="block w-full rounded px-2 py-1 text-left hover:bg-slate-100" onClick={() => run(() => roomModApi.unmuteMember(roomId, userId), t("unmuted", { name }))}>
            {t("unmute")}
          </button>
          <button
            type="button"
            role="menuitem"
            className="block w-full rounded px-2 py-1 text-left text-rose-700 hover:bg-rose-50"
            onClick={() => {
              if (window.confirm(t("removeConfirm", { name }))) void run(() => roomModApi.removeMember(roomId, userId), t("removed", { name }));
            }}
          >
            {t("remove")}
          </button>
        </span>
      )}
      {note && (
        <span role="status" className="sr-only">
          {note}
        </span>
      )}
    </span>
  );
}
