import { staffOnly } from "@/server/http/admin";
import { jsonAttachment } from "@/server/http/download";
import { exportAccountAsAdmin, exportFileName } from "@/server/services/account-data";

/** GET /api/admin/users/{id}/export -> that user's JSON archive (admins only; audited `user.export`) */
export const GET = staffOnly<{ id: string }>(async ({ rt, user, params }) => jsonAttachment(await exportAccountAsAdmin(rt, user, params.id), exportFileName()));
