/**
 * Blob storage behind one small interface, keyed by opaque ids (attachment id, `<id>.thumb`,
 * `avatar-<userId>`). The local-disk backend is the default; an S3-compatible backend only has
 * to implement `BlobStore` (put = PutObject from a stream, get = GetObject body, delete =
 * DeleteObject) and be returned by `createStore()`; nothing else in the app touches files.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export interface BlobStore {
  /** Store the stream under `key`, replacing any previous blob (atomic: readers see old or new). */
  put(key: string, body: Readable, contentType: string): Promise<void>;
  /** The blob, or null when there is none. */
  get(key: string): Promise<{ body: Readable; size: number } | null>;
  /** Remove the blob; missing is fine. */
  delete(key: string): Promise<void>;
}

const KEY = /^[A-Za-z0-9._-]{1,128}$/;
function checkKey(key: string): string {
  // Keys are ids we mint; refusing anything else rules out path traversal in every backend.
  if (!KEY.test(key) || key.startsWith(".")) throw new Error(`invalid storage key: ${key}`);
  return key;
}

export class LocalDiskStore implements BlobStore {
  constructor(private readonly dir: string) {}

  private file(key: string): string {
    return path.join(this.dir, checkKey(key));
  }

  async put(key: string, body: Readable): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const tmp = `${this.file(key)}.${process.pid}.${Date.now()}.tmp`;
    try {
      await pipeline(body, createWriteStream(tmp, { flags: "wx" }));
      await rename(tmp, this.file(key));
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  async get(key: string): Promise<{ body: Readable; size: number } | null> {
    const file = this.file(key);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return null;
    return { body: createReadStream(file), size: info.size };
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
}

/** The configured store (local disk under UPLOAD_DIR). */
export function createStore(env: { UPLOAD_DIR: string }): BlobStore {
  return new LocalDiskStore(path.resolve(env.UPLOAD_DIR));
}
