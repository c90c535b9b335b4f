import { authed, json, readJson } from "@/server/http/handler";
import { changePassword } from "@/server/services/password-change";

/** POST /api/me/password { currentPassword, newPassword } -> { sessionsRevoked } (every other session signed out) */
export const POST = authed(async ({ rt, req, user, sessionId }) => json(await changePassword(rt, user.id, sessionId, await readJson(req))), { limit: "password.change:user" });
