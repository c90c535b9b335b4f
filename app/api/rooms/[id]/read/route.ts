import { authed, json, readJson } from "@/server/http/handler";
import { markRead } from "@/server/services/read-state";

/** POST /api/rooms/{id}/read { seq } -> { state } (lastReadSeq only moves forward) */
export const POST = authed<{ id: string }>(async ({ rt, req, user, params }) => {
  const body = await readJson(req);
  return json({ state: await markRead(rt, user, { ...(body as object), roomId: params.id }) });
});
