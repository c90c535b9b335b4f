"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { api, isApiError } from "@/lib/client/api";
import { useSocket } from "@/components/providers/SocketProvider";
import type { MemberDTO } from "@/lib/shared/types";

/**
 * A room's members: fetched over REST, then kept current by `member:joined` / `member:left`.
 * Fetched again after every reconnect, since events may have been missed meanwhile.
 */
export function useRoomMembers(roomId: string): { members: MemberDTO[] | null; error: string | null } {
  const t = useTranslations("room.members");
  const { socket } = useSocket();
  const [members, setMembers] = useState<MemberDTO[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [connectCount, setConnectCount] = useState(0);

  useEffect(() => {
    if (!socket) return;
    const onConnect = () => setConnectCount((n) => n + 1);
    const onJoined: Parameters<typeof socket.on<"member:joined">>[1] = ({ roomId: id, member }) => {
      if (id !== roomId) return;
      setMembers((list) => (list ? [...list.filter((m) => m.user.id !== member.user.id), member] : list));
    };
    const onLeft: Parameters<typeof socket.on<"member:left">>[1] = ({ roomId: id, userId }) => {
      if (id !== roomId) return;
      setMembers((list) => (list ? list.filter((m) => m.user.id !== userId) : list));
    };
    socket.on("connect", onConnect);
    socket.on("member:joined", onJoined);
    socket.on("member:left", onLeft);
    return () => {
      socket.off("connect", onConnect);
      socket.off("member:joined", onJoined);
      socket.off("member:left", onLeft);
    };
  }, [socket, roomId]);

  useEffect(() => {
    const controller = new AbortController();
    api.listMembers(roomId, controller.signal).then(
      (list) => {
        setMembers(list);
        setError(null);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setError(isApiError(e) ? e.message : t("loadFailed"));
      },
    );
    return () => controller.abort();
  }, [roomId, connectCount, t]);

  return { members, error };
}
