import { clientIp, json, open, readJson } from "@/server/http/handler";
import { acceptInvitation } from "@/server/services/account-invitations";

/** POST /api/account-invitations/{token}/accept { name, password } -> 201 { email, roomIds } (the account, verified, in the rooms) */
export const POST = open(async ({ rt, req }) => {
  const token = req.nextUrl.pathname.split("/").at(-2) ?? "";
  return json(await acceptInvitation(rt, token, await readJson(req), clientIp(req)), 201);
});
