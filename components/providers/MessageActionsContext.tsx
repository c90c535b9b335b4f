"use client";

/**
 * What the message hover toolbar may do in the open room: who the reader is, whether they
 * moderate it, and the calls behind each button. Provided once per room by RoomView, so the
 * list and its rows need no extra props.
 */
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { api } from "@/lib/client/api";
import type { MessageDTO } from "@/lib/shared/types";

export interface MessageActionsValue {
  selfId: string;
  /** Room owner/moderator or global staff: may delete anyone's message. */
  canModerate: boolean;
  /** The room is archived: nothing can change. */
  readOnly: boolean;
  /** Apply a changed copy to the room's log at once (the broadcast follows). */
  onChanged: (message: MessageDTO) => void;
  edit: (messageId: string, body: string) => Promise<MessageDTO>;
  remove: (messageId: string) => Promise<MessageDTO>;
}

const MessageActionsContext = createContext<MessageActionsValue | null>(null);

export function MessageActionsProvider({
  selfId,
  canModerate,
  readOnly,
  onChanged,
  children,
}: Pick<MessageActionsValue, "selfId" | "canModerate" | "readOnly" | "onChanged"> & { children: ReactNode }) {
  const value = useMemo<MessageActionsValue>(
    () => ({
      selfId,
      canModerate,
      readOnly,
      onChanged,
      edit: async (messageId, body) => {
        const message = await api.editMessage(messageId, body);
        onChanged(message);
        return message;
      },
      remove: async (messageId) => {
        const message = await api.deleteMessage(messageId);
        onChanged(message);
        return message;
      },
    }),
    [selfId, canModerate, readOnly, onChanged],
  );
  return <MessageActionsContext.Provider value={value}>{children}</MessageActionsContext.Provider>;
}

/** Null outside a room (e.g. a preview list): rows then show no actions. */
export function useMessageActions(): MessageActionsValue | null {
  return useContext(MessageActionsContext);
}
