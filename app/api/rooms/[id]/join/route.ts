import { authed, json } from "@/server/http/handler";
import { joinRoom } from "@/server/services/rooms";

/** POST /api/rooms/{id}/join -> { room } (idempotent) */
export const POST = authed<{ id: string }>(async ({ rt, user, params }) => json({ room: await joinRoom(rt, user, params.id) }), { limit: "room.join:user" });
