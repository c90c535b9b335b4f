"use client";

/**
 * What a message row can do beyond showing itself (react, open its thread, pin), provided by
 * the room view so rows need no extra props threaded through the list.
 */
import { createContext, useContext } from "react";

export interface ConversationActions {
  roomId: string;
  selfId: string;
  /** The caller may pin and unpin (room owner or moderator, global staff). */
  canPin: boolean;
  /** The caller can post here (a member): react and reply. */
  canPost: boolean;
  openThread(messageId: string): void;
  setReaction(messageId: string, emoji: string, on: boolean): void;
  setPinned(messageId: string, pinned: boolean): void;
}

export const ConversationContext = createContext<ConversationActions | null>(null);

/** The room's actions, or null outside a room view (rows then show no action buttons). */
export function useConversation(): ConversationActions | null {
  return useContext(ConversationContext);
}
