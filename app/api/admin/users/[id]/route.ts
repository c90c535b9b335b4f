import { staffOnly } from "@/server/http/admin";
import { json } from "@/server/http/handler";
import { getUserDetail } from "@/server/services/admin-users";

/** GET /api/admin/users/{id} -> AdminUserDetail */
export const GET = staffOnly<{ id: string }>(async ({ rt, user, params }) => json(await getUserDetail(rt, user, params.id)));
