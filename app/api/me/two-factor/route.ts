import { authed, json } from "@/server/http/handler";
import { getTwoFactorStatus } from "@/server/services/two-factor";

/** GET /api/me/two-factor -> TwoFactorStatus { enabled, enabledAt, recoveryCodesLeft } */
export const GET = authed(async ({ rt, user }) => json(await getTwoFactorStatus(rt, user.id)));
