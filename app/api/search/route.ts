import { authed, json } from "@/server/http/handler";
import { searchMessages } from "@/server/services/search";

/** GET /api/search?q=&roomId=&authorId=&cursor=&limit=<1..50> -> { results, nextCursor } */
export const GET = authed(async ({ rt, req, user }) => json(await searchMessages(rt, user, Object.fromEntries(req.nextUrl.searchParams))));
