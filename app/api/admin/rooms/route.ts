import { queryOf, staffOnly } from "@/server/http/admin";
import { json } from "@/server/http/handler";
import { searchRooms } from "@/server/services/admin-content";

/** GET /api/admin/rooms?q=&page= -> Paged<AdminRoomDTO> */
export const GET = staffOnly(async ({ rt, req, user }) => json(await searchRooms(rt, user, queryOf(req))));
