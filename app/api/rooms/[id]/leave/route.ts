import { authed, json } from "@/server/http/handler";
import { leaveRoom } from "@/server/services/rooms";

/** POST /api/rooms/{id}/leave -> { ok: true } (idempotent) */
export const POST = authed<{ id: string }>(async ({ rt, user, params }) => {
  await leaveRoom(rt, user, params.id);
  return json({ ok: true });
}, { limit: "room.leave:user" });
