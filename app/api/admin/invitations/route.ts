import { staffOnly } from "@/server/http/admin";
import { json } from "@/server/http/handler";
import { listInvitations } from "@/server/services/account-invitations";

/** GET /api/admin/invitations -> { invitations: AccountInvitationDTO[] } (global admins) */
export const GET = staffOnly(async ({ rt, user }) => json({ invitations: await listInvitations(rt, user) }));
