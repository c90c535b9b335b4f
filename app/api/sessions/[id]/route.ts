import { authed, json } from "@/server/http/handler";
import { revokeSession } from "@/server/services/user-sessions";

/** DELETE /api/sessions/{id} -> { ok: true } (that session signed out; its sockets closed) */
export const DELETE = authed<{ id: string }>(async ({ rt, user, params }) => {
  await revokeSession(rt, user.id, params.id);
  return json({ ok: true });
});
