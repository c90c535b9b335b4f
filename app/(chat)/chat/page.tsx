import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { ChatHome } from "@/components/chat/shell/ChatHome";
import { LAST_ROOM_COOKIE } from "@/lib/shared/cookies";
import { getSessionUser } from "@/server/auth";
import { currentRuntime } from "@/server/runtime";
import { landingRoomId } from "@/server/services/landing";

export const metadata: Metadata = { title: "Parley" };

/**
 * `/chat` opens a room at once (server-side): the last one opened, else #general, else the first.
 * The welcome page only for someone in no room, or with `?denied=admin` (app/admin/layout.tsx).
 */
export default async function ChatPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { denied } = await searchParams;
  if (denied !== "admin") {
    const user = await getSessionUser();
    const roomId = user ? await landingRoomId(currentRuntime(), user, (await cookies()).get(LAST_ROOM_COOKIE)?.value) : null;
    if (roomId) redirect(`/chat/${roomId}`);
  }
  return <ChatHome deniedAdmin={denied === "admin"} />;
}
