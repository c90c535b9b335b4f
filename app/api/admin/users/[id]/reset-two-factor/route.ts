import { staffOnly } from "@/server/http/admin";
import { json, readJson } from "@/server/http/handler";
import { resetTwoFactor } from "@/server/services/admin-users";

/** POST /api/admin/users/{id}/reset-two-factor { reason? } -> { user: AdminUserDTO } (global admins; audited) */
export const POST = staffOnly<{ id: string }>(async ({ rt, req, user, params }) => json({ user: await resetTwoFactor(rt, user, params.id, await readJson(req)) }));
