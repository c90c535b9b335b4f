import { authed, json } from "@/server/http/handler";
import { resendMyVerification } from "@/server/services/signup";

/** POST /api/me/email/verification -> 202 { status: "check-email" }: a new confirmation link (pending new address, else the unverified one) */
export const POST = authed(async ({ rt, user }) => json(await resendMyVerification(rt, user), 202));
