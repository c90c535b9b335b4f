import { clientIp, json, open, readJson } from "@/server/http/handler";
import { register } from "@/server/services/signup";
import { assertPasswordAccounts } from "@/server/services/sso";

/** POST /api/auth/register { email, password, name } -> 202 { status: "check-email" }, whatever the address (docs/accounts.md) */
export const POST = open(async ({ rt, req }) => {
  assertPasswordAccounts(rt);
  const body = await readJson(req);
  await rt.limits.consume("register:ip", clientIp(req));
  return json(await register(rt, body), 202);
});
