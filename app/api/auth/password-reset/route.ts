import { clientIp, json, open, readJson } from "@/server/http/handler";
import { assertPasswordAccounts } from "@/server/services/sso";
import { requestPasswordReset } from "@/server/services/password-reset";

/** POST /api/auth/password-reset { email } -> 202 { ok: true }, the same whether or not the account exists */
export const POST = open(async ({ rt, req }) => {
  assertPasswordAccounts(rt);
  await requestPasswordReset(rt, await readJson(req), clientIp(req));
  return json({ ok: true }, 202);
});
