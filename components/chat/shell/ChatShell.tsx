"use client";

import { EmailVerificationBanner } from "@/components/accounts/EmailVerificationBanner";
import { useCallback, useMemo, useState, type ReactNode } from "react";
import { BrowseRoomsDialog } from "../dialogs/BrowseRoomsDialog";
import { ConnectionBanner } from "./ConnectionBanner";
import { CreateRoomDialog } from "../dialogs/CreateRoomDialog";
import { NewMessageDialog } from "../dialogs/NewMessageDialog";
import { Notifier } from "./Notifier";
import { PeopleProvider } from "@/components/providers/PeopleProvider";
import { SearchDialog, useSearchShortcut } from "../dialogs/SearchDialog";
import { ShellContext } from "@/components/providers/ShellContext";
import { Sidebar } from "../sidebar/Sidebar";
import { ShortcutsDialog } from "../dialogs/ShortcutsDialog";
import { useChatShortcuts } from "./useChatShortcuts";
import { useReportTimeZone } from "../people/useReportTimeZone";

/** Sidebar + main pane. On a phone the sidebar is a drawer opened from the pane's menu button. */
export function ChatShell({ children, dashboard = false }: { children: ReactNode; dashboard?: boolean }) {
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const [dialog, setDialog] = useState<"create" | "browse" | "dm" | "search" | "shortcuts" | null>(null);
  const closeSidebar = useCallback(() => setSidebarOpen(false), []);

  const actions = useMemo(
    () => ({
      openSidebar: () => setSidebarOpen(true),
      openCreateRoom: () => {
        setSidebarOpen(false);
        setDialog("create");
      },
      openBrowseRooms: () => {
        setSidebarOpen(false);
        setDialog("browse");
      },
      openNewMessage: () => {
        setSidebarOpen(false);
        setDialog("dm");
      },
      openSearch: () => {
        setSidebarOpen(false);
        setDialog("search");
      },
    }),
    [],
  );
  useSearchShortcut(actions.openSearch);
  const openShortcuts = useCallback(() => setDialog("shortcuts"), []);
  useChatShortcuts(openShortcuts);
  useReportTimeZone();

  return (
    <ShellContext.Provider value={actions}>
      <PeopleProvider>
      <div className="flex h-dvh overflow-hidden bg-white text-slate-900">
        <Sidebar open={sidebarOpen} onClose={closeSidebar} onCreateRoom={actions.openCreateRoom} onBrowseRooms={actions.openBrowseRooms} onNewMessage={actions.openNewMessage} onSearch={actions.openSearch} dashboard={dashboard} />
        <main className="flex min-w-0 flex-1 flex-col">
          <ConnectionBanner />
          <EmailVerificationBanner />
          {children}
        </main>
      </div>
      <CreateRoomDialog open={dialog === "create"} onClose={() => setDialog(null)} />
      <BrowseRoomsDialog open={dialog === "browse"} onClose={() => setDialog(null)} />
      <NewMessageDialog open={dialog === "dm"} onClose={() => setDialog(null)} />
      <Notifier />
      <SearchDialog open={dialog === "search"} onClose={() => setDialog(null)} />
      <ShortcutsDialog open={dialog === "shortcuts"} onClose={() => setDialog(null)} />
      </PeopleProvider>
    </ShellContext.Provider>
  );
}
