import { queryOf, staffOnly } from "@/server/http/admin";
import { json } from "@/server/http/handler";
import { searchUsers } from "@/server/services/admin-users";

/** GET /api/admin/users?q=&page= -> Paged<AdminUserDTO> */
export const GET = staffOnly(async ({ rt, req, user }) => json(await searchUsers(rt, user, queryOf(req))));
