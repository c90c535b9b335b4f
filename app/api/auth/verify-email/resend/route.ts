import { clientIp, json, open, readJson } from "@/server/http/handler";
import { resendVerificationFor } from "@/server/services/signup";

/** POST /api/auth/verify-email/resend { email } -> 202 { status: "check-email" }, whatever the address */
export const POST = open(async ({ rt, req }) => json(await resendVerificationFor(rt, await readJson(req), clientIp(req)), 202));
