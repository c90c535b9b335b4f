"use client";

import { createContext, useContext } from "react";

/** What the chat shell lets its pages do: open the phone sidebar and the room dialogs. */
export interface ShellActions {
  openSidebar: () => void;
  openCreateRoom: () => void;
  openBrowseRooms: () => void;
  openNewMessage: () => void;
  openSearch: () => void;
}

export const ShellContext = createContext<ShellActions | null>(null);

export function useShell(): ShellActions {
  const value = useContext(ShellContext);
  if (!value) throw new Error("useShell needs the <ChatShell>");
  return value;
}
