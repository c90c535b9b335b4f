import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AttachmentDTO, RoomDTO } from "@/lib/shared/types";
import { api, registerUser, type TestUser } from "../helpers/clients";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { startServer, type RunningServer } from "../helpers/server";

const MAX = 200_000;
let db: TestDatabase;
let server: RunningServer;
let url: string;
let uploadDir: string;

beforeAll(async () => {
  uploadDir = await mkdtemp(path.join(os.tmpdir(), "parley-uploads-test-"));
  db = await createTestDatabase();
  server = await startServer({ databaseUrl: db.url, env: { UPLOAD_MAX_BYTES: String(MAX), UPLOAD_DIR: uploadDir } });
  url = server.url;
});
afterAll(async () => {
  await server?.stop();
  await db?.drop();
  await rm(uploadDir, { recursive: true, force: true });
});

type ErrorBody = { error: { code: string; message: string } };

async function upload(who: TestUser, roomId: string, name: string, body: BodyInit, init: RequestInit = {}) {
  const res = await fetch(`${url}/api/rooms/${roomId}/attachments?name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: { cookie: who.cookie, "content-type": "application/octet-stream" },
    body,
    ...init,
  });
  return { status: res.status, body: (await res.json()) as { attachment: AttachmentDTO } & ErrorBody };
}

async function room(owner: TestUser, visibility: "PUBLIC" | "PRIVATE" = "PUBLIC"): Promise<string> {
  const res = await api<{ room: RoomDTO }>(url, owner, "POST", "/api/rooms", { name: `files-${Math.random().toString(36).slice(2, 8)}`, visibility });
  return res.body.room.id;
}

const get = (who: TestUser, p: string) => fetch(`${url}${p}`, { headers: { cookie: who.cookie } });

const jpegWithExif = () =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({ IFD0: { Artist: "secret-artist-name", Copyright: "gps-like-secret" } })
    .toBuffer();

describe("attachments", () => {
  it("uploads an image: sniffed type, dimensions, thumbnail, EXIF stripped, safe headers", async () => {
    const owner = await registerUser(url, "Owner");
    const roomId = await room(owner);
    const original = await jpegWithExif();
    expect((await sharp(original).metadata()).exif).toBeDefined();

    const res = await upload(owner, roomId, "holiday.jpg", new Uint8Array(original));
    expect(res.status).toBe(201);
    const a = res.body.attachment;
    expect(a).toMatchObject({ name: "holiday.jpg", mime: "image/jpeg", width: 1200, height: 800, url: `/api/attachments/${a.id}`, thumbUrl: `/api/attachments/${a.id}/thumb` });

    const file = await get(owner, a.url);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/jpeg");
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("content-security-policy")).toContain("sandbox");
    expect(file.headers.get("content-disposition")).toMatch(/^inline;/);
    expect(file.headers.get("cache-control")).toContain("private");
    const bytes = Buffer.from(await file.arrayBuffer());
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    expect(bytes.includes("secret-artist-name")).toBe(false);
    expect(a.size).toBe(bytes.length);

    const thumb = await get(owner, a.thumbUrl!);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    const tm = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(tm.format).toBe("webp");
    expect(Math.max(tm.width, tm.height)).toBe(400);
    // Stored under the configured directory, keyed by id.
    expect((await readdir(uploadDir)).sort()).toEqual(expect.arrayContaining([a.id, `${a.id}.thumb`]));
  });

  it("sniffing wins: a PNG named .txt is a PNG; an HTML page named .png is refused; spoofed Content-Type is ignored", async () => {
    const owner = await registerUser(url, "Sniffer");
    const roomId = await room(owner);
    const png = await sharp({ create: { width: 10, height: 10, channels: 4, background: "#00ff00" } }).png().toBuffer();
    const asTxt = await upload(owner, roomId, "notes.txt", new Uint8Array(png), { headers: { cookie: owner.cookie, "content-type": "text/plain" } });
    expect(asTxt.status).toBe(201);
    expect(asTxt.body.attachment.mime).toBe("image/png");

    const html = await upload(owner, roomId, "cat.png", "<html><script>alert(1)</script></html>\u0000", { headers: { cookie: owner.cookie, "content-type": "image/png" } });
    expect(html.status).toBe(400);
    expect(html.body.error.code).toBe("VALIDATION_FAILED");

    // Markup is not plain text, whatever the name says: documents a browser would render are refused.
    for (const markup of ["<!doctype html><p>hi</p>", "\n  <html lang=en>", "<script>alert(1)</script>", '<svg xmlns="http://www.w3.org/2000/svg"/>', "\uFEFF<?xml version='1.0'?><a/>"]) {
      const doc = await upload(owner, roomId, "notes.txt", markup, { headers: { cookie: owner.cookie, "content-type": "text/plain" } });
      expect({ markup, status: doc.status, code: doc.body.error?.code }).toEqual({ markup, status: 400, code: "VALIDATION_FAILED" });
    }

    // Disallowed even though detected: a Windows executable.
    const exe = Buffer.alloc(256);
    exe.write("MZ", 0);
    exe.writeUInt32LE(0x80, 0x3c);
    exe.write("PE\u0000\u0000", 0x80, "latin1");
    const refused = await upload(owner, roomId, "setup.pdf", new Uint8Array(exe));
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/not accepted/);
  });

  it("accepts plain text without magic bytes and serves everything non-image as a download", async () => {
    const owner = await registerUser(url, "Texter");
    const roomId = await room(owner);
    const res = await upload(owner, roomId, "../../etc/readme\u0007.html", "hello, wörld\n<script>alert(1)</script>\n");
    expect(res.status).toBe(201);
    expect(res.body.attachment).toMatchObject({ mime: "text/plain", name: "readme.html", thumbUrl: null, width: null });
    const file = await get(owner, res.body.attachment.url);
    expect(file.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(await file.text()).toContain("wörld");
  });

  it("refuses bodies over UPLOAD_MAX_BYTES with 413, declared or streamed", async () => {
    const owner = await registerUser(url, "Big");
    const roomId = await room(owner);
    const declared = await upload(owner, roomId, "big.txt", "a".repeat(MAX + 1));
    expect(declared.status).toBe(413);
    expect(declared.body.error).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(declared.body.error.message).toMatch(/at most 200000 bytes/);

    const empty = await upload(owner, roomId, "empty.txt", "");
    expect(empty.status).toBe(400);

    // Chunked, no Content-Length: the stream cap still stops it.
    const chunk = new TextEncoder().encode("b".repeat(50_000));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent >= MAX * 3) return c.close();
        sent += chunk.length;
        c.enqueue(chunk);
      },
    });
    const before = await readdir(uploadDir);
    // The server answers 413 while the client is still sending, so the client may instead see
    // the connection closed under it; either way nothing is stored.
    const streamed = await upload(owner, roomId, "stream.txt", stream, { duplex: "half" } as RequestInit).catch((e: unknown) => e);
    if (streamed instanceof Error) expect(String((streamed.cause as Error | undefined)?.message ?? streamed.message)).toMatch(/ECONNRESET|EPIPE|other side closed|fetch failed/);
    else expect(streamed).toMatchObject({ status: 413, body: { error: { code: "PAYLOAD_TOO_LARGE" } } });
    expect(await readdir(uploadDir)).toEqual(before);

  });

  it("only room members upload and download; private rooms answer NOT_FOUND; unsent files are the uploader's alone", async () => {
    const owner = await registerUser(url, "Keeper");
    const outsider = await registerUser(url, "Outsider");
    const priv = await room(owner, "PRIVATE");
    const pub = await room(owner, "PUBLIC");

    const p = await upload(owner, priv, "a.txt", "private words");
    expect(p.status).toBe(201);
    const o = await get(outsider, p.body.attachment.url);
    expect(o.status).toBe(404);
    expect(((await o.json()) as ErrorBody).error.code).toBe("NOT_FOUND");
    expect((await upload(outsider, priv, "x.txt", "hi")).status).toBe(404);
    expect((await upload(outsider, pub, "x.txt", "hi")).status).toBe(403);

    // Not linked to a message yet: even a member of the room cannot fetch it.
    const q = await upload(owner, pub, "b.txt", "public words");
    await api(url, outsider, "POST", `/api/rooms/${pub}/join`);
    expect((await get(outsider, q.body.attachment.url)).status).toBe(404);
    expect((await get(owner, q.body.attachment.url)).status).toBe(200);

    expect((await fetch(`${url}${q.body.attachment.url}`)).status).toBe(401);
    expect((await get(owner, "/api/attachments/not-a-uuid")).status).toBe(404);
  });
});
