/**
 * Profile pictures: an uploaded image (sniffed like attachments, images only) is cropped to a
 * square, re-encoded as WebP without metadata and stored as `avatar-<userId>`. Any signed-in user
 * may fetch it at `/api/users/<id>/avatar` (a stable URL; `?v=` names a version so browsers may
 * cache it). A change reaches everyone who sees the user live (`user:updated` with `avatarUrl`).
 */
import type { Runtime } from "../runtime";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import sharp from "sharp";
import { AppError } from "@/lib/shared/errors";
import { ZId } from "@/lib/shared/schemas";
import type { Download } from "./attachments";
import { roomIdsOf } from "./rooms";
import { type Actor } from "./room-access";
import { avatarUrl, avatarVersion as versionOf } from "./dto";
import { discard, intake } from "./upload-intake";

export const AVATAR_SIZE = 256;
/** Avatars are small: at most this many bytes uploaded (or UPLOAD_MAX_BYTES if lower). */
export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;

const NO_AVATAR = () => new AppError("NOT_FOUND", "This person has no picture.");
const keyOf = (userId: string) => `avatar-${userId}`;


async function announce(rt: Runtime, user: { id: string; name: string }, url: string | null): Promise<void> {
  const summary = { id: user.id, name: user.name, avatarUrl: url };
  rt.broadcast.refreshUser(summary);
  rt.broadcast.toAudience(user.id, await roomIdsOf(rt, user.id), "user:updated", { user: summary });
}

export async function setAvatar(rt: Runtime, actor: Actor, upload: { body: WebReadableStream<Uint8Array> | null; contentLength: number }): Promise<{ avatarUrl: string }> {
  await rt.limits.consume("upload:user", actor.id); // before reading the body
  const file = await intake(upload.body, upload.contentLength, Math.min(AVATAR_MAX_BYTES, rt.env.UPLOAD_MAX_BYTES), { imagesOnly: true });
  try {
    // The re-encoded file (auto-oriented); sharp writes no metadata unless asked.
    const square = await sharp(file.file).resize(AVATAR_SIZE, AVATAR_SIZE, { fit: "cover", position: "attention" }).webp({ quality: 85 }).toBuffer();
    await rt.storage.put(keyOf(actor.id), Readable.from([square]), "image/webp");
  } finally {
    await discard(file);
  }
  const user = await rt.db.user.update({ where: { id: actor.id }, data: { avatarUpdatedAt: new Date() }, select: { id: true, name: true, avatarUpdatedAt: true } });
  const url = avatarUrl(user.id, user.avatarUpdatedAt)!;
  await announce(rt, user, url);
  return { avatarUrl: url };
}

export async function removeAvatar(rt: Runtime, actor: Actor): Promise<void> {
  const user = await rt.db.user.update({ where: { id: actor.id }, data: { avatarUpdatedAt: null }, select: { id: true, name: true } });
  await rt.storage.delete(keyOf(actor.id));
  await announce(rt, user, null);
}

/** The picture of `userId`, for any signed-in user. `version`: whether the URL named the current one. */
export async function openAvatar(rt: Runtime, userId: unknown, version: string | null): Promise<Download & { current: boolean }> {
  const id = ZId.safeParse(userId);
  if (!id.success) throw NO_AVATAR();
  const user = await rt.db.user.findUnique({ where: { id: id.data }, select: { avatarUpdatedAt: true } });
  if (!user?.avatarUpdatedAt) throw NO_AVATAR();
  const blob = await rt.storage.get(keyOf(id.data));
  if (!blob) throw NO_AVATAR();
  return { body: blob.body, size: blob.size, mime: "image/webp", name: "avatar.webp", inline: true, current: version === versionOf(user.avatarUpdatedAt) };
}
