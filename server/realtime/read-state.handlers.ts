/** Socket handler of read state: `room:read` (mark a room read up to a seq, monotonic). */
import { markRead } from "../services/read-state";
import type { Runtime } from "../runtime";
import { acked } from "./acked";
import type { ParleySocket } from "./types";

export function registerReadStateHandlers(rt: Runtime, socket: ParleySocket): void {
  const actor = socket.data.user;
  socket.on("room:read", acked(rt, socket, "room:read", (payload) => markRead(rt, actor, payload)));
}
