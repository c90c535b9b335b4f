import { authed, json } from "@/server/http/handler";
import { getThread } from "@/server/services/threads";

/** GET /api/rooms/{id}/messages/{messageId}/thread?before=<seq>|after=<seq>&limit=<1..100> -> { root, replies, hasMore } */
export const GET = authed<{ id: string; messageId: string }>(async ({ rt, req, user, params }) =>
  json(await getThread(rt, user, params.id, params.messageId, Object.fromEntries(req.nextUrl.searchParams))),
);
