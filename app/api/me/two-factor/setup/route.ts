import { authed, json } from "@/server/http/handler";
import { beginTwoFactorSetup } from "@/server/services/two-factor";

/** POST /api/me/two-factor/setup -> TwoFactorSetup { secret, otpauthUrl, qrCode } (409 while two-factor is on) */
export const POST = authed(async ({ rt, user }) => json(await beginTwoFactorSetup(rt, user)));
