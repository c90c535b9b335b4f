"use client";

/**
 * The signed-in user's drafts (lib/client/drafts.ts) for the chat shell: composers read and
 * write theirs with `useDraft`, the sidebar marks rooms holding one with `useRoomsWithDrafts`.
 * Drafts live in localStorage, so they outlast room switches, reloads and closed tabs.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { DraftStore, type DraftTarget } from "@/lib/client/drafts";
import { useCurrentUser } from "./CurrentUserProvider";

const DraftsContext = createContext<DraftStore | null>(null);
const NO_ROOMS: ReadonlySet<string> = new Set();
const noSubscription = () => () => {};

export function DraftsProvider({ children }: { children: ReactNode }) {
  const user = useCurrentUser();
  // Made once hydrated: the server has no localStorage, and the first render must match it.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const store = useMemo(() => (hydrated ? openStore(user.id) : null), [hydrated, user.id]);
  useEffect(() => {
    if (!store) return;
    const onStorage = (e: StorageEvent) => store.onStorageEvent(e.key);
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [store]);
  return <DraftsContext.Provider value={store}>{children}</DraftsContext.Provider>;
}

function openStore(userId: string): DraftStore | null {
  try {
    return new DraftStore(window.localStorage, userId);
  } catch {
    // Storage refused (some private modes): drafts live only in the composers.
    return null;
  }
}

/**
 * A composer's text, kept as the target's draft. `text` starts empty and takes the stored draft
 * once the store is there; `setText` writes through; `clear` after sending.
 */
export function useDraft(target: DraftTarget): { text: string; setText: (text: string) => void; clear: () => void } {
  const store = useContext(DraftsContext);
  const { roomId, threadRootId = null } = target;
  const key = `${roomId}/${threadRootId ?? ""}`;
  const [text, setLocal] = useState(() => store?.get({ roomId, threadRootId }) ?? "");
  // The stored draft, read when the store arrives (after hydration) or the target changes.
  const [loadedFor, setLoadedFor] = useState<string | null>(store ? key : null);
  if (store && loadedFor !== key) {
    setLoadedFor(key);
    setLocal(store.get({ roomId, threadRootId }));
  }
  const setText = useCallback(
    (next: string) => {
      setLocal(next);
      store?.set({ roomId, threadRootId }, next);
    },
    [store, roomId, threadRootId],
  );
  const clear = useCallback(() => setText(""), [setText]);
  return { text, setText, clear };
}

/** Rooms whose composer holds a draft (live, across tabs). */
export function useRoomsWithDrafts(): ReadonlySet<string> {
  const store = useContext(DraftsContext);
  return useSyncExternalStore(store?.subscribe ?? noSubscription, store?.roomsWithDrafts ?? (() => NO_ROOMS), () => NO_ROOMS);
}
