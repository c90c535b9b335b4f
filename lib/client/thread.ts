/**
 * One open thread in the browser: its root and replies, merged from the thread endpoint, live
 * `message:new` / `message:updated` events and send acks. Pure functions over immutable values.
 */
import type { MessageDTO } from "@/lib/shared/types";

export interface ThreadState {
  root: MessageDTO | null;
  /** Ascending by seq, one per id. */
  replies: readonly MessageDTO[];
}

export const emptyThread: ThreadState = { root: null, replies: [] };

/** True when `m` belongs in the thread rooted at `rootId` (as its root or one of its replies). */
export function inThread(rootId: string, m: MessageDTO): boolean {
  return m.id === rootId || m.threadRootId === rootId;
}

/** Merge copies of the root and of replies; the higher rev wins; returns `state` when nothing changed. */
export function mergeThread(state: ThreadState, rootId: string, incoming: readonly MessageDTO[]): ThreadState {
  let root = state.root;
  const byId = new Map(state.replies.map((m) => [m.id, m]));
  let repliesChanged = false;
  for (const m of incoming) {
    if (m.id === rootId) {
      if (!root || m.rev > root.rev) root = m;
      continue;
    }
    if (m.threadRootId !== rootId) continue;
    const current = byId.get(m.id);
    if (current && current.rev >= m.rev) continue;
    byId.set(m.id, m);
    repliesChanged = true;
  }
  if (root === state.root && !repliesChanged) return state;
  const replies = repliesChanged ? [...byId.values()].sort((a, b) => a.seq - b.seq) : state.replies;
  return { root, replies };
}
