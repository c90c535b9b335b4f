import { authed } from "@/server/http/handler";
import { downloadResponse } from "@/server/http/download";
import { openAttachment } from "@/server/services/attachments";

/** GET /api/attachments/{id} -> the file (room members; images inline, everything else as a download) */
export const GET = authed<{ id: string }>(async ({ rt, user, params }) => downloadResponse(await openAttachment(rt, user, params.id, "file"), { immutable: true }));
