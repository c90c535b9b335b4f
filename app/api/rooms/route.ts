import { authed, json, readJson } from "@/server/http/handler";
import { createRoom, listRooms } from "@/server/services/rooms";

/** GET /api/rooms -> { rooms }: public rooms and the caller's private rooms. */
export const GET = authed(async ({ rt, user }) => json({ rooms: await listRooms(rt, user) }));

/** POST /api/rooms { name, topic?, visibility } -> 201 { room } */
export const POST = authed(async ({ rt, req, user }) => json({ room: await createRoom(rt, user, await readJson(req)) }, 201));
