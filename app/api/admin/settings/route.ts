import { staffOnly } from "@/server/http/admin";
import { json, readJson } from "@/server/http/handler";
import { getInstanceSettings, updateInstanceSettings } from "@/server/services/instance-settings";

/** GET /api/admin/settings -> { settings: InstanceSettingsDTO } (global admins) */
export const GET = staffOnly(async ({ rt, user }) => json({ settings: await getInstanceSettings(rt, user) }));

/** PUT /api/admin/settings { signupPolicy?, allowedEmailDomains?, emailVerification?, roomOwnersMayInvite?, requireTwoFactorForStaff? } -> { settings } (global admins; audited) */
export const PUT = staffOnly(async ({ rt, req, user }) => json({ settings: await updateInstanceSettings(rt, user, await readJson(req)) }));
