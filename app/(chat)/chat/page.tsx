import type { Metadata } from "next";
import { ChatHome } from "@/components/chat/shell/ChatHome";

export const metadata: Metadata = { title: "Parley" };

/** `/chat`; `?denied=admin` when the dashboard refused the user (app/admin/layout.tsx). */
export default async function ChatPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { denied } = await searchParams;
  return <ChatHome deniedAdmin={denied === "admin"} />;
}
