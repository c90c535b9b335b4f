import { RoomView } from "@/components/chat/room/RoomView";

export default async function RoomPage({ params }: { params: Promise<{ roomId: string }> }) {
  const { roomId } = await params;
  // Keyed by room: switching rooms starts the view fresh (the message cache lives on in RoomSyncProvider).
  return <RoomView key={roomId} roomId={roomId} />;
}
