import { authed, json } from "@/server/http/handler";
import { queryOf } from "@/server/http/admin";
import { listRoomDirectory } from "@/server/services/rooms";

/** GET /api/rooms/directory?q=&cursor=&limit=<1..100> -> { rooms, nextCursor }: public rooms by name. */
export const GET = authed(async ({ rt, req, user }) => json(await listRoomDirectory(rt, user, queryOf(req))));
