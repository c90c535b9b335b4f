"use client";

import { useEffect, useRef } from "react";

interface RoomEscapeActions {
  /** The thread or pins panel is open: close it. */
  closePanel: (() => void) | null;
  /** The members panel is open as a drawer (or by choice): close it. */
  closeMembers: (() => void) | null;
  /** Nothing is open: the room counts as read. */
  markRead: () => void;
}

/**
 * Escape in an open room closes the innermost thing first: menus, sheets and popovers claim it
 * themselves (useDismiss, the editors, modal dialogs), then the side panel (thread, pins), then
 * the members panel; with nothing open it marks the room read.
 */
export function useRoomEscape(actions: RoomEscapeActions): void {
  const ref = useRef(actions);
  useEffect(() => {
    ref.current = actions;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      // A modal dialog handles its own Escape (it is closing as this runs).
      if (document.querySelector("dialog[open]")) return;
      const { closePanel, closeMembers, markRead } = ref.current;
      if (closePanel) closePanel();
      else if (closeMembers) closeMembers();
      else markRead();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
