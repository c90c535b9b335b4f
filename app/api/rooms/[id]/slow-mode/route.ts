import { authed, json, readJson } from "@/server/http/handler";
import { setRoomSlowMode } from "@/server/services/room-moderation";

/** POST /api/rooms/{id}/slow-mode { seconds, reason? } -> { room: { id, locked, slowModeSeconds } } */
export const POST = authed<{ id: string }>(async ({ rt, req, user, params }) => json({ room: await setRoomSlowMode(rt, user, params.id, await readJson(req)) }));
