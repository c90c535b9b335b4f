/** The account data tests' set-up: a room of the owner's with one message in it, sent over a real socket. */
import type { MessageDTO, RoomDTO } from "@/lib/shared/types";
import { api, clientId, connectUser, emitAck, type ClientSocket, type TestUser } from "./clients";

export async function roomAndMessage(url: string, owner: TestUser, body: string): Promise<{ roomId: string; message: MessageDTO; socket: ClientSocket }> {
  const { body: created } = await api<{ room: RoomDTO }>(url, owner, "POST", "/api/rooms", { name: `data ${clientId().slice(0, 6)}` });
  const socket = await connectUser(url, owner);
  const ack = await emitAck(socket, "message:send", { roomId: created.room.id, clientId: clientId(), body });
  if (!ack.ok) throw new Error(ack.error.message);
  return { roomId: created.room.id, message: ack.data.message, socket };
}

