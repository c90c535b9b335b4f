import { jsonAttachment } from "@/server/http/download";
import { authed } from "@/server/http/handler";
import { exportAccount, exportFileName } from "@/server/services/account-data";

/** GET /api/me/export -> a JSON archive (attachment): profile, memberships, sessions, identities, files, every message written */
export const GET = authed(async ({ rt, user }) => jsonAttachment(await exportAccount(rt, user.id), exportFileName()));
