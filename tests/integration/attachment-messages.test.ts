/**
 * Attachments sent with messages (linking rules, idempotent resends, live delivery, deleted
 * messages) and profile pictures, against the real server, database and storage directory.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AttachmentDTO, HistoryPage, MessageDTO, RoomDTO } from "@/lib/shared/types";
import { api, clientId, connectUser, emitAck, nextEvent, registerUser, type ClientSocket, type TestUser } from "../helpers/clients";
import { createTestDatabase, withClient, type TestDatabase } from "../helpers/db";
import { startServer, type RunningServer } from "../helpers/server";

const MAX = 200_000;
let db: TestDatabase;
let server: RunningServer;
let url: string;
let uploadDir: string;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  uploadDir = await mkdtemp(path.join(os.tmpdir(), "parley-uploads-test-"));
  db = await createTestDatabase();
  server = await startServer({ databaseUrl: db.url, env: { UPLOAD_MAX_BYTES: String(MAX), UPLOAD_DIR: uploadDir } });
  url = server.url;
});
afterEach(() => {
  while (sockets.length) sockets.pop()?.close();
});
afterAll(async () => {
  await server?.stop();
  await db?.drop();
  await rm(uploadDir, { recursive: true, force: true });
});

type ErrorBody = { error: { code: string; message: string } };

async function online(who: TestUser, roomId?: string): Promise<ClientSocket> {
  const s = await connectUser(url, who);
  sockets.push(s);
  if (roomId) expect((await emitAck(s, "room:join", { roomId })).ok).toBe(true);
  return s;
}

async function upload(who: TestUser, roomId: string, name: string, body: BodyInit): Promise<AttachmentDTO> {
  const res = await fetch(`${url}/api/rooms/${roomId}/attachments?name=${encodeURIComponent(name)}`, { method: "POST", headers: { cookie: who.cookie }, body });
  expect(res.status).toBe(201);
  return ((await res.json()) as { attachment: AttachmentDTO }).attachment;
}

async function room(owner: TestUser, visibility: "PUBLIC" | "PRIVATE" = "PUBLIC"): Promise<string> {
  const res = await api<{ room: RoomDTO }>(url, owner, "POST", "/api/rooms", { name: `att-${Math.random().toString(36).slice(2, 8)}`, visibility });
  return res.body.room.id;
}

const png = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: "#3366cc" } }).png().toBuffer().then((b) => new Uint8Array(b));
const get = (who: TestUser | null, p: string) => fetch(`${url}${p}`, { headers: who ? { cookie: who.cookie } : {} });
const send = (s: ClientSocket, roomId: string, attachmentIds: string[], body = "", cid = clientId()) => emitAck(s, "message:send", { roomId, clientId: cid, body, attachmentIds });
const linkedTo = (id: string) =>
  withClient(db.url, (c) => c.query<{ messageId: string | null }>(`SELECT "messageId" FROM "Attachment" WHERE id = $1`, [id])).then((r) => r.rows[0]?.messageId ?? null);

describe("attachments in messages", () => {
  it("a message carries files (body may be empty); members get them live and in history; a resend links nothing twice", async () => {
    const ana = await registerUser(url, "Ana");
    const ben = await registerUser(url, "Ben");
    const roomId = await room(ana);
    await api(url, ben, "POST", `/api/rooms/${roomId}/join`);
    const sa = await online(ana, roomId);
    const sb = await online(ben, roomId);

    const image = await upload(ana, roomId, "chart.png", await png(640, 320));
    const text = await upload(ana, roomId, "notes.txt", "some notes\n");
    const live = nextEvent(sb, "message:new");
    const cid = clientId();
    const ack = await send(sa, roomId, [text.id, image.id], "", cid);
    if (!ack.ok) throw new Error(ack.error.message);
    const message = ack.data.message;
    expect(message.body).toBe("");
    // Upload order, whatever order the ids were sent in.
    expect(message.attachments).toEqual([image, text]);
    expect(message.attachments[0]).toMatchObject({ mime: "image/png", width: 640, height: 320, thumbUrl: `/api/attachments/${image.id}/thumb` });
    expect(message.attachments[1]).toMatchObject({ mime: "text/plain", thumbUrl: null, width: null });
    const [received] = await live;
    expect(received).toMatchObject({ id: message.id, seq: message.seq, attachments: [image, text] });

    // Linked: now the other member may download them.
    expect((await get(ben, image.url)).status).toBe(200);
    expect((await get(ben, image.thumbUrl!)).status).toBe(200);
    expect(await (await get(ben, text.url)).text()).toBe("some notes\n");

    // The same clientId again: the stored message, nothing linked twice, no new seq.
    const again = await send(sa, roomId, [text.id, image.id], "", cid);
    expect(again).toMatchObject({ ok: true, data: { duplicate: true, message: { id: message.id, seq: message.seq, attachments: [image, text] } } });
    expect(await linkedTo(image.id)).toBe(message.id);

    const history = await api<HistoryPage>(url, ben, "GET", `/api/rooms/${roomId}/messages`);
    expect(history.body.messages).toHaveLength(1);
    expect(history.body.messages[0]!.attachments).toEqual([image, text]);
  });

  it("refuses files that are someone else's, another room's, already sent, unknown, repeated or too many; seqs stay gap-free", async () => {
    const ana = await registerUser(url, "Ana");
    const ben = await registerUser(url, "Ben");
    const roomId = await room(ana);
    const otherRoom = await room(ana);
    await api(url, ben, "POST", `/api/rooms/${roomId}/join`);
    const sa = await online(ana, roomId);

    const bens = await upload(ben, roomId, "b.txt", "ben's file");
    const elsewhere = await upload(ana, otherRoom, "o.txt", "other room");
    const mine = await upload(ana, roomId, "m.txt", "mine");
    const first = await send(sa, roomId, [mine.id], "first");
    if (!first.ok) throw new Error(first.error.message);

    const expectRefused = async (ids: string[], code: string, body = "") => {
      const ack = await send(sa, roomId, ids, body);
      expect(ack.ok ? "accepted" : ack.error.code).toBe(code);
    };
    await expectRefused([bens.id], "VALIDATION_FAILED");
    await expectRefused([elsewhere.id], "VALIDATION_FAILED");
    await expectRefused([mine.id], "CONFLICT");
    await expectRefused(["0190a0a0-0000-7000-8000-000000000000"], "VALIDATION_FAILED");
    const fresh = await upload(ana, roomId, "f.txt", "fresh");
    await expectRefused([fresh.id, fresh.id], "VALIDATION_FAILED");
    await expectRefused(Array.from({ length: 11 }, () => fresh.id), "VALIDATION_FAILED");
    await expectRefused([], "VALIDATION_FAILED");
    await expectRefused(["not-a-uuid"], "VALIDATION_FAILED");
    // Nothing was linked by the refused sends.
    expect(await linkedTo(bens.id)).toBeNull();
    expect(await linkedTo(elsewhere.id)).toBeNull();
    expect(await linkedTo(fresh.id)).toBeNull();

    // Two sends racing for one file: exactly one gets it.
    const raced = await Promise.all([send(sa, roomId, [fresh.id], "one"), send(sa, roomId, [fresh.id], "two")]);
    expect(raced.filter((a) => a.ok)).toHaveLength(1);
    expect(raced.filter((a) => !a.ok).map((a) => (a.ok ? null : a.error.code))).toEqual(["CONFLICT"]);
    const last = await send(sa, roomId, [], "plain text still works");
    if (!last.ok) throw new Error(last.error.message);
    const history = await api<HistoryPage>(url, ana, "GET", `/api/rooms/${roomId}/messages`);
    expect(history.body.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(history.body.messages.map((m) => m.attachments.length)).toEqual([1, 1, 0]);
  });

  it("non-members cannot download; a deleted message's files are neither listed nor served", async () => {
    const ana = await registerUser(url, "Ana");
    const ben = await registerUser(url, "Ben");
    const outsider = await registerUser(url, "Outsider");
    const pub = await room(ana);
    const priv = await room(ana, "PRIVATE");
    await api(url, ben, "POST", `/api/rooms/${pub}/join`);
    const sa = await online(ana, pub);

    const inPriv = await upload(ana, priv, "secret.png", await png(20, 20));
    expect((await send(sa, priv, [inPriv.id], "private")).ok).toBe(true);
    expect((await get(outsider, inPriv.url)).status).toBe(404);
    expect((await get(outsider, inPriv.thumbUrl!)).status).toBe(404);

    const inPub = await upload(ana, pub, "photo.png", await png(30, 20));
    const sent = await send(sa, pub, [inPub.id], "look");
    if (!sent.ok) throw new Error(sent.error.message);
    expect((await get(outsider, inPub.url)).status).toBe(403);
    expect((await get(null, inPub.url)).status).toBe(401);
    expect((await get(ben, inPub.url)).status).toBe(200);

    const sb = await online(ben, pub);
    const updated = nextEvent(sb, "message:updated", (m: MessageDTO) => m.id === sent.data.message.id);
    const deleted = await emitAck(sa, "message:delete", { messageId: sent.data.message.id });
    expect(deleted).toMatchObject({ ok: true, data: { deleted: true, attachments: [] } });
    expect((await updated)[0].attachments).toEqual([]);
    for (const who of [ana, ben]) {
      expect((await get(who, inPub.url)).status).toBe(404);
      expect((await get(who, inPub.thumbUrl!)).status).toBe(404);
    }
    const history = await api<HistoryPage>(url, ben, "GET", `/api/rooms/${pub}/messages`);
    expect(history.body.messages[0]).toMatchObject({ deleted: true, attachments: [] });
  });
});

describe("avatars", () => {
  it("upload crops to a 256 px WebP without metadata, served to signed-in users, live to people who see you; removal too", async () => {
    const ana = await registerUser(url, "Ana");
    const ben = await registerUser(url, "Ben");
    const roomId = await room(ana);
    await api(url, ben, "POST", `/api/rooms/${roomId}/join`);
    const sb = await online(ben, roomId);
    const put = (body: BodyInit) => fetch(`${url}/api/me/avatar`, { method: "PUT", headers: { cookie: ana.cookie }, body });

    const notImage = await put("just text, not a picture");
    expect(notImage.status).toBe(400);
    expect(((await notImage.json()) as ErrorBody).error.message).toMatch(/images are accepted/);
    // A PDF is an accepted attachment, but not a picture.
    expect((await put("%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")).status).toBe(400);
    const big = await put(new Uint8Array(MAX + 1));
    expect(big.status).toBe(413);
    expect((await get(ben, `/api/users/${ana.user.id}/avatar`)).status).toBe(404);

    const photo = await sharp({ create: { width: 900, height: 500, channels: 3, background: "#cc8800" } })
      .jpeg()
      .withExif({ IFD0: { Artist: "avatar-secret-name" } })
      .toBuffer();
    const live = nextEvent(sb, "user:updated", (p) => p.user.id === ana.user.id);
    const res = await put(new Uint8Array(photo));
    expect(res.status).toBe(200);
    const { avatarUrl } = (await res.json()) as { avatarUrl: string };
    expect(avatarUrl).toMatch(new RegExp(`^/api/users/${ana.user.id}/avatar\\?v=`));
    expect((await live)[0]).toEqual({ user: { id: ana.user.id, name: ana.user.name, avatarUrl } });

    for (const p of [avatarUrl, `/api/users/${ana.user.id}/avatar`]) {
      const file = await get(ben, p);
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toBe("image/webp");
      expect(file.headers.get("content-security-policy")).toContain("sandbox");
      expect(file.headers.get("x-content-type-options")).toBe("nosniff");
      const bytes = Buffer.from(await file.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect(meta).toMatchObject({ format: "webp", width: 256, height: 256 });
      expect(meta.exif).toBeUndefined();
      expect(bytes.includes("avatar-secret-name")).toBe(false);
    }
    expect((await get(null, avatarUrl)).status).toBe(401);
    expect(await readdir(uploadDir)).toContain(`avatar-${ana.user.id}`);

    const removed = nextEvent(sb, "user:updated", (p) => p.user.id === ana.user.id);
    expect((await fetch(`${url}/api/me/avatar`, { method: "DELETE", headers: { cookie: ana.cookie } })).status).toBe(200);
    expect((await removed)[0].user.avatarUrl).toBeNull();
    expect((await get(ben, avatarUrl)).status).toBe(404);
    expect(await readdir(uploadDir)).not.toContain(`avatar-${ana.user.id}`);
  });
});

describe("the person summary", () => {
  const picture = () => sharp({ create: { width: 64, height: 64, channels: 3, background: "#3366cc" } }).png().toBuffer();

  it("carries avatarUrl (or null) in members, messages, DMs, search and /api/me, so clients never ask for a missing picture", async () => {
    const ana = await registerUser(url, "Ana");
    const ben = await registerUser(url, "Ben Plain");
    const roomId = await room(ana);
    await api(url, ben, "POST", `/api/rooms/${roomId}/join`);
    const put = await fetch(`${url}/api/me/avatar`, { method: "PUT", headers: { cookie: ana.cookie }, body: new Uint8Array(await picture()) });
    const { avatarUrl } = (await put.json()) as { avatarUrl: string };
    expect(avatarUrl).toMatch(/\?v=/);

    // Sent after the picture was set, over the socket opened before it: the live copy carries it too.
    const sa = await online(ana, roomId);
    const live = nextEvent(sa, "message:new", (m) => m.body === "pictured");
    const sent = await emitAck(sa, "message:send", { roomId, clientId: clientId(), body: "pictured" });
    expect(sent.ok && sent.data.message.author).toEqual({ id: ana.user.id, name: ana.user.name, avatarUrl });
    expect((await live)[0].author.avatarUrl).toBe(avatarUrl);
    const sb = await online(ben, roomId);
    await emitAck(sb, "message:send", { roomId, clientId: clientId(), body: "plain" });

    const members = await api<{ members: { user: { id: string; avatarUrl: string | null } }[] }>(url, ben, "GET", `/api/rooms/${roomId}/members`);
    expect(Object.fromEntries(members.body.members.map((m) => [m.user.id, m.user.avatarUrl]))).toEqual({ [ana.user.id]: avatarUrl, [ben.user.id]: null });
    const history = await api<HistoryPage>(url, ben, "GET", `/api/rooms/${roomId}/messages`);
    expect(history.body.messages.map((m) => [m.body, m.author.avatarUrl])).toEqual([
      ["pictured", avatarUrl],
      ["plain", null],
    ]);
    const dm = await api<{ room: RoomDTO }>(url, ben, "POST", "/api/dms", { userIds: [ana.user.id] });
    expect(Object.fromEntries((dm.body.room.dmMembers ?? []).map((u) => [u.id, u.avatarUrl]))).toEqual({ [ana.user.id]: avatarUrl, [ben.user.id]: null });
    const people = await api<{ users: { id: string; avatarUrl: string | null }[] }>(url, ben, "GET", `/api/users?q=${encodeURIComponent(ana.user.name)}`);
    expect(people.body.users.find((u) => u.id === ana.user.id)?.avatarUrl).toBe(avatarUrl);
    const found = await api<{ results: { author: { avatarUrl: string | null } }[] }>(url, ben, "GET", `/api/search?q=pictured&roomId=${roomId}`);
    expect(found.body.results[0]?.author.avatarUrl).toBe(avatarUrl);
    const me = await api<{ user: { avatarUrl: string | null } }>(url, ana, "GET", "/api/me");
    expect(me.body.user.avatarUrl).toBe(avatarUrl);
    expect((await api<{ user: { avatarUrl: string | null } }>(url, ben, "GET", "/api/me")).body.user.avatarUrl).toBeNull();

    // Removed: the sockets carry null from then on.
    await fetch(`${url}/api/me/avatar`, { method: "DELETE", headers: { cookie: ana.cookie } });
    const after = await emitAck(sa, "message:send", { roomId, clientId: clientId(), body: "unpictured" });
    expect(after.ok && after.data.message.author.avatarUrl).toBeNull();
  });
});

describe("unsent uploads", () => {
  it("are deleted, rows and bytes, a day after upload when the server starts; newer and sent ones stay", async () => {
    const db2 = await createTestDatabase();
    const dir = await mkdtemp(path.join(os.tmpdir(), "parley-orphans-test-"));
    const [user, roomId, messageId, oldOrphan, newOrphan, oldSent] = Array.from({ length: 6 }, () => randomUUID());
    try {
      await withClient(db2.url, async (c) => {
        await c.query(`INSERT INTO "User" (id, email, name, "passwordHash") VALUES ($1, 'orphans@example.com', 'Orphan owner', 'x')`, [user]);
        await c.query(`INSERT INTO "Room" (id, slug, name, "creatorId", "lastSeq") VALUES ($1, 'orphans', 'orphans', $2, 1)`, [roomId, user]);
        await c.query(`INSERT INTO "Message" (id, "roomId", "authorId", seq, "clientId", body) VALUES ($1, $2, $3, 1, 'orphan-test-1', 'sent')`, [messageId, roomId, user]);
        const insert = `INSERT INTO "Attachment" (id, "roomId", "uploaderId", "messageId", name, mime, size, "hasThumb", "createdAt") VALUES ($1, $2, $3, $4, 'a.png', 'image/png', 1, true, now() - $5::interval)`;
        await c.query(insert, [oldOrphan, roomId, user, null, "25 hours"]);
        await c.query(insert, [newOrphan, roomId, user, null, "1 hour"]);
        await c.query(insert, [oldSent, roomId, user, messageId, "30 hours"]);
      });
      for (const id of [oldOrphan, newOrphan, oldSent]) {
        await writeFile(path.join(dir, id!), "x");
        await writeFile(path.join(dir, `${id}.thumb`), "x");
      }
      const s2 = await startServer({ databaseUrl: db2.url, env: { UPLOAD_DIR: dir } });
      try {
        await expect.poll(() => readdir(dir).then((f) => f.sort()), { timeout: 10_000 }).toEqual([newOrphan!, `${newOrphan}.thumb`, oldSent!, `${oldSent}.thumb`].sort());
        const left = await withClient(db2.url, (c) => c.query<{ id: string }>(`SELECT id FROM "Attachment" ORDER BY id`));
        expect(left.rows.map((r) => r.id).sort()).toEqual([newOrphan, oldSent].sort());
      } finally {
        await s2.stop();
      }
    } finally {
      await db2.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
