import { staffOnly } from "@/server/http/admin";
import { json, readJson } from "@/server/http/handler";
import { deleteRoom } from "@/server/services/room-moderation";

/** DELETE /api/admin/rooms/{id} { reason? } -> { ok: true } */
export const DELETE = staffOnly<{ id: string }>(async ({ req, user, params }) => {
  await deleteRoom(user, params.id, await readJson(req));
  return json({ ok: true });
});
