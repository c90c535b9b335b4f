import { authed, json, readJson } from "@/server/http/handler";
import { muteMember } from "@/server/services/room-moderation";

/** POST /api/rooms/{id}/members/{userId}/mute { minutes, reason? } -> { mute } */
export const POST = authed<{ id: string; userId: string }>(async ({ rt, req, user, params }) => json({ mute: await muteMember(rt, user, params.id, params.userId, await readJson(req)) }));
