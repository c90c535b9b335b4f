import { authed, json, readJson } from "@/server/http/handler";
import { changeEmail, emailStatus } from "@/server/services/signup";

/** GET /api/me/email -> { email: EmailStatusDTO } */
export const GET = authed(async ({ rt, user }) => json({ email: await emailStatus(rt, user) }));

/** PUT /api/me/email { email, currentPassword } -> 202 { status: "check-email" } (the new address becomes the account's once confirmed) */
export const PUT = authed(async ({ rt, req, user }) => json(await changeEmail(rt, user, await readJson(req)), 202));
