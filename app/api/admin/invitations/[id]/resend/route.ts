import { staffOnly } from "@/server/http/admin";
import { json } from "@/server/http/handler";
import { resendInvitation } from "@/server/services/account-invitations";

/** POST /api/admin/invitations/{id}/resend -> { invitation } (a new link, 7 more days; global admins) */
export const POST = staffOnly<{ id: string }>(async ({ rt, user, params }) => json({ invitation: await resendInvitation(rt, user, params.id) }));
