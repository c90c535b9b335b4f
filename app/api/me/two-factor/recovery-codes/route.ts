import { authed, json, readJson } from "@/server/http/handler";
import { regenerateRecoveryCodes } from "@/server/services/two-factor";

/** POST /api/me/two-factor/recovery-codes { code } -> { recoveryCodes: string[] } (the old ones stop working) */
export const POST = authed(async ({ rt, req, user }) => json(await regenerateRecoveryCodes(rt, user.id, await readJson(req))));
