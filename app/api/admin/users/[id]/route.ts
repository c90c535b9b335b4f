import { staffOnly } from "@/server/http/admin";
import { json, readJson } from "@/server/http/handler";
import { deleteAccountAsAdmin } from "@/server/services/account-data";
import { getUserDetail } from "@/server/services/admin-users";

/** GET /api/admin/users/{id} -> AdminUserDetail */
export const GET = staffOnly<{ id: string }>(async ({ rt, user, params }) => json(await getUserDetail(rt, user, params.id)));

/** DELETE /api/admin/users/{id} { reason? } -> { messages, removed } (admins only; audited `user.delete`) */
export const DELETE = staffOnly<{ id: string }>(async ({ rt, req, user, params }) => json(await deleteAccountAsAdmin(rt, user, params.id, await readJson(req))));
