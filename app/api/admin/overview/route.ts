import { staffOnly } from "@/server/http/admin";
import { json } from "@/server/http/handler";
import { computeOverview } from "@/server/services/admin-overview";

/** GET /api/admin/overview -> AdminOverview (the same numbers `admin:overview` pushes live) */
export const GET = staffOnly(async ({ rt }) => json(await computeOverview(rt)));
