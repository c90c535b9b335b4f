import { queryOf, staffOnly } from "@/server/http/admin";
import { json } from "@/server/http/handler";
import { listAudit } from "@/server/services/audit";

/** GET /api/admin/audit?action=&actorId=&targetId=&page= -> Paged<AuditEntryDTO>. There is no way to edit or delete entries. */
export const GET = staffOnly(async ({ rt, req, user }) => json(await listAudit(rt, user, queryOf(req))));
