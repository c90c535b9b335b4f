/** Socket handlers for reactions and pins (thread replies go through `message:send`). */
import { setPin } from "../services/pins";
import { setReaction } from "../services/reactions";
import { acked, type ParleySocket } from "./handlers";

export function registerThreadHandlers(socket: ParleySocket) {
  const actor = socket.data.user;
  socket.on("reaction:set", acked(socket, "reaction:set", (payload) => setReaction(actor, payload)));
  socket.on("message:pin", acked(socket, "message:pin", (payload) => setPin(actor, payload)));
}
