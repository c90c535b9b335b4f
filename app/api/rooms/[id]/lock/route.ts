import { authed, json, readJson } from "@/server/http/handler";
import { setRoomLock } from "@/server/services/room-moderation";

/** POST /api/rooms/{id}/lock { locked, reason? } -> { room: { id, locked, slowModeSeconds } } */
export const POST = authed<{ id: string }>(async ({ rt, req, user, params }) => json({ room: await setRoomLock(rt, user, params.id, await readJson(req)) }));
