"use client";

import { useCallback, useEffect, useRef, type PointerEvent as ReactPointerEvent } from "react";

/** Hold this long on a touch screen to open a message's action menu. */
export const LONG_PRESS_MS = 500;
/** A finger moving this far (px) is scrolling, not pressing. */
const MOVE_SLACK = 10;

/**
 * A long press by touch (or pen) on an element: `onLongPress` after LONG_PRESS_MS unless the
 * finger lifts, moves (a scroll) or the press is cancelled. The click and the browser's own
 * context menu that follow a long press are swallowed. Spread the returned handlers on the element.
 */
export function useLongPress(onLongPress: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const start = useRef<{ x: number; y: number } | null>(null);
  const fired = useRef(false);
  const callback = useRef(onLongPress);
  useEffect(() => {
    callback.current = onLongPress;
  });
  const cancel = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    start.current = null;
  }, []);
  useEffect(() => cancel, [cancel]);

  return {
    onPointerDown: (e: ReactPointerEvent) => {
      if (e.pointerType === "mouse" || !e.isPrimary) return;
      // A press on a control (a button, a link, the editor) is that control's.
      if ((e.target as Element).closest("button, a, input, textarea, [role=menuitem]")) return;
      cancel();
      fired.current = false;
      start.current = { x: e.clientX, y: e.clientY };
      timer.current = setTimeout(() => {
        timer.current = null;
        fired.current = true;
        callback.current();
      }, LONG_PRESS_MS);
    },
    onPointerMove: (e: ReactPointerEvent) => {
      const from = start.current;
      if (from && Math.hypot(e.clientX - from.x, e.clientY - from.y) > MOVE_SLACK) cancel();
    },
    onPointerUp: cancel,
    onPointerCancel: cancel,
    onContextMenu: (e: React.MouseEvent) => {
      if (fired.current || timer.current) e.preventDefault();
    },
    onClickCapture: (e: React.MouseEvent) => {
      if (!fired.current) return;
      fired.current = false;
      e.preventDefault();
      e.stopPropagation();
    },
  };
}
