import { authed, json, readJson } from "@/server/http/handler";
import { enableTwoFactor } from "@/server/services/two-factor";

/** POST /api/me/two-factor/enable { code } -> { recoveryCodes: string[] } (shown once) */
export const POST = authed(async ({ rt, req, user }) => json(await enableTwoFactor(rt, user.id, await readJson(req))));
