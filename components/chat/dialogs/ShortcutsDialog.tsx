"use client";

import { useTranslations } from "next-intl";
import { Dialog } from "@/components/ui/Dialog";

/** What the keyboard can do in the chat (kept beside the handlers: useChatShortcuts, useRoomEscape, MessageList). */
const SHORTCUTS = [
  { keys: ["↑", "↓"], what: "moveMessages" },
  { keys: ["Enter"], what: "openActions" },
  { keys: ["↑"], what: "editLast" },
  { keys: ["Alt", "↑ / ↓"], what: "switchRoom" },
  { keys: ["Alt", "Shift", "↑ / ↓"], what: "switchUnread" },
  { keys: ["Esc"], what: "escape" },
  { keys: ["Ctrl", "K"], what: "search" },
  { keys: ["?"], what: "thisList" },
] as const;

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("dialogs.shortcuts");
  return (
    <Dialog open={open} onClose={onClose} title={t("title")}>
      <dl className="divide-y divide-slate-100 text-sm" data-testid="shortcut-list">
        {SHORTCUTS.map((s) => (
          <div key={s.what} className="flex items-center justify-between gap-4 py-2">
            <dt className="flex shrink-0 gap-1">
              {s.keys.map((k) => (
                <kbd key={k} className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-sans text-xs text-slate-700">
                  {k}
                </kbd>
              ))}
            </dt>
            <dd className="text-right text-slate-600">{t(s.what)}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
