import { staffOnly } from "@/server/http/admin";
import { json, readJson } from "@/server/http/handler";
import { getRoomDetail } from "@/server/services/admin-content";
import { deleteRoom } from "@/server/services/room-moderation";

/** GET /api/admin/rooms/{id} -> { room: AdminRoomDTO, members: AdminMemberDTO[] } */
export const GET = staffOnly<{ id: string }>(async ({ rt, user, params }) => json(await getRoomDetail(rt, user, params.id)));

/** DELETE /api/admin/rooms/{id} { reason? } -> { ok: true } */
export const DELETE = staffOnly<{ id: string }>(async ({ rt, req, user, params }) => {
  await deleteRoom(rt, user, params.id, await readJson(req));
  return json({ ok: true });
});
