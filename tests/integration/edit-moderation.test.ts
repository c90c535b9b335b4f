/**
 * Editing goes through the send path's moderation (ban, global mute, room mute, lock, archive,
 * word filter) over the socket and REST alike; a banned user's still-open socket can emit
 * nothing once the ban commits; a demoted moderator's open socket loses her powers at once.
 */
import { describe, expect, it } from "vitest";
import type { Ack } from "@/lib/shared/events";
import type { MessageDTO } from "@/lib/shared/types";
import { api, clientId, emitAck, nextEvent } from "../helpers/clients";
import { withClient } from "../helpers/db";
import { serverFixture } from "../helpers/fixture";
import { createRoom, join, liveSockets, registerWithRole, sent } from "../helpers/moderation";

const fx = serverFixture({ redis: true });
const live = liveSockets(fx);

async function storedBody(messageId: string): Promise<string> {
  const { rows } = await withClient(fx.db.url, (c) => c.query<{ body: string }>(`SELECT body FROM "Message" WHERE id = $1`, [messageId]));
  return rows[0]?.body ?? "";
}

const code = (ack: Ack<unknown>) => (ack.ok ? "ok" : ack.error.code);

/**
 * An author with a live socket and two messages in a fresh room (one to edit over the socket,
 * one over REST), sent before any restriction; the admin and the room's owner act on her.
 */
async function scene(tag: string) {
  const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN", `Admin ${tag}`);
  const owner = await registerWithRole(fx.url, fx.db.url, "MEMBER", `Owner ${tag}`);
  const author = await registerWithRole(fx.url, fx.db.url, "MEMBER", `Author ${tag}`);
  const room = await createRoom(fx.url, owner, tag);
  await join(fx.url, author, room.id);
  const s = await live(author);
  const viaSocket = await sent(s, room.id, "first words");
  const viaRest = await sent(s, room.id, "second words");
  /** Edit both messages to `body`: the socket's ack code and the REST status and code. */
  const edit = async (body: string) => {
    const ack = await emitAck(s, "message:edit", { messageId: viaSocket.id, body });
    const res = await api<{ error?: { code: string }; message?: MessageDTO }>(fx.url, author, "PATCH", `/api/messages/${viaRest.id}`, { body });
    return { socket: code(ack), rest: res.status === 200 ? "ok" : (res.body.error?.code ?? String(res.status)), status: res.status, ack, res };
  };
  const unchanged = async () => [await storedBody(viaSocket.id), await storedBody(viaRest.id)];
  return { admin, owner, author, room, s, viaSocket, viaRest, edit, unchanged };
}

describe("edits go through the send guard (socket and REST)", () => {
  type Scene = Awaited<ReturnType<typeof scene>>;
  const refusals: { what: string; restrict: (t: Scene) => Promise<unknown>; body?: string; code: string; status: number }[] = [
    { what: "a global mute (MUTED)", restrict: (t) => api(fx.url, t.admin, "POST", `/api/admin/users/${t.author.user.id}/mute`, { minutes: 10 }), code: "MUTED", status: 403 },
    { what: "a room mute (MUTED)", restrict: (t) => api(fx.url, t.owner, "POST", `/api/rooms/${t.room.id}/members/${t.author.user.id}/mute`, { minutes: 5 }), code: "MUTED", status: 403 },
    { what: "a locked room (ROOM_LOCKED)", restrict: (t) => api(fx.url, t.owner, "POST", `/api/rooms/${t.room.id}/lock`, { locked: true }), code: "ROOM_LOCKED", status: 403 },
    { what: "an archived room (FORBIDDEN)", restrict: (t) => api(fx.url, t.owner, "POST", `/api/rooms/${t.room.id}/archive`), code: "FORBIDDEN", status: 403 },
    {
      what: "a blocked word (CONTENT_BLOCKED)",
      restrict: (t) => api(fx.url, t.admin, "POST", "/api/admin/word-filter", { term: "zorblax", mode: "BLOCK" }),
      body: "now with zorblax in it",
      code: "CONTENT_BLOCKED",
      status: 422,
    },
  ];

  for (const [i, { what, restrict, body = "sneaky edit", code: expected, status }] of refusals.entries()) {
    it(`${what} refuses the edit on both, storing nothing`, async () => {
      const t = await scene(`refused${i}`);
      const done = (await restrict(t)) as { status: number };
      expect(done.status).toBeLessThan(300);
      const r = await t.edit(body);
      expect([r.socket, r.rest, r.status]).toEqual([expected, expected, status]);
      expect(await t.unchanged()).toEqual(["first words", "second words"]);
    });
  }

  it("a masked word is stored masked", async () => {
    const t = await scene("mask");
    expect((await api(fx.url, t.admin, "POST", "/api/admin/word-filter", { term: "frotz", mode: "MASK" })).status).toBe(201);
    const r = await t.edit("well frotz that");
    expect([r.socket, r.rest]).toEqual(["ok", "ok"]);
    expect(r.ack.ok && r.ack.data.body).toBe("well ***** that");
    expect(r.res.body.message?.body).toBe("well ***** that");
    expect(await t.unchanged()).toEqual(["well ***** that", "well ***** that"]);
  });

  it("a ban refuses edits: REST at once (401), the open socket with BANNED until it is closed", async () => {
    const t = await scene("ban");
    const ended = nextEvent(t.s, "session:ended");
    expect((await api(fx.url, t.admin, "POST", `/api/admin/users/${t.author.user.id}/ban`, { reason: "abuse" })).status).toBe(200);
    await ended;
    const r = await t.edit("sneaky edit");
    expect([r.socket, r.status]).toEqual(["BANNED", 401]);
    expect(await t.unchanged()).toEqual(["first words", "second words"]);
  });
});

describe("a banned socket", () => {
  it("cannot emit anything after the ban commits (before it is disconnected)", async () => {
    const t = await scene("banall");
    const other = await createRoom(fx.url, t.owner, "other");
    const s = t.s;
    const acks = new Promise<Record<string, string>>((resolve) => {
      s.once("session:ended", () => {
        // Emitted the moment the ban is known to have committed: every one must be refused.
        const all: Record<string, Promise<Ack<unknown>>> = {
          "message:send": emitAck(s, "message:send", { roomId: t.room.id, clientId: clientId(), body: "still here" }),
          "message:edit": emitAck(s, "message:edit", { messageId: t.viaSocket.id, body: "edited while banned" }),
          "message:delete": emitAck(s, "message:delete", { messageId: t.viaRest.id }),
          "reaction:set": emitAck(s, "reaction:set", { roomId: t.room.id, messageId: t.viaSocket.id, emoji: "👍", on: true }),
          "room:join": emitAck(s, "room:join", { roomId: other.id }),
          "room:leave": emitAck(s, "room:leave", { roomId: t.room.id }),
          "room:read": emitAck(s, "room:read", { roomId: t.room.id, seq: t.viaRest.seq }),
          "status:set": emitAck(s, "status:set", { status: "AWAY" }),
          "typing:start": emitAck(s, "typing:start", { roomId: t.room.id }),
          "dm:open": emitAck(s, "dm:open", { userIds: [t.owner.user.id] }),
        };
        void Promise.all(Object.entries(all).map(async ([event, p]) => [event, code(await p)] as const)).then((pairs) => resolve(Object.fromEntries(pairs)));
      });
    });
    expect((await api(fx.url, t.admin, "POST", `/api/admin/users/${t.author.user.id}/ban`, { reason: "abuse" })).status).toBe(200);
    const codes = await acks;
    expect(Object.entries(codes).filter(([, c]) => c !== "BANNED")).toEqual([]);
    expect(await t.unchanged()).toEqual(["first words", "second words"]);
  });
});

describe("a demoted moderator", () => {
  it("loses her powers on the socket she already has open", async () => {
    const admin = await registerWithRole(fx.url, fx.db.url, "ADMIN", "Admin demote");
    const mod = await registerWithRole(fx.url, fx.db.url, "MODERATOR", "Mod demote");
    const owner = await registerWithRole(fx.url, fx.db.url, "MEMBER", "Owner demote");
    const room = await createRoom(fx.url, owner, "demote");
    const so = await live(owner);
    const [a, b] = [await sent(so, room.id, "one"), await sent(so, room.id, "two")];
    const s = await live(mod);
    // While a moderator: she may pin in a room she never joined.
    expect(code(await emitAck(s, "message:pin", { roomId: room.id, messageId: a.id, pinned: true }))).toBe("ok");
    expect((await api(fx.url, admin, "POST", `/api/admin/users/${mod.user.id}/role`, { role: "MEMBER" })).status).toBe(200);
    expect(code(await emitAck(s, "message:pin", { roomId: room.id, messageId: b.id, pinned: true }))).toBe("FORBIDDEN");
    expect(code(await emitAck(s, "message:pin", { roomId: room.id, messageId: a.id, pinned: false }))).toBe("FORBIDDEN");
    expect(code(await emitAck(s, "message:delete", { messageId: b.id }))).toBe("FORBIDDEN");
    expect(code(await emitAck(s, "admin:subscribe", {}))).toBe("FORBIDDEN");
    expect(await storedBody(b.id)).toBe("two");
  });
});
