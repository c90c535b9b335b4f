"use client";

/**
 * Room management from the room header: settings (name, topic, visibility, archive) for
 * owners and moderators, and inviting people by name or by link. Also keeps the open room's
 * settings live (`room:updated`).
 */
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useSocket } from "@/components/providers/SocketProvider";
import { IconButton } from "@/components/ui/Button";
import { SettingsIcon, UserPlusIcon } from "@/components/ui/icons";
import type { RoomDTO } from "@/lib/shared/types";
import { InviteDialog } from "./InviteDialog";
import { RoomSettingsDialog } from "./RoomSettingsDialog";

/** Apply `room:updated` for this room to the page's copy of it. */
export function useRoomSettingsEvents(room: RoomDTO, onChanged: (room: RoomDTO) => void): void {
  const { socket } = useSocket();
  useEffect(() => {
    if (!socket) return;
    const onUpdated: Parameters<typeof socket.on<"room:updated">>[1] = ({ room: settings }) => {
      if (settings.id !== room.id) return;
      onChanged({ ...room, name: settings.name, dmName: settings.dmName, topic: settings.topic, visibility: settings.visibility, archived: settings.archived });
    };
    socket.on("room:updated", onUpdated);
    return () => {
      socket.off("room:updated", onUpdated);
    };
  }, [socket, room, onChanged]);
}

export function RoomManagement({ room, canModerate, onChanged }: { room: RoomDTO; canModerate: boolean; onChanged: (room: RoomDTO) => void }) {
  const t = useTranslations("room.header");
  const [open, setOpen] = useState<"settings" | "invite" | null>(null);
  if (room.kind === "DM" || !canModerate) return null;
  return (
    <>
      {!room.archived && (
        <IconButton label={t("invite")} onClick={() => setOpen("invite")}>
          <UserPlusIcon className="size-[18px]" />
        </IconButton>
      )}
      <IconButton label={t("settings")} onClick={() => setOpen("settings")}>
        <SettingsIcon className="size-[18px]" />
      </IconButton>
      <RoomSettingsDialog open={open === "settings"} room={room} onClose={() => setOpen(null)} onChanged={onChanged} />
      <InviteDialog open={open === "invite"} room={room} onClose={() => setOpen(null)} />
    </>
  );
}
