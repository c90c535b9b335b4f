import { authed, json } from "@/server/http/handler";
import { unlinkIdentity } from "@/server/services/sso";

/** DELETE /api/me/identities/{id} -> { ok: true } (unlinked; 409 when it is the only way into an account without a password) */
export const DELETE = authed<{ id: string }>(async ({ rt, user, params }) => {
  await unlinkIdentity(rt, user.id, params.id);
  return json({ ok: true });
});
