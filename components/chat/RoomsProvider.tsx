"use client";

/** The rooms the sidebar and the browse dialog show: `GET /api/rooms`, kept fresh by our own actions. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, isApiError } from "@/lib/client/api";
import type { RoomDTO } from "@/lib/shared/types";

interface RoomsContextValue {
  /** Every room we can see (public ones and our private ones); null until the first load. */
  rooms: RoomDTO[] | null;
  /** Rooms we are a member of, by name. */
  myRooms: RoomDTO[];
  error: string | null;
  refresh: () => Promise<void>;
  upsert: (room: RoomDTO) => void;
  /** We left it: private rooms disappear, public ones lose our membership. */
  markLeft: (roomId: string) => void;
}

const RoomsContext = createContext<RoomsContextValue | null>(null);

const byName = (a: RoomDTO, b: RoomDTO) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" });

export function RoomsProvider({ children }: { children: ReactNode }) {
  const [rooms, setRooms] = useState<RoomDTO[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const list = await api.listRooms();
      setRooms(list);
      setError(null);
    } catch (e) {
      setError(isApiError(e) ? e.message : "Could not load rooms");
    }
  }, []);

  useEffect(() => {
    let cancelled = false;
    api.listRooms().then(
      (list) => {
        if (!cancelled) setRooms(list);
      },
      (e: unknown) => {
        if (!cancelled) setError(isApiError(e) ? e.message : "Could not load rooms");
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const upsert = useCallback((room: RoomDTO) => {
    setRooms((list) => {
      const rest = (list ?? []).filter((r) => r.id !== room.id);
      return [...rest, room];
    });
  }, []);

  const markLeft = useCallback((roomId: string) => {
    setRooms((list) =>
      (list ?? []).flatMap((r) => {
        if (r.id !== roomId) return [r];
        return r.visibility === "PRIVATE" ? [] : [{ ...r, membership: null, memberCount: Math.max(0, r.memberCount - 1) }];
      }),
    );
  }, []);

  const myRooms = useMemo(() => (rooms ?? []).filter((r) => r.membership !== null).sort(byName), [rooms]);
  const value = useMemo(() => ({ rooms, myRooms, error, refresh, upsert, markLeft }), [rooms, myRooms, error, refresh, upsert, markLeft]);
  return <RoomsContext.Provider value={value}>{children}</RoomsContext.Provider>;
}

export function useRooms(): RoomsContextValue {
  const value = useContext(RoomsContext);
  if (!value) throw new Error("useRooms needs a <RoomsProvider>");
  return value;
}
