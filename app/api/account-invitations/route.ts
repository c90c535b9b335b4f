import { authed, json, readJson } from "@/server/http/handler";
import { createInvitation } from "@/server/services/account-invitations";

/** POST /api/account-invitations { email, roomIds? } -> 201 { invitation } (admins; room owners into their rooms when allowed) */
export const POST = authed(async ({ rt, req, user }) => json({ invitation: await createInvitation(rt, user, await readJson(req)) }, 201), { limit: "invitation.send:user" });
