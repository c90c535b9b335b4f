import { authed, json, readJson } from "@/server/http/handler";
import { createInvite, listInvites } from "@/server/services/invites";

/** POST /api/rooms/{id}/invites { expiresInHours?, maxUses? } -> 201 { invite } (owners, moderators, staff) */
export const POST = authed<{ id: string }>(async ({ rt, req, user, params }) => json({ invite: await createInvite(rt, user, params.id, await readJson(req)) }, 201));

/** GET /api/rooms/{id}/invites -> { invites } the links that still work, newest first (owners, moderators, staff) */
export const GET = authed<{ id: string }>(async ({ rt, user, params }) => json({ invites: await listInvites(rt, user, params.id) }));
