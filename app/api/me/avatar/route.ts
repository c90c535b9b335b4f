import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { AppError } from "@/lib/shared/errors";
import { authed, errorResponse, json } from "@/server/http/handler";
import { removeAvatar, setAvatar } from "@/server/services/avatars";

/** PUT /api/me/avatar, body: the raw image bytes -> { avatarUrl } (cropped square, WebP; live as `user:updated`) */
export const PUT = authed(async ({ rt, req, user }) => {
  try {
    return json(
      await setAvatar(rt, user, { body: req.body as WebReadableStream<Uint8Array> | null, contentLength: Number(req.headers.get("content-length") ?? "0") || 0 }),
    );
  } catch (e) {
    const res = errorResponse(e);
    // The rest of an oversized body is never read: close the connection rather than reuse it.
    if (e instanceof AppError && e.code === "PAYLOAD_TOO_LARGE") res.headers.set("connection", "close");
    return res;
  }
});

/** DELETE /api/me/avatar -> { ok: true } (back to initials; live as `user:updated`) */
export const DELETE = authed(async ({ rt, user }) => {
  await removeAvatar(rt, user);
  return json({ ok: true });
});
