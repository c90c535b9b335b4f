import { authed, json, readJson } from "@/server/http/handler";
import { createRoom, listRooms } from "@/server/services/rooms";

/** GET /api/rooms -> { rooms }: public rooms and the caller's private rooms. */
export const GET = authed(async ({ user }) => json({ rooms: await listRooms(user) }));

/** POST /api/rooms { name, topic?, visibility } -> 201 { room } */
export const POST = authed(async ({ req, user }) => json({ room: await createRoom(user, await readJson(req)) }, 201));
