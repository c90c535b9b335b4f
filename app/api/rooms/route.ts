import { authed, json, readJson } from "@/server/http/handler";
import { queryOf } from "@/server/http/admin";
import { createRoom, listMyRooms } from "@/server/services/rooms";

/** GET /api/rooms?cursor=&limit=<1..500> -> { rooms, nextCursor }: the caller's own rooms and DMs (the directory is /api/rooms/directory). */
export const GET = authed(async ({ rt, req, user }) => json(await listMyRooms(rt, user, queryOf(req))));

/** POST /api/rooms { name, topic?, visibility } -> 201 { room } */
export const POST = authed(async ({ rt, req, user }) => json({ room: await createRoom(rt, user, await readJson(req)) }, 201), { limit: "room.create:user" });
