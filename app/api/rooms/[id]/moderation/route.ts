import { authed, json } from "@/server/http/handler";
import { getRoomModeration } from "@/server/services/room-moderation";

/** GET /api/rooms/{id}/moderation -> { moderation: RoomModerationState } */
export const GET = authed<{ id: string }>(async ({ rt, user, params }) => json({ moderation: await getRoomModeration(rt, user, params.id) }));
