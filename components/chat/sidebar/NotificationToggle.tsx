"use client";

/** The room header's bell: mute or unmute this room's notifications for me (persisted, every tab). */
import { useTranslations } from "next-intl";
import { useState } from "react";
import { IconButton } from "@/components/ui/Button";
import { BellIcon, BellOffIcon } from "@/components/ui/icons";
import { api, isApiError } from "@/lib/client/api";
import { useRooms } from "@/components/providers/RoomsProvider";

export function NotificationToggle({ roomId, muted }: { roomId: string; muted: boolean }) {
  const t = useTranslations("room.notifications");
  const { applyState } = useRooms();
  const [pending, setPending] = useState(false);
  const toggle = async () => {
    setPending(true);
    try {
      applyState(await api.setNotificationsMuted(roomId, !muted));
    } catch (e) {
      window.alert(isApiError(e) ? e.message : t("failed"));
    } finally {
      setPending(false);
    }
  };
  return (
    <IconButton
      label={muted ? t("unmute") : t("mute")}
      aria-pressed={muted}
      data-testid="mute-toggle"
      onClick={toggle}
      disabled={pending}
      className={muted ? "text-slate-400" : undefined}
    >
      {muted ? <BellOffIcon className="size-[18px]" /> : <BellIcon className="size-[18px]" />}
    </IconButton>
  );
}
