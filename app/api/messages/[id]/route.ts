import { authed, json, readJson } from "@/server/http/handler";
import { deleteMessage, editMessage } from "@/server/services/message-edits";

/** PATCH /api/messages/{id} { body } -> { message } (the author only; same rules as `message:edit`) */
export const PATCH = authed<{ id: string }>(async ({ rt, req, user, params }) => {
  // readJson guarantees a JSON object; the service's strict schema refuses unknown fields.
  const input = (await readJson(req)) as Record<string, unknown>;
  return json({ message: await editMessage(rt, user, { ...input, messageId: params.id }) });
}, { limit: "message.edit:user" });

/** DELETE /api/messages/{id} -> { message } (soft delete: author, room moderators, staff) */
export const DELETE = authed<{ id: string }>(async ({ rt, user, params }) => json({ message: await deleteMessage(rt, user, { messageId: params.id }) }), { limit: "message.delete:user" });
