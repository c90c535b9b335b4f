/**
 * A message and its side effects are stored together or not at all (docs/delivery.md, "What one
 * send writes, and when"): its Mention rows and mention notices, and its thread root's summary,
 * are written by the send's own statement; an edit and its mention changes are one transaction.
 * A trigger created in this file's database makes the side effect's write fail on demand: then
 * nothing of the message is stored, and the resend with the same clientId stores all of it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageDTO } from "@/lib/shared/types";
import { clientId, connectUser, emitAck, registerUser, type ClientSocket, type TestUser } from "../helpers/clients";
import { withClient } from "../helpers/db";
import { serverFixture } from "../helpers/fixture";
import { createRoom, join } from "../helpers/moderation";

const fx = serverFixture();
let ana: TestUser;
let ben: TestUser;
let roomId: string;
let onAna: ClientSocket;
let onBen: ClientSocket;
const mentionsOfBen: string[] = [];
const updates: MessageDTO[] = [];

const sql = <T extends object = Record<string, unknown>>(text: string, params: unknown[] = []) => withClient(fx.db.url, async (c) => (await c.query<T>(text, params)).rows);

/** Make every write to `table` (INSERT or UPDATE) fail until `heal()`. */
async function breakWrites(table: "Mention" | "MentionNotice" | "Message", op: "INSERT" | "UPDATE"): Promise<() => Promise<void>> {
  const name = `s9_fail_${table.toLowerCase()}_${op.toLowerCase()}`;
  await sql(`CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'forced failure of ${table} ${op}'; END $$`);
  // Only the thread root's summary update, not every Message update.
  const when = table === "Message" ? ` WHEN (OLD."replyCount" IS DISTINCT FROM NEW."replyCount")` : "";
  await sql(`CREATE TRIGGER ${name} BEFORE ${op} ON "${table}" FOR EACH ROW${when} EXECUTE FUNCTION ${name}()`);
  return async () => {
    await sql(`DROP TRIGGER ${name} ON "${table}"`);
  };
}

beforeAll(async () => {
  ana = await registerUser(fx.url, "Ana Atomic");
  ben = await registerUser(fx.url, "Ben Atomic");
  const room = await createRoom(fx.url, ana, "atomic");
  roomId = room.id;
  await join(fx.url, ben, roomId);
  [onAna, onBen] = await Promise.all([connectUser(fx.url, ana), connectUser(fx.url, ben)]);
  await emitAck(onBen, "room:join", { roomId });
  onBen.on("mention:new", ({ message }) => mentionsOfBen.push(message.clientId));
  onBen.on("message:updated", (m) => updates.push(m));
});

afterAll(() => {
  onAna?.disconnect();
  onBen?.disconnect();
});

describe("a send's side effects are atomic with it", () => {
  for (const table of ["Mention", "MentionNotice"] as const) {
    it(`a failed ${table} insert stores nothing of the message; the resend stores the message, its mention and its notice, and tells Ben`, async () => {
      const heal = await breakWrites(table, "INSERT");
      const id = clientId();
      const payload = { roomId, clientId: id, body: `@Ben Atomic look (${table})` };
      try {
        const first = await emitAck(onAna, "message:send", payload);
        expect(first.ok).toBe(false);
        // Nothing partial: no message, no mention, no notice.
        expect(await sql(`SELECT 1 FROM "Message" WHERE "clientId" = $1`, [id])).toEqual([]);
      } finally {
        await heal();
      }
      const again = await emitAck(onAna, "message:send", payload);
      if (!again.ok) throw new Error(again.error.message);
      // Stored now (not a duplicate: the first attempt left nothing), with all its side effects.
      expect(again.data.duplicate).toBe(false);
      const messageId = again.data.message.id;
      expect(await sql(`SELECT "userId" FROM "Mention" WHERE "messageId" = $1`, [messageId])).toEqual([{ userId: ben.user.id }]);
      expect(await sql(`SELECT "userId" FROM "MentionNotice" WHERE "messageId" = $1`, [messageId])).toEqual([{ userId: ben.user.id }]);
      await expect.poll(() => mentionsOfBen).toContain(id);
    });
  }

  it("@room: the Mention rows of every member but the author are stored with the message", async () => {
    const sent = await emitAck(onAna, "message:send", { roomId, clientId: clientId(), body: "@room hello all" });
    if (!sent.ok) throw new Error(sent.error.message);
    const rows = await sql<{ userId: string; viaRoom: boolean }>(`SELECT "userId", "viaRoom" FROM "Mention" WHERE "messageId" = $1`, [sent.data.message.id]);
    expect(rows).toEqual([{ userId: ben.user.id, viaRoom: true }]);
  });

  it("a failed update of the thread root's summary stores no reply; the resend stores the reply and the summary", async () => {
    const root = await emitAck(onAna, "message:send", { roomId, clientId: clientId(), body: "a thread starts" });
    if (!root.ok) throw new Error(root.error.message);
    const rootId = root.data.message.id;
    const heal = await breakWrites("Message", "UPDATE");
    const id = clientId();
    const payload = { roomId, clientId: id, body: "a reply", threadRootId: rootId };
    try {
      const first = await emitAck(onBen, "message:send", payload);
      expect(first.ok).toBe(false);
      expect(await sql(`SELECT 1 FROM "Message" WHERE "clientId" = $1`, [id])).toEqual([]);
      expect(await sql(`SELECT "replyCount" FROM "Message" WHERE "id" = $1`, [rootId])).toEqual([{ replyCount: 0 }]);
    } finally {
      await heal();
    }
    const again = await emitAck(onBen, "message:send", payload);
    if (!again.ok) throw new Error(again.error.message);
    expect(again.data.duplicate).toBe(false);
    // A second replier: newest first.
    const second = await emitAck(onAna, "message:send", { roomId, clientId: clientId(), body: "another reply", threadRootId: rootId });
    expect(second.ok).toBe(true);
    const [summary] = await sql<{ replyCount: number; latestRepliers: { id: string; name: string }[]; rev: number }>(`SELECT "replyCount", "latestRepliers", "rev" FROM "Message" WHERE "id" = $1`, [rootId]);
    expect(summary).toEqual({ replyCount: 2, latestRepliers: [{ id: ana.user.id, name: "Ana Atomic", avatarAt: null }, { id: ben.user.id, name: "Ben Atomic", avatarAt: null }], rev: 2 });
    // The room hears the root's new copy.
    await expect.poll(() => updates.filter((m) => m.id === rootId).at(-1)?.thread?.replyCount).toBe(2);
  });

  it("replies sent at once from both authors all count (the summary builds on the locked root row)", async () => {
    const root = await emitAck(onAna, "message:send", { roomId, clientId: clientId(), body: "busy thread" });
    if (!root.ok) throw new Error(root.error.message);
    const rootId = root.data.message.id;
    const acks = await Promise.all(Array.from({ length: 12 }, (_, i) => emitAck(i % 2 ? onAna : onBen, "message:send", { roomId, clientId: clientId(), body: `reply ${i}`, threadRootId: rootId })));
    expect(acks.every((a) => a.ok)).toBe(true);
    const [summary] = await sql<{ replyCount: number; n: number }>(`SELECT "replyCount", (SELECT count(*)::int FROM "Message" WHERE "threadRootId" = $1) AS n FROM "Message" WHERE "id" = $1`, [rootId]);
    expect(summary).toEqual({ replyCount: 12, n: 12 });
  });
});

describe("an edit is atomic with its mentions", () => {
  it("a failed mention insert leaves the message as it was; the retried edit stores the body and the mention", async () => {
    const sent = await emitAck(onAna, "message:send", { roomId, clientId: clientId(), body: "no one named yet" });
    if (!sent.ok) throw new Error(sent.error.message);
    const messageId = sent.data.message.id;
    const heal = await breakWrites("Mention", "INSERT");
    try {
      const edit = await emitAck(onAna, "message:edit", { messageId, body: "now @Ben Atomic is named" });
      expect(edit.ok).toBe(false);
      expect(await sql(`SELECT body, rev, "editedAt" FROM "Message" WHERE "id" = $1`, [messageId])).toEqual([{ body: "no one named yet", rev: 0, editedAt: null }]);
    } finally {
      await heal();
    }
    const edit = await emitAck(onAna, "message:edit", { messageId, body: "now @Ben Atomic is named" });
    expect(edit.ok).toBe(true);
    expect(await sql(`SELECT body, rev FROM "Message" WHERE "id" = $1`, [messageId])).toEqual([{ body: "now @Ben Atomic is named", rev: 1 }]);
    expect(await sql(`SELECT "userId" FROM "Mention" WHERE "messageId" = $1`, [messageId])).toEqual([{ userId: ben.user.id }]);
  });
});
