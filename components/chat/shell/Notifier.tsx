"use client";

/**
 * Browser notifications for direct messages and mentions, only while this tab is hidden, only
 * once the user granted permission (see NotificationPrompt), never for muted rooms and never
 * while the user's status is "do not disturb" (set in any of their tabs). Several
 * hidden tabs of the same user show one notification: the tag is the message id.
 */
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useCurrentUser } from "@/components/providers/CurrentUserProvider";
import { useSocket } from "@/components/providers/SocketProvider";
import { onNewMessages } from "@/lib/client/newMessages";
import { roomTitle } from "@/lib/client/rooms";
import { isThreadOnly } from "@/lib/client/timeline";
import type { MessageDTO, RoomDTO } from "@/lib/shared/types";
import { usePeople } from "@/components/providers/PeopleProvider";
import { useRooms } from "@/components/providers/RoomsProvider";

const BODY_MAX = 140;

function canNotify(): boolean {
  return typeof window !== "undefined" && "Notification" in window && Notification.permission === "granted" && document.visibilityState === "hidden";
}

export function Notifier() {
  const t = useTranslations("notifications");
  const { socket } = useSocket();
  const { rooms } = useRooms();
  const self = useCurrentUser();
  const router = useRouter();
  const dnd = usePeople().statusOf(self.id) === "DND";
  const dndRef = useRef(dnd);
  useEffect(() => {
    dndRef.current = dnd;
  }, [dnd]);
  // Read inside socket handlers without re-subscribing on every list change.
  const roomsRef = useRef<RoomDTO[] | null>(rooms);
  useEffect(() => {
    roomsRef.current = rooms;
  }, [rooms]);

  useEffect(() => {
    if (!socket) return;
    const shown = new Set<string>();
    const show = (message: MessageDTO, why: "dm" | "mention") => {
      const room = roomsRef.current?.find((r) => r.id === message.roomId);
      if (!room?.membership || room.membership.notificationsMuted || message.author.id === self.id || dndRef.current || shown.has(message.id) || !canNotify()) return;
      shown.add(message.id);
      const where = room.kind === "DM" ? roomTitle(room, self.id) : `#${room.name}`;
      const oneToOne = room.kind === "DM" && (room.dmMembers?.length ?? 0) <= 2;
      const title = why === "mention" ? t("mentioned", { name: message.author.name, where }) : oneToOne ? message.author.name : t("messageIn", { name: message.author.name, where });
      const body = message.body.length > BODY_MAX ? `${message.body.slice(0, BODY_MAX)}…` : message.body;
      const n = new Notification(title, { body, tag: message.id });
      n.onclick = () => {
        window.focus();
        router.push(`/chat/${message.roomId}`);
        n.close();
      };
    };
    const onMessage = (message: MessageDTO) => {
      const room = roomsRef.current?.find((r) => r.id === message.roomId);
      if (room?.kind === "DM" && !isThreadOnly(message)) show(message, "dm");
    };
    const onMention: Parameters<typeof socket.on<"mention:new">>[1] = ({ message }) => show(message, "mention");
    const offMessages = onNewMessages(socket, onMessage);
    socket.on("mention:new", onMention);
    return () => {
      offMessages();
      socket.off("mention:new", onMention);
    };
  }, [socket, self.id, router, t]);
  return null;
}
