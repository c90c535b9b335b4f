import { authed, json } from "@/server/http/handler";
import { getPublicProfile } from "@/server/services/profiles";

/** GET /api/users/{id} -> { user: { id, name, status, timeZone, lastSeenAt } } (any signed-in user; 404 unknown, 400 not a uuid) */
export const GET = authed<{ id: string }>(async ({ rt, user, params }) => json({ user: await getPublicProfile(rt, user, params.id) }));
