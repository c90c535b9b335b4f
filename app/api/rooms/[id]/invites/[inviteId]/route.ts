import { authed, json } from "@/server/http/handler";
import { revokeInvite } from "@/server/services/invites";

/** DELETE /api/rooms/{id}/invites/{inviteId} -> { ok: true }; the link answers 410 from now on (owners, moderators, staff) */
export const DELETE = authed<{ id: string; inviteId: string }>(async ({ rt, user, params }) => {
  await revokeInvite(rt, user, params.id, params.inviteId);
  return json({ ok: true });
});
