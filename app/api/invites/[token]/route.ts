import { authed, json } from "@/server/http/handler";
import { previewInvite } from "@/server/services/invites";

/** GET /api/invites/{token} -> { invite: { room, expiresAt, alreadyMember } }; 404 unknown, 410 expired or used up */
export const GET = authed<{ token: string }>(async ({ rt, user, params }) => json({ invite: await previewInvite(rt, user, params.token) }));
