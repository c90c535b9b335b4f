/** Socket events of conversations beyond sending: edit and delete messages, open DMs, set one's status. */
import { openDm } from "../services/dms";
import { deleteMessage, editMessage } from "../services/message-edits";
import { setStatus } from "../services/status";
import { acked, type ParleySocket } from "./handlers";

export function registerConversationHandlers(socket: ParleySocket): void {
  const actor = socket.data.user;
  socket.on(
    "message:edit",
    acked(socket, "message:edit", (payload) => editMessage(actor, payload)),
  );
  socket.on(
    "message:delete",
    acked(socket, "message:delete", (payload) => deleteMessage(actor, payload)),
  );
  socket.on(
    "dm:open",
    acked(socket, "dm:open", (payload) => openDm(actor, payload)),
  );
  socket.on(
    "status:set",
    acked(socket, "status:set", (payload) => setStatus(actor, payload)),
  );
}
