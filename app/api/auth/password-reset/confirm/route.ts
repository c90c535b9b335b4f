import { clientIp, json, open, readJson } from "@/server/http/handler";
import { assertPasswordAccounts } from "@/server/services/sso";
import { confirmPasswordReset } from "@/server/services/password-reset";

/** POST /api/auth/password-reset/confirm { token, password } -> 200 { ok: true }; 400 for an unknown, used or expired token */
export const POST = open(async ({ rt, req }) => {
  assertPasswordAccounts(rt);
  await confirmPasswordReset(rt, await readJson(req), clientIp(req));
  return json({ ok: true });
});
