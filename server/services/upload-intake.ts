/**
 * Turning an untrusted request body into a checked file: stream it to a temp file under a byte
 * cap (never buffered whole), sniff the real type from its bytes (the extension and the client's
 * Content-Type are ignored), and for images re-encode without metadata and make a thumbnail.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { fileTypeFromFile } from "file-type";
import sharp, { type Metadata, type OutputInfo } from "sharp";
import { AppError } from "@/lib/shared/errors";

/** Types we accept, by sniffed MIME. SVG and HTML are deliberately absent (they can run script). */
export const IMAGE_TYPES: ReadonlySet<string> = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);
export const FILE_TYPES: ReadonlySet<string> = new Set([
  "application/pdf",
  "application/zip",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "audio/mpeg",
  "audio/ogg",
  "video/mp4",
  "video/webm",
  "text/plain",
]);

/** Images larger than this many pixels are refused before decoding (decompression bombs). */
const MAX_IMAGE_PIXELS = 40_000_000;
const THUMB_SIZE = 400;
/** How much of a file without magic bytes is inspected to decide it is plain text. */
const TEXT_SNIFF_BYTES = 64 * 1024;

export interface Intake {
  dir: string;
  /** The file to store (re-encoded for images). */
  file: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  thumb: string | null;
}

function tooLarge(max: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The file must be at most ${max} bytes (${Math.floor(max / (1024 * 1024))} MB).`, { maxBytes: max });
}

/** Stream `body` to a temp file, failing with 413 as soon as more than `max` bytes arrive. */
async function spool(body: WebReadableStream<Uint8Array> | null, declared: number, max: number, dir: string): Promise<{ file: string; size: number }> {
  if (declared > max) throw tooLarge(max);
  if (!body) throw new AppError("BAD_REQUEST", "The request has no file in its body.");
  const file = path.join(dir, "upload");
  let size = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > max) done(tooLarge(max));
      else done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(body), cap, createWriteStream(file));
  if (size === 0) throw new AppError("VALIDATION_FAILED", "The file is empty.");
  return { file, size };
}

/**
 * Markup a browser would render as a document when sniffing: the WHATWG MIME-sniffing "HTML"
 * patterns (a tag name followed by space or `>`, after optional whitespace or a BOM), plus XML and
 * SVG. Such "text" is refused, whatever the file is called.
 */
const MARKUP_START =
  /^\uFEFF?[\t\n\f\r ]*(?:<!DOCTYPE HTML|<!--|<\?xml|<(?:html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|svg|object|embed|math)[\t\n\f\r >\/])/i;

export function looksLikeMarkup(text: string): boolean {
  return MARKUP_START.test(text);
}

/** Plain text: no magic bytes, valid UTF-8, no control characters other than whitespace, and not markup. */
async function looksLikeText(file: string): Promise<boolean> {
  const fh = await open(file, "r");
  try {
    const buf = Buffer.alloc(TEXT_SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, TEXT_SNIFF_BYTES, 0);
    const head = buf.subarray(0, bytesRead);
    // A multi-byte character may be cut at the end of the window: allow up to 3 trailing bytes.
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytesRead < TEXT_SNIFF_BYTES ? head : head.subarray(0, trimPartial(head)));
    } catch {
      return false;
    }
    return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text) && !looksLikeMarkup(text);
  } finally {
    await fh.close();
  }
}

function trimPartial(buf: Buffer): number {
  let end = buf.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = buf[end - i] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    if (b >= 0xc0) end -= i; // lead byte of a cut character
    break;
  }
  return end;
}

async function sniff(file: string): Promise<string | null> {
  const detected = await fileTypeFromFile(file);
  if (detected) return detected.mime;
  return (await looksLikeText(file)) ? "text/plain" : null;
}

/** Re-encode (auto-oriented, metadata dropped: sharp writes none unless asked) and thumbnail. */
async function processImage(dir: string, file: string, mime: string): Promise<Pick<Intake, "file" | "size" | "width" | "height" | "thumb">> {
  const input = () => sharp(file, { limitInputPixels: MAX_IMAGE_PIXELS, animated: mime === "image/gif" });
  let meta: Metadata;
  try {
    meta = await input().metadata();
  } catch {
    throw new AppError("VALIDATION_FAILED", "The image could not be read.");
  }
  const out = path.join(dir, "clean");
  const pipelineFor = input().rotate();
  const encoded =
    mime === "image/jpeg" ? pipelineFor.jpeg({ quality: 90 }) : mime === "image/png" ? pipelineFor.png() : mime === "image/webp" ? pipelineFor.webp({ quality: 90 }) : pipelineFor.gif();
  let info: OutputInfo;
  try {
    info = await encoded.toFile(out);
  } catch {
    throw new AppError("VALIDATION_FAILED", "The image could not be processed.");
  }
  const thumb = path.join(dir, "thumb");
  await sharp(out, { limitInputPixels: MAX_IMAGE_PIXELS }).resize(THUMB_SIZE, THUMB_SIZE, { fit: "inside", withoutEnlargement: true }).webp({ quality: 80 }).toFile(thumb);
  // Animated GIFs report the whole strip's height; the page height is the frame's.
  const height = mime === "image/gif" && meta.pageHeight ? meta.pageHeight : info.height;
  return { file: out, size: info.size, width: info.width, height, thumb };
}

/** Take in an uploaded body. The caller must `discard(intake)` when done with the files. */
export async function intake(body: WebReadableStream<Uint8Array> | null, declared: number, max: number, opts: { imagesOnly?: boolean } = {}): Promise<Intake> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "parley-upload-"));
  try {
    const { file, size } = await spool(body, declared, max, dir);
    const mime = await sniff(file);
    if (mime && IMAGE_TYPES.has(mime)) return { dir, mime, ...(await processImage(dir, file, mime)) };
    if (mime && !opts.imagesOnly && FILE_TYPES.has(mime)) return { dir, file, mime, size, width: null, height: null, thumb: null };
    throw new AppError("VALIDATION_FAILED", opts.imagesOnly ? "Only PNG, JPEG, GIF or WebP images are accepted." : `This type of file is not accepted${mime ? ` (${mime})` : ""}.`, {
      detected: mime,
    });
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

export async function discard(i: Intake): Promise<void> {
  await rm(i.dir, { recursive: true, force: true });
}

export const readFileStream = (file: string) => createReadStream(file);
