/**
 * A connection lost while a send's statement is in flight: the message may be stored, so the
 * sender hears OUTCOME_UNKNOWN (never UNAVAILABLE, "nothing was stored"); the resend with the
 * same clientId finds it stored and it is broadcast then, like any other message.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTcpProxy, type TcpProxy } from "../../scripts/cluster/tcp-proxy";
import { startInProcess, type InProcessServer } from "../helpers/app";
import { clientId, connectUser, emitAck, registerUser, type ClientSocket } from "../helpers/clients";
import { createTestDatabase, withClient, type TestDatabase } from "../helpers/db";
import { createRoom, join } from "../helpers/moderation";

let db: TestDatabase;
let proxy: TcpProxy;
let server: InProcessServer;

beforeAll(async () => {
  db = await createTestDatabase();
  const target = new URL(db.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const viaProxy = new URL(db.url);
  viaProxy.port = String(proxy.port);
  server = await startInProcess({ databaseUrl: viaProxy.toString() });
});

afterAll(async () => {
  await server?.stop();
  await proxy?.close();
  await db?.drop();
});

describe("an unknown outcome", () => {
  let sockets: ClientSocket[] = [];
  afterAll(() => sockets.forEach((s) => s.disconnect()));

  it("is answered OUTCOME_UNKNOWN; the resend is acked as stored and broadcast, with its mentions", async () => {
    const ana = await registerUser(server.url, "Ana");
    const ben = await registerUser(server.url, "Ben");
    const room = await createRoom(server.url, ana);
    await join(server.url, ben, room.id);
    const [onAna, onBen] = await Promise.all([connectUser(server.url, ana), connectUser(server.url, ben)]);
    sockets = [onAna, onBen];
    await emitAck(onBen, "room:join", { roomId: room.id });
    const seen: string[] = [];
    onBen.on("message:new", (m) => seen.push(m.clientId));
    onBen.on("messages:new", ({ messages }) => seen.push(...messages.map((m) => m.clientId)));
    const mentions: string[] = [];
    onBen.on("mention:new", ({ message }) => mentions.push(message.clientId));

    const id = clientId();
    const payload = { roomId: room.id, clientId: id, body: "@Ben did this one make it?" };
    const lost = proxy.loseAnswerTo('INSERT INTO "Message"');
    const first = await emitAck(onAna, "message:send", payload);
    await lost;
    expect(first.ok ? "ok" : first.error.code).toBe("OUTCOME_UNKNOWN");
    // It had in fact been committed...
    const rows = await withClient(db.url, (c) => c.query<{ body: string }>(`SELECT body FROM "Message" WHERE "clientId" = $1`, [id]));
    expect(rows.rows.map((r) => r.body)).toEqual([payload.body]);
    // ...but nobody was told.
    expect(seen).toEqual([]);

    // The outbox resends with the same clientId: a definite answer, and now the room hears of it.
    const again = await emitAck(onAna, "message:send", payload);
    expect(again.ok && again.data.duplicate).toBe(true);
    await expect.poll(() => seen).toEqual([id]);
    await expect.poll(() => mentions).toEqual([id]);
    // A further resend is an ordinary duplicate: not broadcast again.
    const third = await emitAck(onAna, "message:send", payload);
    expect(third.ok && third.data.duplicate).toBe(true);
    const probe = clientId();
    expect((await emitAck(onAna, "message:send", { roomId: room.id, clientId: probe, body: "after" })).ok).toBe(true);
    await expect.poll(() => seen).toEqual([id, probe]);
  });
});
