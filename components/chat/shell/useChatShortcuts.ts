"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useRooms } from "@/components/providers/RoomsProvider";
import { adjacentRoom } from "@/lib/client/keyboardNav";
import { isUnread } from "../sidebar/UnreadBadge";

/** Typing into a field: single-key shortcuts (`?`) are text there. */
function inTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT");
}

/**
 * The chat's global shortcuts: Alt+↑/↓ previous / next room in sidebar order, Alt+Shift+↑/↓
 * previous / next room with unread messages, `?` (outside text fields) or Ctrl+/ the shortcut
 * sheet. (Ctrl+K is the search's, Escape the room's: see useSearchShortcut, useRoomEscape.)
 */
export function useChatShortcuts(openShortcuts: () => void): void {
  const { myRooms, myDms } = useRooms();
  const router = useRouter();
  const pathname = usePathname();
  const state = useRef({ myRooms, myDms, pathname, openShortcuts });
  useEffect(() => {
    state.current = { myRooms, myDms, pathname, openShortcuts };
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A modal dialog keeps the keyboard to itself.
      if (e.defaultPrevented || document.querySelector("dialog[open]")) return;
      const { myRooms: rooms, myDms: dms, pathname: path, openShortcuts: open } = state.current;
      if (e.altKey && !e.ctrlKey && !e.metaKey && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
        const order = [...rooms, ...dms].map((r) => ({ id: r.id, unread: isUnread(r) }));
        const current = path.startsWith("/chat/") ? decodeURIComponent(path.slice("/chat/".length).split("/")[0] ?? "") : null;
        const next = adjacentRoom(order, current, e.key === "ArrowDown" ? 1 : -1, e.shiftKey);
        e.preventDefault();
        if (next) router.push(`/chat/${next}`);
        return;
      }
      const sheetKey = (e.key === "?" && !e.ctrlKey && !e.metaKey && !e.altKey && !inTextField(e.target)) || (e.ctrlKey && !e.altKey && e.key === "/");
      if (sheetKey) {
        e.preventDefault();
        open();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router]);
}
