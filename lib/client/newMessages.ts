/**
 * New messages arrive as `message:new` (one) or `messages:new` (a group commit of one room, in
 * seq order, as one frame). Listen to both through this, and handle one message at a time.
 */
import type { MessageDTO } from "@/lib/shared/types";
import type { ParleyClientSocket } from "./socketTransport";

/** Subscribe `handler` to every new message, in arrival order; returns the unsubscribe. */
export function onNewMessages(socket: ParleyClientSocket, handler: (message: MessageDTO) => void): () => void {
  const one = (message: MessageDTO) => handler(message);
  const many = (batch: { roomId: string; messages: MessageDTO[] }) => {
    for (const message of batch.messages) handler(message);
  };
  socket.on("message:new", one);
  socket.on("messages:new", many);
  return () => {
    socket.off("message:new", one);
    socket.off("messages:new", many);
  };
}
