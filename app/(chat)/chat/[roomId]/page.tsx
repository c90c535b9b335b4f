import { redirect } from "next/navigation";
import { RoomView } from "@/components/chat/room/RoomView";
import { getSessionUser } from "@/server/auth";
import { currentRuntime } from "@/server/runtime";
import { roomFirstPaint } from "@/server/services/first-paint";

export default async function RoomPage({ params }: { params: Promise<{ roomId: string }> }) {
  const { roomId } = await params;
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  // The room and its newest page come with the HTML: the first messages show before hydration.
  const initial = await roomFirstPaint(currentRuntime(), user, roomId);
  // Keyed by room: switching rooms starts the view fresh (the message cache lives on in RoomSyncProvider).
  return <RoomView key={roomId} roomId={roomId} initial={initial} />;
}
