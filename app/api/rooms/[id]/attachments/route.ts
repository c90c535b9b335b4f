import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { AppError } from "@/lib/shared/errors";
import { authed, errorResponse, json } from "@/server/http/handler";
import { uploadAttachment } from "@/server/services/attachments";

/**
 * POST /api/rooms/{id}/attachments?name=<file name>, body: the raw file bytes -> 201 { attachment }
 * Streamed under UPLOAD_MAX_BYTES (not the 16 KB JSON cap); the sniffed type decides.
 */
export const POST = authed<{ id: string }>(async ({ rt, req, user, params }) => {
  try {
    const attachment = await uploadAttachment(rt, user, params.id, {
      name: req.nextUrl.searchParams.get("name"),
      body: req.body as WebReadableStream<Uint8Array> | null,
      contentLength: Number(req.headers.get("content-length") ?? "0") || 0,
    });
    return json({ attachment }, 201);
  } catch (e) {
    const res = errorResponse(e);
    // The rest of an oversized body is never read: close the connection rather than reuse it.
    if (e instanceof AppError && e.code === "PAYLOAD_TOO_LARGE") res.headers.set("connection", "close");
    return res;
  }
});
