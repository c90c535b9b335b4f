import { authed, json, readJson } from "@/server/http/handler";
import { reportMessage } from "@/server/services/reports";

/** POST /api/messages/{id}/report { reason } -> 201 { report: { id } } */
export const POST = authed<{ id: string }>(async ({ rt, req, user, params }) => json({ report: await reportMessage(rt, user, params.id, await readJson(req)) }, 201));
