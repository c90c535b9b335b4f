/** Socket handlers for reactions and pins (thread replies go through `message:send`). */
import { setPin } from "../services/pins";
import { setReaction } from "../services/reactions";
import type { Runtime } from "../runtime";
import { acked } from "./acked";
import type { ParleySocket } from "./types";

export function registerReactionPinHandlers(rt: Runtime, socket: ParleySocket) {
  const actor = socket.data.user;
  socket.on("reaction:set", acked(rt, socket, "reaction:set", (payload) => setReaction(rt, actor, payload)));
  socket.on("message:pin", acked(rt, socket, "message:pin", (payload) => setPin(rt, actor, payload)));
}
