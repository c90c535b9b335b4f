import { clientIp, json, open, readJson } from "@/server/http/handler";
import { consume } from "@/server/services/rate-limit";
import { registerUser } from "@/server/services/users";

/** POST /api/auth/register { email, password, name } -> 201 { user } */
export const POST = open(async (req) => {
  const body = await readJson(req);
  await consume("register:ip", clientIp(req));
  return json({ user: await registerUser(body) }, 201);
});
