import { authed, json } from "@/server/http/handler";
import { searchUsers } from "@/server/services/people";

/** GET /api/users?q=<name>&limit=<1..50> -> { users: [{ id, name, status }] } (the caller excluded) */
export const GET = authed(async ({ rt, req, user }) => json({ users: await searchUsers(rt, user, Object.fromEntries(req.nextUrl.searchParams)) }));
