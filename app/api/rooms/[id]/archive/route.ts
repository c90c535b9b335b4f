import { authed, json, readJson } from "@/server/http/handler";
import { setRoomArchived } from "@/server/services/room-admin";

/** POST /api/rooms/{id}/archive { archived?: boolean = true } -> { room } (the owner, staff) */
export const POST = authed<{ id: string }>(async ({ rt, req, user, params }) => json({ room: await setRoomArchived(rt, user, params.id, await readJson(req)) }));
