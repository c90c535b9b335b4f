import { staffOnly } from "@/server/http/admin";
import { json, readJson } from "@/server/http/handler";
import { unbanUser } from "@/server/services/admin-users";

/** POST /api/admin/users/{id}/unban -> { user: AdminUserDTO } */
export const POST = staffOnly<{ id: string }>(async ({ rt, req, user, params }) => json({ user: await unbanUser(rt, user, params.id, await readJson(req)) }));
