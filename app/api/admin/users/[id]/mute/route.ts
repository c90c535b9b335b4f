import { staffOnly } from "@/server/http/admin";
import { json, readJson } from "@/server/http/handler";
import { muteUser } from "@/server/services/admin-users";

/** POST /api/admin/users/{id}/mute -> { user: AdminUserDTO } */
export const POST = staffOnly<{ id: string }>(async ({ rt, req, user, params }) => json({ user: await muteUser(rt, user, params.id, await readJson(req)) }));
