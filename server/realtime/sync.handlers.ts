/** Socket handler of the event journal: `session:resume` (replay what a client missed). */
import type { Runtime } from "../runtime";
import { resumeEvents } from "../services/sync-journal";
import { acked } from "./acked";
import type { ParleySocket } from "./types";

export function registerSyncHandlers(rt: Runtime, socket: ParleySocket): void {
  const actor = socket.data.user;
  socket.on("session:resume", acked(rt, socket, "session:resume", (payload) => resumeEvents(rt, actor, payload)));
}
