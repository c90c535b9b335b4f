import { clientIp, json, open } from "@/server/http/handler";
import { previewInvitation } from "@/server/services/account-invitations";

/** GET /api/account-invitations/{token} -> { invitation: InvitationPreview }; 400 for an unknown, used, revoked or expired link */
export const GET = open(async ({ rt, req }) => {
  const token = req.nextUrl.pathname.split("/").at(-1) ?? "";
  return json({ invitation: await previewInvitation(rt, token, clientIp(req)) });
});
