import { queryOf, staffOnly } from "@/server/http/admin";
import { json } from "@/server/http/handler";
import { searchMessages } from "@/server/services/admin-content";

/** GET /api/admin/messages?q=&roomId=&authorId=&page= -> Paged<AdminMessageDTO> */
export const GET = staffOnly(async ({ rt, req, user }) => json(await searchMessages(rt, user, queryOf(req))));
