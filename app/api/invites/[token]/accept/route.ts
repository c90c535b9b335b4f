import { authed, json } from "@/server/http/handler";
import { acceptInvite } from "@/server/services/invites";

/** POST /api/invites/{token}/accept -> { room }; 404 unknown, 410 expired or used up */
export const POST = authed<{ token: string }>(async ({ rt, user, params }) => json({ room: await acceptInvite(rt, user, params.token) }), { limit: "room.join:user" });
