import { authed, json, readJson } from "@/server/http/handler";
import { unmuteMember } from "@/server/services/room-moderation";

/** POST /api/rooms/{id}/members/{userId}/unmute { reason? } -> { ok: true } */
export const POST = authed<{ id: string; userId: string }>(async ({ rt, req, user, params }) => {
  await unmuteMember(rt, user, params.id, params.userId, await readJson(req));
  return json({ ok: true });
});
