import { authed } from "@/server/http/handler";
import { downloadResponse } from "@/server/http/download";
import { openAttachment } from "@/server/services/attachments";

/** GET /api/attachments/{id}/thumb -> WebP thumbnail of an image attachment (room members) */
export const GET = authed<{ id: string }>(async ({ rt, user, params }) => downloadResponse(await openAttachment(rt, user, params.id, "thumb"), { immutable: true }));
