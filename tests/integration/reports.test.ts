/**
 * Reports (file, queue with context, resolve or dismiss), the word filter on the send path,
 * moderator removal of one message and of a user's recent messages — live for everyone, audited.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { ReportDTO } from "@/lib/shared/moderation";
import type { MessageDTO } from "@/lib/shared/types";
import { api, connectUser, emitAck, nextEvent, type ClientSocket, type TestUser } from "../helpers/clients";
import { serverFixture } from "../helpers/fixture";
import { auditActions, createRoom, join, registerWithRole, send } from "../helpers/moderation";

const fx = serverFixture({ redis: true });
const sockets: ClientSocket[] = [];
afterAll(() => sockets.forEach((s) => s.disconnect()));

async function live(who: TestUser): Promise<ClientSocket> {
  const s = await connectUser(fx.url, who);
  sockets.push(s);
  return s;
}

async function say(s: ClientSocket, roomId: string, body: string): Promise<MessageDTO> {
  const ack = await send(s, roomId, body);
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.data.message;
}

describe("reports", () => {
  it("a member reports a message; staff see it with context and resolve it by removing the message, live for the room", async () => {
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN");
    const ann = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Ann");
    const troll = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Troll");
    const room = await createRoom(fx.url, ann);
    await join(fx.url, troll, room.id);
    const [sa, st] = [await live(ann), await live(troll)];
    await say(sa, room.id, "before 1");
    await say(sa, room.id, "before 2");
    const bad = await say(st, room.id, "something nasty");
    await say(sa, room.id, "after 1");

    // The author cannot report themselves; members cannot see the queue.
    expect((await api(fx.url, troll, "POST", `/api/messages/${bad.id}/report`, { reason: "me" })).status).toBe(400);
    expect((await api(fx.url, ann, "POST", `/api/messages/${bad.id}/report`, { reason: "" })).status).toBe(400);
    expect((await api(fx.url, ann, "POST", `/api/messages/${bad.id}/report`, { reason: "insulting" })).status).toBe(201);
    expect((await api(fx.url, ann, "POST", `/api/messages/${bad.id}/report`, { reason: "again" })).status).toBe(409);
    expect((await api(fx.url, ann, "GET", "/api/admin/reports")).status).toBe(403);

    const queue = await api<{ items: ReportDTO[] }>(fx.url, admin, "GET", "/api/admin/reports?status=OPEN");
    const report = queue.body.items.find((r) => r.message.id === bad.id);
    expect(report).toMatchObject({ reason: "insulting", reporter: { name: "Ann" }, status: "OPEN" });
    expect(report!.context.map((m) => m.body)).toEqual(["before 1", "before 2", "something nasty", "after 1"]);

    const replaced = nextEvent(sa, "message:updated", (m) => m.id === bad.id);
    const res = await api<{ report: ReportDTO }>(fx.url, admin, "POST", `/api/admin/reports/${report!.id}/resolve`, { action: "delete_message", note: "rule 2" });
    expect(res.status).toBe(200);
    expect(res.body.report).toMatchObject({ status: "RESOLVED", resolvedBy: { id: admin.user.id } });
    const [copy] = await replaced;
    expect(copy).toMatchObject({ deleted: true, body: "", deletedById: admin.user.id });
    expect((await api(fx.url, admin, "POST", `/api/admin/reports/${report!.id}/resolve`, { action: "dismiss" })).status).toBe(409);
    expect(await auditActions(fx.url, admin, report!.id)).toEqual(["report.resolve"]);
    const open = await api<{ items: ReportDTO[] }>(fx.url, admin, "GET", "/api/admin/reports?status=OPEN");
    expect(open.body.items.some((r) => r.id === report!.id)).toBe(false);
  });

  it("dismissing leaves the message; resolving with a mute mutes the author", async () => {
    const mod = await registerWithRole(fx.url, fx.db.url, "MODERATOR");
    const bo = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Bo");
    const cy = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Cy");
    const room = await createRoom(fx.url, bo);
    await join(fx.url, cy, room.id);
    const sc = await live(cy);
    const m1 = await say(sc, room.id, "fine message");
    const m2 = await say(sc, room.id, "rude message");
    await api(fx.url, bo, "POST", `/api/messages/${m1.id}/report`, { reason: "meh" });
    await api(fx.url, bo, "POST", `/api/messages/${m2.id}/report`, { reason: "rude" });
    const queue = await api<{ items: ReportDTO[] }>(fx.url, mod, "GET", "/api/admin/reports");
    const r1 = queue.body.items.find((r) => r.message.id === m1.id)!;
    const r2 = queue.body.items.find((r) => r.message.id === m2.id)!;
    expect((await api<{ report: ReportDTO }>(fx.url, mod, "POST", `/api/admin/reports/${r1.id}/resolve`, { action: "dismiss" })).body.report.status).toBe("DISMISSED");
    expect(await auditActions(fx.url, mod, r1.id)).toEqual(["report.dismiss"]);
    expect((await api<{ report: ReportDTO }>(fx.url, mod, "POST", `/api/admin/reports/${r2.id}/resolve`, { action: "mute_author", minutes: 5 })).body.report.status).toBe("RESOLVED");
    const refused = await send(sc, room.id, "still here?");
    expect(refused.ok ? null : refused.error.code).toBe("MUTED");
    const history = await api<{ messages: MessageDTO[] }>(fx.url, bo, "GET", `/api/rooms/${room.id}/messages`);
    expect(history.body.messages.find((m) => m.id === m1.id)?.deleted).toBe(false);
    expect(await auditActions(fx.url, mod, cy.user.id)).toEqual(["user.mute"]);
  });

  it("a private room's messages cannot be reported by outsiders (NOT_FOUND)", async () => {
    const owner = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Owner");
    const outsider = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Outsider");
    const res = await api<{ room: { id: string } }>(fx.url, owner, "POST", "/api/rooms", { name: `secret-${Date.now()}`, visibility: "PRIVATE" });
    const so = await live(owner);
    const m = await say(so, res.body.room.id, "private words");
    expect((await api(fx.url, outsider, "POST", `/api/messages/${m.id}/report`, { reason: "x" })).status).toBe(404);
  });
});

describe("removing messages as a moderator", () => {
  it("removes a user's messages of the last N hours in one action, live for the room, audited", async () => {
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN");
    const host = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Host");
    const spam = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Spammer");
    const room = await createRoom(fx.url, host);
    await join(fx.url, spam, room.id);
    const [sh, ss] = [await live(host), await live(spam)];
    const keep = await say(sh, room.id, "host message");
    const spams = [await say(ss, room.id, "buy 1"), await say(ss, room.id, "buy 2"), await say(ss, room.id, "buy 3")];
    const seen = new Set<string>();
    const allSeen = new Promise<void>((resolve) =>
      sh.on("message:updated", (m) => {
        if (m.deleted && m.body === "") seen.add(m.id);
        if (seen.size === 3) resolve();
      }),
    );
    expect((await api(fx.url, host, "POST", `/api/admin/users/${spam.user.id}/purge`, { hours: 1 })).status).toBe(403);
    const res = await api<{ removed: number }>(fx.url, admin, "POST", `/api/admin/users/${spam.user.id}/purge`, { hours: 1, reason: "spam wave" });
    expect(res.body.removed).toBe(3);
    await allSeen;
    expect([...seen].sort()).toEqual(spams.map((m) => m.id).sort());
    const history = await api<{ messages: MessageDTO[] }>(fx.url, host, "GET", `/api/rooms/${room.id}/messages`);
    expect(history.body.messages.find((m) => m.id === keep.id)?.deleted).toBe(false);
    expect(history.body.messages.filter((m) => m.deleted).map((m) => m.deletedById)).toEqual([admin.user.id, admin.user.id, admin.user.id]);
    expect(await auditActions(fx.url, admin, spam.user.id)).toEqual(["user.purgeMessages"]);
  });

  it("a room moderator deletes a message over the socket; everyone sees it removed by a moderator", async () => {
    const owner = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Owner");
    const gus = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Gus");
    const room = await createRoom(fx.url, owner);
    await join(fx.url, gus, room.id);
    const [so, sg] = [await live(owner), await live(gus)];
    const m = await say(sg, room.id, "off-topic rant");
    const seen = nextEvent(sg, "message:updated", (u) => u.id === m.id);
    const ack = await emitAck(so, "message:delete", { messageId: m.id });
    expect(ack.ok).toBe(true);
    expect((await seen)[0]).toMatchObject({ deleted: true, deletedById: owner.user.id });
  });
});

describe("word filter", () => {
  it("masks and blocks on send; only admins manage it; changes are audited", async () => {
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN");
    const mod = await registerWithRole(fx.url, fx.db.url, "MODERATOR");
    const hal = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Hal");
    const room = await createRoom(fx.url, hal);
    const sh = await live(hal);
    expect((await api(fx.url, mod, "POST", "/api/admin/word-filter", { term: "darn", mode: "MASK" })).status).toBe(403);
    expect((await api(fx.url, admin, "POST", "/api/admin/word-filter", { term: "(a+)+$", mode: "MASK" })).status).toBe(400);
    const masked = await api<{ term: { id: string } }>(fx.url, admin, "POST", "/api/admin/word-filter", { term: "Darn", mode: "MASK" });
    expect(masked.status).toBe(201);
    expect((await api(fx.url, admin, "POST", "/api/admin/word-filter", { term: "darn", mode: "BLOCK" })).status).toBe(409);
    expect((await api(fx.url, admin, "POST", "/api/admin/word-filter", { term: "scam*", mode: "BLOCK" })).status).toBe(201);

    const ok = await send(sh, room.id, "darn it, DARN");
    expect(ok.ok ? ok.data.message.body : null).toBe("**** it, ****");
    const blocked = await send(sh, room.id, "total scammers here");
    expect(blocked.ok ? null : blocked.error).toMatchObject({ code: "CONTENT_BLOCKED", details: { term: "scam*" } });

    expect((await api(fx.url, admin, "DELETE", `/api/admin/word-filter/${masked.body.term.id}`)).status).toBe(200);
    const plain = await send(sh, room.id, "darn again");
    expect(plain.ok ? plain.data.message.body : null).toBe("darn again");
    expect(await auditActions(fx.url, admin, masked.body.term.id)).toEqual(["wordFilter.remove", "wordFilter.add"]);
  });
});
