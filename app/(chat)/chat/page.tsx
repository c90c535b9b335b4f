import type { Metadata } from "next";
import { ChatHome } from "@/components/chat/ChatHome";

export const metadata: Metadata = { title: "Parley" };

export default function ChatPage() {
  return <ChatHome />;
}
