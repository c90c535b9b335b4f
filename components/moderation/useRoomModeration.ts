"use client";

/**
 * A room's moderation state as the caller sees it (lock, slow mode, their mute, their powers),
 * loaded once and kept live by `room:moderation` and `moderation:muted`.
 */
import { useCallback, useEffect, useState } from "react";
import { useSocket } from "@/components/providers/SocketProvider";
import type { useTranslations } from "next-intl";
import type { MuteInfo, RoomModerationState } from "@/lib/shared/moderation";

/** The catalogue's `moderation.composer` messages (RoomView passes them in). */
export type ComposerText = ReturnType<typeof useTranslations<"moderation.composer">>;

export function useRoomModeration(roomId: string) {
  const { socket } = useSocket();
  const [state, setState] = useState<RoomModerationState | null>(null);

  const reload = useCallback(async () => {
    const res = await fetch(`/api/rooms/${encodeURIComponent(roomId)}/moderation`, { cache: "no-store" }).catch(() => null);
    if (res?.ok) setState(((await res.json()) as { moderation: RoomModerationState }).moderation);
  }, [roomId]);

  useEffect(() => {
    let cancelled = false;
    fetch(`/api/rooms/${encodeURIComponent(roomId)}/moderation`, { cache: "no-store" })
      .then((res) => (res.ok ? (res.json() as Promise<{ moderation: RoomModerationState }>) : null))
      .then((body) => {
        if (body && !cancelled) setState(body.moderation);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [roomId]);

  useEffect(() => {
    if (!socket) return;
    const onRoom = (p: { roomId: string; locked: boolean; slowModeSeconds: number }) => {
      if (p.roomId === roomId) setState((s) => (s ? { ...s, locked: p.locked, slowModeSeconds: p.slowModeSeconds } : s));
    };
    const onMuted = (p: { roomId: string | null; mute: MuteInfo | null }) => {
      if (p.roomId === null || p.roomId === roomId) void reload();
    };
    socket.on("room:moderation", onRoom);
    socket.on("moderation:muted", onMuted);
    socket.on("connect", reload);
    return () => {
      socket.off("room:moderation", onRoom);
      socket.off("moderation:muted", onMuted);
      socket.off("connect", reload);
    };
  }, [socket, roomId, reload]);

  // A mute ends by itself: re-check when it expires.
  useEffect(() => {
    if (!state?.mute) return;
    const ms = new Date(state.mute.until).getTime() - Date.now();
    const t = setTimeout(() => void reload(), Math.min(Math.max(ms + 500, 500), 2 ** 31 - 1));
    return () => clearTimeout(t);
  }, [state?.mute, reload]);

  return { state, reload };
}

/** Why the caller cannot write here, or null. */
export function composerBlockedReason(state: RoomModerationState | null, t: ComposerText): string | null {
  if (!state) return null;
  if (state.mute) {
    const until = new Date(state.mute.until);
    const muted = state.mute.scope === "room" ? t("mutedHere", { until }) : t("muted", { until });
    return state.mute.reason ? `${muted} ${t("reason", { reason: state.mute.reason })}` : muted;
  }
  if (state.locked && !state.exempt) return t("locked");
  return null;
}

/** A hint shown under the composer (slow mode, a lock the caller is exempt from), or null. */
export function composerHint(state: RoomModerationState | null, t: ComposerText): string | null {
  if (!state) return null;
  const parts: string[] = [];
  if (state.locked && state.exempt) parts.push(t("lockedExempt"));
  if (state.slowModeSeconds > 0) parts.push(state.exempt ? t("slowModeExempt", { seconds: state.slowModeSeconds }) : t("slowMode", { seconds: state.slowModeSeconds }));
  return parts.length ? parts.join(" · ") : null;
}
