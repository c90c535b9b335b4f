"use client";

/**
 * The rooms and DMs the sidebar shows: `GET /api/rooms` (every page), kept fresh by our own
 * actions and by socket events (a new DM or invite, settings changes, latest activity, unread
 * and mention counts, read positions from our other tabs, "seen by" in DMs).
 */
import { useTranslations } from "next-intl";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useCurrentUser } from "@/components/providers/CurrentUserProvider";
import { useSocket } from "@/components/providers/SocketProvider";
import { api, isApiError } from "@/lib/client/api";
import { onNewMessages } from "@/lib/client/newMessages";
import { byLatestActivity, mergeFetchedRooms } from "@/lib/client/rooms";
import { applyReadState, bump, countsMention, countsNewMessage, unreadTotal } from "@/lib/client/unread";
import type { MessageDTO, ReadState, RoomDTO } from "@/lib/shared/types";

interface RoomsContextValue {
  /** Every room and DM we belong to; null until the first load. (The public directory is paged apart: BrowseRoomsDialog.) */
  rooms: RoomDTO[] | null;
  /** Rooms (not DMs) we are a member of, by name. */
  myRooms: RoomDTO[];
  /** Our DMs, latest activity first. */
  myDms: RoomDTO[];
  error: string | null;
  refresh: () => Promise<void>;
  upsert: (room: RoomDTO) => void;
  /** We left it: it leaves the list. */
  markLeft: (roomId: string) => void;
  /** Our read state in a room changed (an ack, a REST answer, or `membership:state`). */
  applyState: (state: { roomId: string } & ReadState) => void;
  /** Unread messages in our unmuted rooms and DMs (the document title shows it). */
  totalUnread: number;
}

const RoomsContext = createContext<RoomsContextValue | null>(null);

const byName = (a: RoomDTO, b: RoomDTO) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" });

/** `initialRooms`: the list as the server rendered it with the page (then no fetch on mount: the socket's connect refreshes it). */
export function RoomsProvider({ children, initialRooms = null }: { children: ReactNode; initialRooms?: RoomDTO[] | null }) {
  const t = useTranslations("sidebar");
  const [rooms, setRooms] = useState<RoomDTO[] | null>(initialRooms);
  const hadInitial = useRef(initialRooms !== null);
  const [error, setError] = useState<string | null>(null);

  /** Rooms upserted since each list fetch began: a fetch's answer does not drop them. */
  const addedDuring = useRef(new Set<Set<string>>());
  const fetchRooms = useCallback(async () => {
    const added = new Set<string>();
    addedDuring.current.add(added);
    try {
      const list = await api.listRooms();
      return (current: RoomDTO[] | null) => mergeFetchedRooms(current, list, added);
    } finally {
      addedDuring.current.delete(added);
    }
  }, []);

  const refresh = useCallback(async () => {
    try {
      setRooms(await fetchRooms());
      setError(null);
    } catch (e) {
      setError(isApiError(e) ? e.message : t("loadFailed"));
    }
  }, [fetchRooms, t]);

  useEffect(() => {
    if (hadInitial.current) return;
    let cancelled = false;
    fetchRooms().then(
      (merge) => {
        if (!cancelled) setRooms(merge);
      },
      (e: unknown) => {
        if (!cancelled) setError(isApiError(e) ? e.message : t("loadFailed"));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [fetchRooms, t]);

  const upsert = useCallback((room: RoomDTO) => {
    for (const added of addedDuring.current) added.add(room.id);
    setRooms((list) => {
      const rest = (list ?? []).filter((r) => r.id !== room.id);
      return [...rest, room];
    });
  }, []);

  const applyState = useCallback((state: { roomId: string } & ReadState) => setRooms((list) => list && applyReadState(list, state)), []);

  const { socket } = useSocket();
  const selfId = useCurrentUser().id;
  /** Mentions already counted (an edit or a name plus `@room` must not count twice). */
  const countedMentions = useRef(new Set<string>());
  useEffect(() => {
    if (!socket) return;
    const onAdded: Parameters<typeof socket.on<"room:added">>[1] = ({ room }) => upsert(room);
    const onRemoved: Parameters<typeof socket.on<"room:removed">>[1] = ({ roomId }) => setRooms((list) => list && list.filter((r) => r.id !== roomId));
    const onUpdated: Parameters<typeof socket.on<"room:updated">>[1] = ({ room }) =>
      setRooms(
        (list) =>
          list &&
          list.flatMap((r) => {
            if (r.id !== room.id) return [r];
            // Archived rooms leave the lists; their page still opens for members.
            return room.archived ? [] : [{ ...r, name: room.name, dmName: room.dmName, topic: room.topic, visibility: room.visibility, archived: room.archived }];
          }),
      );
    const onMessage = (message: MessageDTO) =>
      setRooms((list) => {
        if (!list?.some((r) => r.id === message.roomId && r.lastSeq < message.seq)) return list;
        return list.map((r) => {
          if (r.id !== message.roomId || r.lastSeq >= message.seq) return r;
          const moved = { ...r, lastSeq: message.seq, lastMessageAt: message.createdAt };
          return countsNewMessage(r, message, selfId) ? bump(moved, "unreadCount") : moved;
        });
      });
    const onMention: Parameters<typeof socket.on<"mention:new">>[1] = ({ message }) => {
      if (countedMentions.current.has(message.id)) return;
      setRooms((list) => {
        const room = list?.find((r) => r.id === message.roomId);
        if (!list || !room || !countsMention(room, message, selfId)) return list;
        countedMentions.current.add(message.id);
        return list.map((r) => (r.id === room.id ? bump(r, "mentionCount") : r));
      });
    };
    const onState: Parameters<typeof socket.on<"membership:state">>[1] = (state) => applyState(state);
    const onMemberRead: Parameters<typeof socket.on<"member:read">>[1] = ({ roomId, userId, lastReadSeq }) =>
      setRooms((list) =>
        list &&
        list.map((r) => (r.id === roomId && r.dmReads && (r.dmReads[userId] ?? 0) < lastReadSeq ? { ...r, dmReads: { ...r.dmReads, [userId]: lastReadSeq } } : r)),
      );
    // Someone left a group DM: its title (the other people's names) loses them.
    const onMemberLeft: Parameters<typeof socket.on<"member:left">>[1] = ({ roomId, userId }) =>
      setRooms((list) => list && list.map((r) => (r.id === roomId && r.dmMembers ? { ...r, dmMembers: r.dmMembers.filter((u) => u.id !== userId) } : r)));
    // Events from before the socket was subscribed (the first connect comes after the first
    // load) or while it was disconnected: reload the list on every connect.
    const onConnect = () => void refresh();
    socket.on("room:added", onAdded);
    socket.on("room:removed", onRemoved);
    socket.on("room:updated", onUpdated);
    const offMessages = onNewMessages(socket, onMessage);
    socket.on("mention:new", onMention);
    socket.on("membership:state", onState);
    socket.on("member:read", onMemberRead);
    socket.on("member:left", onMemberLeft);
    socket.on("connect", onConnect);
    if (socket.connected) onConnect();
    return () => {
      socket.off("room:added", onAdded);
      socket.off("room:removed", onRemoved);
      socket.off("room:updated", onUpdated);
      offMessages();
      socket.off("mention:new", onMention);
      socket.off("membership:state", onState);
      socket.off("member:read", onMemberRead);
      socket.off("member:left", onMemberLeft);
      socket.off("connect", onConnect);
    };
  }, [socket, upsert, refresh, applyState, selfId]);

  const markLeft = useCallback((roomId: string) => setRooms((list) => (list ?? []).filter((r) => r.id !== roomId)), []);

  const myRooms = useMemo(() => (rooms ?? []).filter((r) => r.membership !== null && r.kind !== "DM").sort(byName), [rooms]);
  const myDms = useMemo(() => (rooms ?? []).filter((r) => r.membership !== null && r.kind === "DM").sort(byLatestActivity), [rooms]);
  const totalUnread = useMemo(() => unreadTotal(rooms ?? []), [rooms]);
  const value = useMemo(
    () => ({ rooms, myRooms, myDms, error, refresh, upsert, markLeft, applyState, totalUnread }),
    [rooms, myRooms, myDms, error, refresh, upsert, markLeft, applyState, totalUnread],
  );
  return <RoomsContext.Provider value={value}>{children}</RoomsContext.Provider>;
}

export function useRooms(): RoomsContextValue {
  const value = useContext(RoomsContext);
  if (!value) throw new Error("useRooms needs a <RoomsProvider>");
  return value;
}
