import { clientIp, json, open, readJson } from "@/server/http/handler";
import { registerUser } from "@/server/services/users";

/** POST /api/auth/register { email, password, name } -> 201 { user } */
export const POST = open(async ({ rt, req }) => {
  const body = await readJson(req);
  await rt.limits.consume("register:ip", clientIp(req));
  return json({ user: await registerUser(rt, body) }, 201);
});
