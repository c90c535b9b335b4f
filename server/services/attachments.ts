/**
 * Attachments: upload into a room (members only), then download by room members. Bytes live in
 * the BlobStore (`server/storage`) under the attachment id; the thumbnail under `<id>.thumb`.
 * Public rooms: only members download (a non-member gets FORBIDDEN, as for reading the room's
 * live traffic); private rooms: NOT_FOUND for non-members. An attachment not yet linked to a
 * message is visible to its uploader only.
 */
import { consume } from "./rate-limit";
import type { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { z } from "zod";
import { AppError } from "@/lib/shared/errors";
import type { AttachmentDTO } from "@/lib/shared/types";
import { getDb } from "../db";
import { getEnv } from "../env";
import { getStore } from "../storage";
import { policyActor } from "./message-access";
import { authorize } from "./policy";
import { requireMembership, type Actor } from "./rooms";
import { discard, intake, readFileStream } from "./upload-intake";

const ZId = z.uuid();
const NOT_FOUND = () => new AppError("NOT_FOUND", "No such attachment.");

export const attachmentSelect = { id: true, name: true, mime: true, size: true, width: true, height: true, hasThumb: true } as const;

export function toAttachmentDTO(a: { id: string; name: string; mime: string; size: number; width: number | null; height: number | null; hasThumb: boolean }): AttachmentDTO {
  return {
    id: a.id,
    name: a.name,
    mime: a.mime,
    size: a.size,
    width: a.width,
    height: a.height,
    url: `/api/attachments/${a.id}`,
    thumbUrl: a.hasThumb ? `/api/attachments/${a.id}/thumb` : null,
  };
}

/** A display name safe for headers and the UI: no path, no control characters, bounded. */
export function cleanFileName(raw: string | null): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[\u0000-\u001F\u007F"]/g, "").trim().slice(0, 200);
  return cleaned === "" || cleaned === "." || cleaned === ".." ? "file" : cleaned;
}

export async function uploadAttachment(
  actor: Actor & { role?: string },
  roomId: unknown,
  upload: { name: string | null; body: WebReadableStream<Uint8Array> | null; contentLength: number },
): Promise<AttachmentDTO> {
  const { roomId: id, role } = await requireMembership(actor, roomId);
  authorize("attachment.upload", { globalRole: policyActor(actor), roomRole: role });
  await consume("upload:user", actor.id); // before reading the body
  const file = await intake(upload.body, upload.contentLength, getEnv().UPLOAD_MAX_BYTES);
  try {
    const row = await getDb().attachment.create({
      data: { roomId: id, uploaderId: actor.id, name: cleanFileName(upload.name), mime: file.mime, size: file.size, width: file.width, height: file.height, hasThumb: file.thumb !== null },
      select: attachmentSelect,
    });
    try {
      const store = getStore();
      await store.put(row.id, readFileStream(file.file), file.mime);
      if (file.thumb) await store.put(`${row.id}.thumb`, readFileStream(file.thumb), "image/webp");
    } catch (e) {
      await getDb().attachment.delete({ where: { id: row.id } }).catch(() => undefined);
      throw e;
    }
    return toAttachmentDTO(row);
  } finally {
    await discard(file);
  }
}

export interface Download {
  body: Readable;
  size: number;
  mime: string;
  name: string;
  /** Shown inline (images) or always downloaded. */
  inline: boolean;
}

export async function openAttachment(actor: Actor, attachmentId: unknown, variant: "file" | "thumb"): Promise<Download> {
  const parsed = ZId.safeParse(attachmentId);
  if (!parsed.success) throw NOT_FOUND();
  const row = await getDb().attachment.findUnique({ where: { id: parsed.data }, select: { ...attachmentSelect, roomId: true, uploaderId: true, messageId: true } });
  if (!row) throw NOT_FOUND();
  const mine = row.uploaderId === actor.id;
  if (!row.messageId && !mine) throw NOT_FOUND();
  try {
    await requireMembership(actor, row.roomId);
  } catch (e) {
    // A private room's attachment must look exactly like a missing one.
    if (e instanceof AppError && e.code === "NOT_FOUND") throw NOT_FOUND();
    throw e;
  }
  if (variant === "thumb" && !row.hasThumb) throw NOT_FOUND();
  const blob = await getStore().get(variant === "thumb" ? `${row.id}.thumb` : row.id);
  if (!blob) throw NOT_FOUND();
  const mime = variant === "thumb" ? "image/webp" : row.mime;
  return { body: blob.body, size: blob.size, mime, name: row.name, inline: mime.startsWith("image/") };
}
