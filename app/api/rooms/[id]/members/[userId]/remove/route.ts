import { authed, json, readJson } from "@/server/http/handler";
import { removeMember } from "@/server/services/room-moderation";

/** POST /api/rooms/{id}/members/{userId}/remove { reason? } -> { ok: true } */
export const POST = authed<{ id: string; userId: string }>(async ({ rt, req, user, params }) => {
  await removeMember(rt, user, params.id, params.userId, await readJson(req));
  return json({ ok: true });
});
