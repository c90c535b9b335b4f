import { clientIp, json, open, readJson } from "@/server/http/handler";
import { confirmEmail } from "@/server/services/signup";

/** POST /api/auth/verify-email { token } -> 200 { email }; 400 for an unknown, used or expired link */
export const POST = open(async ({ rt, req }) => json(await confirmEmail(rt, await readJson(req), clientIp(req))));
