import { authed, json } from "@/server/http/handler";
import { listIdentities } from "@/server/services/sso";

/** GET /api/me/identities -> { identities: [{ id, provider, email, createdAt, lastUsedAt }] } (single sign-on accounts that sign in as you) */
export const GET = authed(async ({ rt, user }) => json({ identities: await listIdentities(rt, user.id) }));
