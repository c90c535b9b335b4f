import { authed, json, readJson } from "@/server/http/handler";
import { updateRoom } from "@/server/services/room-admin";
import { getRoom } from "@/server/services/rooms";

/** GET /api/rooms/{id} -> { room } */
export const GET = authed<{ id: string }>(async ({ rt, user, params }) => json({ room: await getRoom(rt, user, params.id) }));

/** PATCH /api/rooms/{id} { name?, topic?, visibility? } -> { room } (owners, moderators, staff) */
export const PATCH = authed<{ id: string }>(async ({ rt, req, user, params }) => json({ room: await updateRoom(rt, user, params.id, await readJson(req)) }));
