import { authed, json, readJson } from "@/server/http/handler";
import { setPin } from "@/server/services/pins";

/** POST /api/rooms/{id}/messages/{messageId}/pin { pinned } -> { message } */
export const POST = authed<{ id: string; messageId: string }>(async ({ rt, req, user, params }) => {
  const body = await readJson(req);
  return json({ message: await setPin(rt, user, { ...(body as object), roomId: params.id, messageId: params.messageId }) });
}, { limit: "pin:user" });
