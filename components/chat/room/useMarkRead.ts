"use client";

/**
 * Mark a room read as its newest messages are actually seen: the list reports the newest seq in
 * view at the bottom, and it is sent (`room:read`, or REST while offline) only while the tab is
 * visible, debounced, and only forward. The server's answer updates the sidebar at once; other
 * tabs hear it as `membership:state`.
 */
import { useCallback, useEffect, useRef } from "react";
import { useSocket } from "@/components/providers/SocketProvider";
import { api } from "@/lib/client/api";
import { useRooms } from "@/components/providers/RoomsProvider";

const DEBOUNCE_MS = 250;

export function useMarkRead(roomId: string, lastReadSeq: number): (seq: number) => void {
  const { socket } = useSocket();
  const { applyState } = useRooms();
  const seen = useRef({ roomId, seq: 0, sent: 0 });
  const lastRead = useRef(lastReadSeq);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    lastRead.current = lastReadSeq;
  }, [lastReadSeq]);

  const flush = useCallback(() => {
    const s = seen.current;
    if (s.roomId !== roomId || document.visibilityState !== "visible" || s.seq <= Math.max(s.sent, lastRead.current)) return;
    const seq = s.seq;
    s.sent = seq;
    const failed = () => {
      if (seen.current === s && s.sent === seq) s.sent = 0; // try again on the next chance
    };
    if (socket?.connected) {
      socket.emit("room:read", { roomId, seq }, (ack) => {
        if (ack.ok) applyState(ack.data);
        else failed();
      });
    } else {
      api.markRead(roomId, seq).then(applyState, failed);
    }
  }, [roomId, socket, applyState]);

  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(flush, DEBOUNCE_MS);
  }, [flush]);

  useEffect(() => {
    if (seen.current.roomId !== roomId) seen.current = { roomId, seq: 0, sent: 0 };
    const onVisible = () => schedule();
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("focus", onVisible);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("focus", onVisible);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [roomId, schedule]);

  return useCallback(
    (seq: number) => {
      if (seen.current.roomId !== roomId) seen.current = { roomId, seq: 0, sent: 0 };
      if (seq <= seen.current.seq) return;
      seen.current.seq = seq;
      schedule();
    },
    [roomId, schedule],
  );
}
