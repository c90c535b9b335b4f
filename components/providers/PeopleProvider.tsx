"use client";

/**
 * Live facts about people that change after the data that mentions them was loaded: display
 * names (`user:updated`) and statuses (`user:status`). Messages and member lists keep the
 * name they were loaded with; they ask `nameOf(id, loadedName)` so a rename shows at once.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useSocket } from "@/components/providers/SocketProvider";
import { AvatarUrls } from "@/components/ui/Avatar";
import type { UserStatus } from "@/lib/shared/types";

interface People {
  nameOf: (userId: string, fallback: string) => string;
  /** The latest status heard of, or `fallback` (e.g. from a member list) when none. */
  statusOf: (userId: string, fallback?: UserStatus) => UserStatus | undefined;
  /** Record a change we made ourselves (the event follows, but the UI should not wait). */
  noteName: (userId: string, name: string) => void;
  noteStatus: (userId: string, status: UserStatus) => void;
  /** A new picture URL, or null when removed (Avatar reads these through AvatarUrls). */
  noteAvatar: (userId: string, url: string | null) => void;
}

const PeopleContext = createContext<People | null>(null);

export function PeopleProvider({ children }: { children: ReactNode }) {
  const { socket } = useSocket();
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [statuses, setStatuses] = useState<ReadonlyMap<string, UserStatus>>(new Map());
  const [avatars, setAvatars] = useState<ReadonlyMap<string, string | null>>(new Map());
  const noteAvatar = useCallback((userId: string, url: string | null) => setAvatars((m) => (m.get(userId) === url ? m : new Map(m).set(userId, url))), []);

  const noteName = useCallback((userId: string, name: string) => setNames((m) => (m.get(userId) === name ? m : new Map(m).set(userId, name))), []);
  const noteStatus = useCallback(
    (userId: string, status: UserStatus) => setStatuses((m) => (m.get(userId) === status ? m : new Map(m).set(userId, status))),
    [],
  );

  useEffect(() => {
    if (!socket) return;
    const onUser: Parameters<typeof socket.on<"user:updated">>[1] = ({ user }) => {
      noteName(user.id, user.name);
      noteAvatar(user.id, user.avatarUrl);
    };
    const onStatus: Parameters<typeof socket.on<"user:status">>[1] = ({ userId, status }) => noteStatus(userId, status);
    socket.on("user:updated", onUser);
    socket.on("user:status", onStatus);
    return () => {
      socket.off("user:updated", onUser);
      socket.off("user:status", onStatus);
    };
  }, [socket, noteName, noteStatus, noteAvatar]);

  const value = useMemo<People>(
    () => ({
      nameOf: (userId, fallback) => names.get(userId) ?? fallback,
      statusOf: (userId, fallback) => statuses.get(userId) ?? fallback,
      noteName,
      noteStatus,
      noteAvatar,
    }),
    [names, statuses, noteName, noteStatus, noteAvatar],
  );
  return (
    <PeopleContext.Provider value={value}>
      <AvatarUrls.Provider value={avatars}>{children}</AvatarUrls.Provider>
    </PeopleContext.Provider>
  );
}

const loadedOnly: People = {
  nameOf: (_, fallback) => fallback,
  statusOf: (_, fallback) => fallback,
  noteName: () => undefined,
  noteStatus: () => undefined,
  noteAvatar: () => undefined,
};

/** Outside a provider (previews, tests), the loaded values are shown as they are. */
export function usePeople(): People {
  return useContext(PeopleContext) ?? loadedOnly;
}
