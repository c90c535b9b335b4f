import { clientIp, json, open, readJson } from "@/server/http/handler";
import { confirmIdentityLink } from "@/server/services/sso";

/** POST /api/auth/sso-link { token, password } -> 200 { email } (the identity is linked; sign in with single sign-on again); 400 for a wrong password or an unknown, used or expired token */
export const POST = open(async ({ rt, req }) => json(await confirmIdentityLink(rt, await readJson(req), clientIp(req))));
