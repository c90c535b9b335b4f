/**
 * The pure parts of keyboard navigation in the chat: moving the roving focus between message
 * rows of the list, and picking the next room (or next unread room) for Alt+↑/↓.
 */

/** The keys that move the focus between message rows. */
export type RowMoveKey = "ArrowUp" | "ArrowDown" | "Home" | "End";

export function isRowMoveKey(key: string): key is RowMoveKey {
  return key === "ArrowUp" || key === "ArrowDown" || key === "Home" || key === "End";
}

/**
 * The index of the message row the focus moves to from `from` (a row index; -1 when no row has
 * the focus yet), skipping rows that are not messages (day dividers, notices). Null when it
 * stays where it is (already at that end, or no message at all).
 */
export function nextMessageIndex(rows: readonly { kind: string }[], from: number, key: RowMoveKey): number | null {
  const isMessage = (i: number) => rows[i]?.kind === "message";
  let target: number | null = null;
  if (key === "Home") {
    for (let i = 0; i < rows.length && target === null; i++) if (isMessage(i)) target = i;
  } else if (key === "End" || from < 0) {
    for (let i = rows.length - 1; i >= 0 && target === null; i--) if (isMessage(i)) target = i;
  } else if (key === "ArrowUp") {
    for (let i = from - 1; i >= 0 && target === null; i--) if (isMessage(i)) target = i;
  } else {
    for (let i = from + 1; i < rows.length && target === null; i++) if (isMessage(i)) target = i;
  }
  return target === from ? null : target;
}

/**
 * The room after (direction 1) or before (-1) the current one in sidebar order, wrapping
 * around; with `unreadOnly`, the nearest room with unread messages in that direction. Null
 * when there is none to go to.
 */
export function adjacentRoom(rooms: readonly { id: string; unread: boolean }[], currentId: string | null, direction: 1 | -1, unreadOnly = false): string | null {
  const n = rooms.length;
  if (n === 0) return null;
  const at = currentId === null ? -1 : rooms.findIndex((r) => r.id === currentId);
  // Not in a room: ↓ starts at the first, ↑ at the last.
  const start = at < 0 ? (direction === 1 ? -1 : n) : at;
  for (let step = 1; step <= n; step++) {
    const room = rooms[(((start + direction * step) % n) + n) % n];
    if (!room || room.id === currentId) continue;
    if (!unreadOnly || room.unread) return room.id;
  }
  return null;
}
