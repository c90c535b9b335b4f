import { queryOf, staffOnly } from "@/server/http/admin";
import { json } from "@/server/http/handler";
import { listReports } from "@/server/services/reports";

/** GET /api/admin/reports?status=OPEN|RESOLVED|DISMISSED&page= -> Paged<ReportDTO> (with context) */
export const GET = staffOnly(async ({ rt, req, user }) => json(await listReports(rt, user, queryOf(req))));
