import { staffOnly } from "@/server/http/admin";
import { json, readJson } from "@/server/http/handler";
import { resolveReport } from "@/server/services/reports";

/** POST /api/admin/reports/{id}/resolve { action: dismiss|delete_message|mute_author|ban_author, note?, minutes? } -> { report } */
export const POST = staffOnly<{ id: string }>(async ({ rt, req, user, params }) => json({ report: await resolveReport(rt, user, params.id, await readJson(req)) }));
