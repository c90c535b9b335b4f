import { staffOnly } from "@/server/http/admin";
import { json, readJson } from "@/server/http/handler";
import { purgeUserMessages } from "@/server/services/admin-content";

/** POST /api/admin/users/{id}/purge { hours, reason? } -> { removed } */
export const POST = staffOnly<{ id: string }>(async ({ rt, req, user, params }) => json(await purgeUserMessages(rt, user, params.id, await readJson(req))));
