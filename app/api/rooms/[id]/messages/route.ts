import { authed, json } from "@/server/http/handler";
import { getHistory } from "@/server/services/messages";

/** GET /api/rooms/{id}/messages?before=<seq>|after=<seq>|around=<seq>&limit=<1..100> -> { messages, hasMore, hasMoreAfter? } */
export const GET = authed<{ id: string }>(async ({ rt, req, user, params }) =>
  json(await getHistory(rt, user, params.id, Object.fromEntries(req.nextUrl.searchParams))),
);
