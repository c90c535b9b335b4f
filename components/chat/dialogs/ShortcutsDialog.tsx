"use client";

import { Dialog } from "@/components/ui/Dialog";

/** What the keyboard can do in the chat (kept beside the handlers: useChatShortcuts, useRoomEscape, MessageList). */
const SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ["↑", "↓"], what: "Move between messages (Home, End: first, last)" },
  { keys: ["Enter"], what: "Open the focused message's actions (also the menu key, Shift+F10)" },
  { keys: ["↑"], what: "In an empty composer: edit your last message" },
  { keys: ["Alt", "↑ / ↓"], what: "Previous / next room" },
  { keys: ["Alt", "Shift", "↑ / ↓"], what: "Previous / next room with unread messages" },
  { keys: ["Esc"], what: "Close a menu, panel or sheet; with nothing open, mark the room read" },
  { keys: ["Ctrl", "K"], what: "Search messages" },
  { keys: ["?"], what: "This list (also Ctrl+/)" },
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts">
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
            <dd className="text-right text-slate-600">{s.what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
