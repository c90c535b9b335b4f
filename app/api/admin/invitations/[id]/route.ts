import { staffOnly } from "@/server/http/admin";
import { json } from "@/server/http/handler";
import { revokeInvitation } from "@/server/services/account-invitations";

/** DELETE /api/admin/invitations/{id} -> { invitation } (revoked; global admins) */
export const DELETE = staffOnly<{ id: string }>(async ({ rt, user, params }) => json({ invitation: await revokeInvitation(rt, user, params.id) }));
