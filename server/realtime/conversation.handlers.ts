/** Socket events of conversations beyond sending: edit and delete messages, open DMs, set one's status. */
import { openDm } from "../services/dms";
import { deleteMessage, editMessage } from "../services/message-edits";
import { setStatus } from "../services/status";
import type { Runtime } from "../runtime";
import { acked } from "./acked";
import type { ParleySocket } from "./types";

export function registerConversationHandlers(rt: Runtime, socket: ParleySocket): void {
  const actor = socket.data.user;
  socket.on(
    "message:edit",
    acked(rt, socket, "message:edit", (payload) => editMessage(rt, actor, payload)),
  );
  socket.on(
    "message:delete",
    acked(rt, socket, "message:delete", (payload) => deleteMessage(rt, actor, payload)),
  );
  socket.on(
    "dm:open",
    acked(rt, socket, "dm:open", (payload) => openDm(rt, actor, payload)),
  );
  socket.on(
    "status:set",
    acked(rt, socket, "status:set", (payload) => setStatus(rt, actor, payload)),
  );
}
