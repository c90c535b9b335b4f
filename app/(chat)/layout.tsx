import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { ChatShell } from "@/components/chat/shell/ChatShell";
import { RoomsProvider } from "@/components/providers/RoomsProvider";
import { ModerationListener } from "@/components/moderation/ModerationListener";
import { CurrentUserProvider } from "@/components/providers/CurrentUserProvider";
import { DraftsProvider } from "@/components/providers/DraftsProvider";
import { RoomSyncProvider } from "@/components/providers/RoomSyncProvider";
import { SocketProvider } from "@/components/providers/SocketProvider";
import { getSessionUser } from "@/server/auth";
import { LocaleChoiceProvider } from "@/components/providers/LocaleChoiceProvider";
import { currentRuntime } from "@/server/runtime";
import { allMyRooms } from "@/server/services/first-paint";
import { getLocaleSettings } from "@/server/services/locale";
import { can } from "@/server/services/policy";

/** The chat shell, for signed-in users only. It stays mounted while moving between rooms. */
export default async function ChatLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  const rt = currentRuntime();
  // The sidebar's rooms come with the HTML (RoomsProvider does not fetch them again on mount).
  const [rooms, { locale }] = await Promise.all([allMyRooms(rt, user), getLocaleSettings(rt, user.id)]);
  return (
    <CurrentUserProvider user={user}>
      <LocaleChoiceProvider chosen={locale}>
        <SocketProvider>
          <RoomSyncProvider>
            <DraftsProvider>
              <RoomsProvider initialRooms={rooms}>
                <ModerationListener />
                <ChatShell dashboard={can("admin.access", { globalRole: user.role, roomRole: null })}>{children}</ChatShell>
              </RoomsProvider>
            </DraftsProvider>
          </RoomSyncProvider>
        </SocketProvider>
      </LocaleChoiceProvider>
    </CurrentUserProvider>
  );
}
