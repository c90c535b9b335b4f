"use client";

/**
 * Owns one RoomSync per room this tab has opened (a cache that outlives navigation between
 * rooms) and routes socket events to them. Components use `useRoomSync(roomId)`.
 *
 * It also owns the outbox journal (IndexedDB): on load, messages written before a reload or a
 * crash are queued again in their rooms (opened or not) and sent with their original clientId;
 * while any message is on its way, leaving the page asks first.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useSyncExternalStore, type ReactNode } from "react";
import { api } from "@/lib/client/api";
import { onNewMessages } from "@/lib/client/newMessages";
import { RoomSync, type RoomSnapshot } from "@/lib/client/roomSync";
import { browserJournal, type JournalEntry, type OutboxJournal } from "@/lib/client/sync/outbox-journal";
import { useCurrentUser } from "./CurrentUserProvider";
import { useSocket } from "./SocketProvider";

interface RoomSyncRegistry {
  get(roomId: string): RoomSync;
  /** Drop a room's cache, e.g. after leaving it. */
  forget(roomId: string): void;
}

const RoomSyncContext = createContext<RoomSyncRegistry | null>(null);

export function RoomSyncProvider({ children }: { children: ReactNode }) {
  const user = useCurrentUser();
  const { socket, transport } = useSocket();
  const syncs = useRef(new Map<string, RoomSync>());
  const journal = useRef<OutboxJournal | null>(null);
  const self = useMemo(() => ({ id: user.id, name: user.name, avatarUrl: user.avatarUrl }), [user.id, user.name, user.avatarUrl]);

  const get = useCallback(
    (roomId: string) => {
      let sync = syncs.current.get(roomId);
      if (!sync) {
        journal.current ??= browserJournal();
        sync = new RoomSync({ roomId, self, transport, api, journal: journal.current });
        syncs.current.set(roomId, sync);
      }
      return sync;
    },
    [self, transport],
  );

  // Messages left unsent by an earlier page (a reload, a crash): back into their rooms' outboxes.
  useEffect(() => {
    let cancelled = false;
    journal.current ??= browserJournal();
    void journal.current.load(self.id).then((entries) => {
      if (cancelled) return;
      const byRoom = new Map<string, JournalEntry[]>();
      for (const e of entries) byRoom.set(e.roomId, [...(byRoom.get(e.roomId) ?? []), e]);
      for (const [roomId, list] of byRoom) get(roomId).restore(list);
    });
    return () => {
      cancelled = true;
    };
  }, [self.id, get]);

  // Leaving with messages on their way: the browser asks first (they are kept either way).
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (![...syncs.current.values()].some((s) => s.hasUnsent)) return;
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, []);

  const forget = useCallback((roomId: string) => {
    syncs.current.get(roomId)?.stop();
    syncs.current.delete(roomId);
  }, []);

  useEffect(() => {
    if (!socket) return;
    const all = () => [...syncs.current.values()];
    const onConnect = () => all().forEach((s) => s.onConnect());
    const onDisconnect = () => all().forEach((s) => s.onDisconnect());
    const onWritable = () => all().forEach((s) => s.onWritable());
    const onUpdated: Parameters<typeof socket.on<"message:updated">>[1] = (message) => syncs.current.get(message.roomId)?.receiveUpdate(message);
    const onTyping: Parameters<typeof socket.on<"typing">>[1] = ({ roomId, userIds }) => syncs.current.get(roomId)?.onTyping(userIds);
    const onPresence: Parameters<typeof socket.on<"presence">>[1] = ({ roomId, online }) => syncs.current.get(roomId)?.onPresence(online);
    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    socket.on("server:writable", onWritable);
    const offMessages = onNewMessages(socket, (message) => syncs.current.get(message.roomId)?.receive(message));
    socket.on("message:updated", onUpdated);
    socket.on("typing", onTyping);
    socket.on("presence", onPresence);
    if (socket.connected) onConnect();
    return () => {
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off("server:writable", onWritable);
      offMessages();
      socket.off("message:updated", onUpdated);
      socket.off("typing", onTyping);
      socket.off("presence", onPresence);
    };
  }, [socket]);

  const registry = useMemo(() => ({ get, forget }), [get, forget]);
  return <RoomSyncContext.Provider value={registry}>{children}</RoomSyncContext.Provider>;
}

export function useRoomSyncRegistry(): RoomSyncRegistry {
  const value = useContext(RoomSyncContext);
  if (!value) throw new Error("useRoomSync needs a <RoomSyncProvider>");
  return value;
}

/** Subscribe to a room while the calling component is mounted, and read its live snapshot. */
export function useRoomSync(roomId: string): { sync: RoomSync; snapshot: RoomSnapshot } {
  const registry = useRoomSyncRegistry();
  const sync = registry.get(roomId);
  useEffect(() => {
    sync.start();
    return () => sync.stop();
  }, [sync]);
  const snapshot = useSyncExternalStore(sync.subscribe, sync.getSnapshot, sync.getSnapshot);
  return { sync, snapshot };
}
