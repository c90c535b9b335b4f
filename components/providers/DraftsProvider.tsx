"use client";

/**
 * The signed-in user's drafts (lib/client/drafts.ts) for the chat shell: composers read and
 * write theirs with `useDraft`, the sidebar marks rooms holding one with `useRoomsWithDrafts`.
 * Drafts live in localStorage, so they outlast room switches, reloads and closed tabs.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from "react";
import { DraftStore, PageStorage, type DraftStorage, type DraftTarget } from "@/lib/client/drafts";
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
    const onStorage = (e: StorageEvent) => store.onStorageEvent(e.key, e.newValue);
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [store]);
  return <DraftsContext.Provider value={store}>{children}</DraftsContext.Provider>;
}

function openStore(userId: string): DraftStore {
  let storage: DraftStorage;
  try {
    storage = window.localStorage;
  } catch {
    // Storage refused (some private modes): drafts last as long as the page.
    storage = new PageStorage();
  }
  return new DraftStore(storage, userId);
}

/**
 * A composer's text, kept as the target's draft: what the store holds (live: text returned to the
 * composer by a refusal shows at once), written through on every change.
 */
export function useDraft(target: DraftTarget): { text: string; setText: (text: string) => void } {
  const store = useContext(DraftsContext);
  const { roomId, threadRootId = null } = target;
  const text = useSyncExternalStore(
    store?.subscribe ?? noSubscription,
    () => store?.get({ roomId, threadRootId }) ?? "",
    () => "",
  );
  const setText = useCallback((next: string) => store?.set({ roomId, threadRootId }, next), [store, roomId, threadRootId]);
  return { text, setText };
}

/** The drafts themselves (null until hydrated). */
export function useDraftStore(): DraftStore | null {
  return useContext(DraftsContext);
}

/** Rooms whose composer holds a draft (live, across tabs). */
export function useRoomsWithDrafts(): ReadonlySet<string> {
  const store = useContext(DraftsContext);
  return useSyncExternalStore(store?.subscribe ?? noSubscription, store?.roomsWithDrafts ?? (() => NO_ROOMS), () => NO_ROOMS);
}
