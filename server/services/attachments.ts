/**
 * Attachments: upload into a room (members only), then download by room members. Bytes live in
 * the BlobStore (`server/storage`) under the attachment id; the thumbnail under `<id>.thumb`.
 * Public rooms: only members download (a non-member gets FORBIDDEN, as for reading the room's
 * live traffic); private rooms: NOT_FOUND for non-members. An attachment not yet linked to a
 * message is visible to its uploader only; a deleted message's files are not served at all.
 *
 * Linking (`checkLinkable`, then the message writer's statement): a message may carry up to
 * MESSAGE_MAX_ATTACHMENTS files that its author uploaded to the same room and that no message
 * carries yet. Uploads never sent are orphans: `removeOrphans` deletes those older than a day
 * (run at start-up and every hour by server/index.ts).
 */
import type { Runtime } from "../runtime";
import type { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { z } from "zod";
import { AppError } from "@/lib/shared/errors";
import { BIDI_CONTROL } from "@/lib/shared/schemas";
import type { AttachmentDTO } from "@/lib/shared/types";
import { attachmentSelect, toAttachmentDTO } from "./dto";
import { roleOf } from "./admin-users";
import { authorize } from "./policy";
import { requireMembership, type Actor } from "./room-access";
import { discard, intake, readFileStream } from "./upload-intake";

const ZId = z.uuid();
const NOT_FOUND = () => new AppError("NOT_FOUND", "No such attachment.");

/** A display name safe for headers and the UI: no path, no control or text-direction characters (no "gpj.exe" spoofing), bounded. */
export function cleanFileName(raw: string | null): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[\u0000-\u001F\u007F-\u009F"]/g, "").replace(new RegExp(BIDI_CONTROL.source, "g"), "").trim().slice(0, 200);
  return cleaned === "" || cleaned === "." || cleaned === ".." ? "file" : cleaned;
}

export async function uploadAttachment(rt: Runtime, 
  actor: Actor,
  roomId: unknown,
  upload: { name: string | null; body: WebReadableStream<Uint8Array> | null; contentLength: number },
): Promise<AttachmentDTO> {
  const { roomId: id, role } = await requireMembership(rt, actor, roomId);
  authorize("attachment.upload", { globalRole: await roleOf(rt, actor.id), roomRole: role });
  await rt.limits.consume("upload:user", actor.id); // before reading the body
  const file = await intake(upload.body, upload.contentLength, rt.env.UPLOAD_MAX_BYTES);
  try {
    const row = await rt.db.attachment.create({
      data: { roomId: id, uploaderId: actor.id, name: cleanFileName(upload.name), mime: file.mime, size: file.size, width: file.width, height: file.height, hasThumb: file.thumb !== null },
      select: attachmentSelect,
    });
    try {
      const store = rt.storage;
      await store.put(row.id, readFileStream(file.file), file.mime);
      if (file.thumb) await store.put(`${row.id}.thumb`, readFileStream(file.thumb), "image/webp");
    } catch (e) {
      await rt.db.attachment.delete({ where: { id: row.id } }).catch(() => undefined);
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

export async function openAttachment(rt: Runtime, actor: Actor, attachmentId: unknown, variant: "file" | "thumb"): Promise<Download> {
  const parsed = ZId.safeParse(attachmentId);
  if (!parsed.success) throw NOT_FOUND();
  const row = await rt.db.attachment.findUnique({ where: { id: parsed.data }, select: { ...attachmentSelect, roomId: true, uploaderId: true, messageId: true, message: { select: { deletedAt: true } } } });
  if (!row) throw NOT_FOUND();
  const mine = row.uploaderId === actor.id;
  if (!row.messageId && !mine) throw NOT_FOUND();
  // A deleted message's files go with it (for everyone, the uploader and moderators included).
  if (row.message?.deletedAt) throw NOT_FOUND();
  try {
    await requireMembership(rt, actor, row.roomId);
  } catch (e) {
    // A private room's attachment must look exactly like a missing one.
    if (e instanceof AppError && e.code === "NOT_FOUND") throw NOT_FOUND();
    throw e;
  }
  if (variant === "thumb" && !row.hasThumb) throw NOT_FOUND();
  const blob = await rt.storage.get(variant === "thumb" ? `${row.id}.thumb` : row.id);
  if (!blob) throw NOT_FOUND();
  const mime = variant === "thumb" ? "image/webp" : row.mime;
  return { body: blob.body, size: blob.size, mime, name: row.name, inline: mime.startsWith("image/") };
}

/**
 * The files a new message will carry, in upload order: each must exist, be uploaded by the
 * sender to this room and be linked to no message yet. (The writer re-checks the last part in
 * the statement that stores the message, so two sends racing for one file cannot both get it.)
 */
export async function checkLinkable(rt: Runtime, actor: Actor, roomId: string, ids: readonly string[]): Promise<AttachmentDTO[]> {
  if (ids.length === 0) return [];
  const rows = await rt.db.attachment.findMany({
    where: { id: { in: [...ids] } },
    select: { ...attachmentSelect, roomId: true, uploaderId: true, messageId: true },
    orderBy: { id: "asc" },
  });
  const usable = rows.filter((r) => r.uploaderId === actor.id && r.roomId === roomId);
  if (usable.length !== ids.length) {
    throw new AppError("VALIDATION_FAILED", "An attached file was not found: upload it to this room again.", { field: "attachmentIds" });
  }
  if (usable.some((r) => r.messageId !== null)) throw ALREADY_SENT();
  return usable.map(toAttachmentDTO);
}

export const ALREADY_SENT = () => new AppError("CONFLICT", "An attached file was already sent with another message.");

/** How long an upload may wait to be sent before it is cleaned up. */
export const ORPHAN_TTL_MS = 24 * 3600_000;

/** Delete uploads never linked to a message and older than `olderThanMs` (rows, then blobs). */
export async function removeOrphans(rt: Runtime, olderThanMs = ORPHAN_TTL_MS): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanMs);
  // One statement: a send that links a file meanwhile keeps it (the row no longer matches).
  const removed = await rt.db.$queryRaw<{ id: string; hasThumb: boolean }[]>`
    DELETE FROM "Attachment"
    WHERE "id" IN (SELECT "id" FROM "Attachment" WHERE "messageId" IS NULL AND "createdAt" < ${cutoff} LIMIT 1000)
      AND "messageId" IS NULL
    RETURNING "id", "hasThumb"`;
  const store = rt.storage;
  for (const o of removed) {
    await store.delete(o.id);
    if (o.hasThumb) await store.delete(`${o.id}.thumb`);
  }
  return removed.length;
}
