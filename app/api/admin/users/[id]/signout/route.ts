import { staffOnly } from "@/server/http/admin";
import { json, readJson } from "@/server/http/handler";
import { forceSignOut } from "@/server/services/admin-users";

/** POST /api/admin/users/{id}/signout -> { user: AdminUserDTO } */
export const POST = staffOnly<{ id: string }>(async ({ rt, req, user, params }) => json({ user: await forceSignOut(rt, user, params.id, await readJson(req)) }));
