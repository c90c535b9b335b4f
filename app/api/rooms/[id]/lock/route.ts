import { authed, json, readJson } from "@/server/http/handler";
import { setRoomLock } from "@/server/services/room-moderation";

/** POST /api/rooms/{id}/lock { locked, reason? } -> { room: { id, locked, slowModeSeconds } } */
export const POST = authed<{ id: string }>(async ({ req, user, params }) => json({ room: await setRoomLock(user, params.id, await readJson(req)) }));
