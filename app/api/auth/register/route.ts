import { clientIp, json, open, readJson } from "@/server/http/handler";
import { assertPasswordAccounts } from "@/server/services/sso";
import { registerUser } from "@/server/services/users";

/** POST /api/auth/register { email, password, name } -> 201 { user } */
export const POST = open(async ({ rt, req }) => {
  assertPasswordAccounts(rt);
  const body = await readJson(req);
  await rt.limits.consume("register:ip", clientIp(req));
  return json({ user: await registerUser(rt, body) }, 201);
});
