import { MessagesPanel } from "@/components/admin/MessagesPanel";

export default function Page() {
  return <MessagesPanel />;
}
