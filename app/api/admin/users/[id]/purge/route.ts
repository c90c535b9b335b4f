import { staffOnly } from "@/server/http/admin";
import { json, readJson } from "@/server/http/handler";
import { purgeUserMessages } from "@/server/services/admin-content";

/** POST /api/admin/users/{id}/purge { hours, reason? } -> { removed } */
export const POST = staffOnly<{ id: string }>(async ({ req, user, params }) => json(await purgeUserMessages(user, params.id, await readJson(req))));
