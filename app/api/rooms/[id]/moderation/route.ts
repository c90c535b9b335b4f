import { authed, json } from "@/server/http/handler";
import { getRoomModeration } from "@/server/services/room-moderation";

/** GET /api/rooms/{id}/moderation -> { moderation: RoomModerationState } */
export const GET = authed<{ id: string }>(async ({ user, params }) => json({ moderation: await getRoomModeration(user, params.id) }));
