import { authed, json, readJson } from "@/server/http/handler";
import { setReaction } from "@/server/services/reactions";

/** POST /api/rooms/{id}/messages/{messageId}/reactions { emoji, on } -> { message } */
export const POST = authed<{ id: string; messageId: string }>(async ({ rt, req, user, params }) => {
  const body = await readJson(req);
  return json({ message: await setReaction(rt, user, { ...(body as object), roomId: params.id, messageId: params.messageId }) });
}, { limit: "reaction:user" });
