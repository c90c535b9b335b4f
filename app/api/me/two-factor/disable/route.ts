import { authed, json, readJson } from "@/server/http/handler";
import { disableTwoFactor } from "@/server/services/two-factor";

/** POST /api/me/two-factor/disable { password, code } -> { ok: true } */
export const POST = authed(async ({ rt, req, user }) => {
  await disableTwoFactor(rt, user.id, await readJson(req));
  return json({ ok: true });
});
