"use client";
/* eslint-disable @next/next/no-location-assign-relative-destination -- leaving the signed-in app is a full page load on purpose: no state may survive it */

/**
 * Moderation events for this tab: a ban or forced sign-out sends the browser to the sign-in
 * page with the reason; removal from a room drops it from the sidebar and leaves it if open.
 */
import { usePathname, useRouter } from "next/navigation";
import { useEffect } from "react";
import { useRooms } from "@/components/providers/RoomsProvider";
import { useRoomSyncRegistry } from "@/components/providers/RoomSyncProvider";
import { useSocket } from "@/components/providers/SocketProvider";
import { banErrorCode, type SessionEnded } from "@/lib/shared/moderation";
import { rememberBan } from "./signInNotice";

export function signInUrlFor(ended: SessionEnded): string {
  const code = ended.reason === "banned" && ended.ban ? banErrorCode(ended.ban) : "SessionEnded";
  return `/signin?error=${encodeURIComponent(code)}`;
}

export function ModerationListener() {
  const { socket } = useSocket();
  const router = useRouter();
  const pathname = usePathname();
  const { markLeft } = useRooms();
  const registry = useRoomSyncRegistry();

  useEffect(() => {
    if (!socket) return;
    let ended = false;
    const onEnded = (payload: SessionEnded) => {
      ended = true;
      socket.disconnect();
      // The page shows only fixed wording for a URL's code; the reason itself goes through this tab's storage.
      if (payload.ban) rememberBan(payload.ban);
      // A full navigation: nothing of the signed-in app should survive.
      window.location.assign(signInUrlFor(payload));
    };
    const onDisconnect = (reason: string) => {
      if (ended || reason !== "io server disconnect") return;
      // Closed by the server without a reason reaching us: ask whether the session still holds.
      void fetch("/api/me", { cache: "no-store" }).then((res) => {
        if (res.status === 401 && !ended) window.location.assign("/signin?error=SessionEnded");
        else if (!ended) socket.connect();
      }, () => socket.connect());
    };
    socket.on("session:ended", onEnded);
    socket.on("disconnect", onDisconnect);
    return () => {
      socket.off("session:ended", onEnded);
      socket.off("disconnect", onDisconnect);
    };
  }, [socket]);

  useEffect(() => {
    if (!socket) return;
    const onRemoved = ({ roomId }: { roomId: string; reason: string | null }) => {
      registry.forget(roomId);
      markLeft(roomId);
      if (pathname?.includes(roomId)) router.push("/chat");
    };
    socket.on("member:removed", onRemoved);
    return () => {
      socket.off("member:removed", onRemoved);
    };
  }, [socket, registry, markLeft, pathname, router]);

  return null;
}
