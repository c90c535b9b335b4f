/** Socket handler of read state: `room:read` (mark a room read up to a seq, monotonic). */
import { markRead } from "../services/read-state";
import { acked, type ParleySocket } from "./handlers";

export function registerReadStateHandlers(socket: ParleySocket): void {
  const actor = socket.data.user;
  socket.on("room:read", acked(socket, "room:read", (payload) => markRead(actor, payload)));
}
