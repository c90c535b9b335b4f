/**
 * Authorization on every path into a room: an outsider can neither read, join, type in nor send
 * to a private room, cannot forge an author, and its sockets receive no event of a room it does
 * not belong to while the owner chats there (and in a public room the outsider has not joined).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoomDTO } from "@/lib/shared/types";
import { api, clientId, connectUser, emitAck, emitRaw, registerUser, sleep, type ClientSocket, type TestUser } from "../helpers/clients";
import { serverFixture } from "../helpers/fixture";

const fx = serverFixture({ redis: true });

let owner: TestUser;
let outsider: TestUser;
let privateRoom: RoomDTO;
let publicRoom: RoomDTO;
let ownerSocket: ClientSocket;
const outsiderSockets: ClientSocket[] = [];
const leaked: { event: string; args: unknown[] }[] = [];

beforeAll(async () => {
  owner = await registerUser(fx.url, "Owner", "authz-owner");
  outsider = await registerUser(fx.url, "Outsider", "authz-out");
  privateRoom = (await api<{ room: RoomDTO }>(fx.url, owner, "POST", "/api/rooms", { name: `vault ${clientId().slice(0, 6)}`, visibility: "PRIVATE" })).body.room;
  publicRoom = (await api<{ room: RoomDTO }>(fx.url, owner, "POST", "/api/rooms", { name: `lobby ${clientId().slice(0, 6)}`, visibility: "PUBLIC" })).body.room;
  ownerSocket = await connectUser(fx.url, owner);
  for (let i = 0; i < 2; i++) {
    const s = await connectUser(fx.url, outsider);
    s.onAny((event: string, ...args: unknown[]) => {
      const text = JSON.stringify(args);
      if (text.includes(privateRoom.id) || text.includes(publicRoom.id)) leaked.push({ event, args });
    });
    outsiderSockets.push(s);
  }
});

afterAll(() => {
  ownerSocket?.disconnect();
  for (const s of outsiderSockets) s.disconnect();
});

describe("an outsider and a private room", () => {
  it("cannot see it, read it, list its members or join it over REST: NOT_FOUND, as if it did not exist", async () => {
    const rooms = await api<{ rooms: RoomDTO[] }>(fx.url, outsider, "GET", "/api/rooms");
    expect(rooms.body.rooms.map((r) => r.id)).not.toContain(privateRoom.id);
    for (const [method, path] of [
      ["GET", `/api/rooms/${privateRoom.id}`],
      ["GET", `/api/rooms/${privateRoom.id}/messages`],
      ["GET", `/api/rooms/${privateRoom.id}/members`],
      ["POST", `/api/rooms/${privateRoom.id}/join`],
    ] as const) {
      const res = await api<{ error: { code: string } }>(fx.url, outsider, method, path);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
    }
  });

  it("cannot subscribe to it, type in it or send to it over the socket, and nothing is stored", async () => {
    const s = outsiderSockets[0] as ClientSocket;
    const join = await emitAck(s, "room:join", { roomId: privateRoom.id });
    expect(join.ok).toBe(false);
    const typing = await emitAck(s, "typing:start", { roomId: privateRoom.id });
    expect(typing.ok).toBe(false);
    const send = await emitAck(s, "message:send", { roomId: privateRoom.id, clientId: clientId(), body: "let me in" });
    expect(send.ok).toBe(false);
    if (!send.ok) expect(["NOT_FOUND", "FORBIDDEN"]).toContain(send.error.code);
    const history = await api<{ messages: unknown[] }>(fx.url, owner, "GET", `/api/rooms/${privateRoom.id}/messages`);
    expect(history.body.messages).toHaveLength(0);
  });
});

describe("authorship", () => {
  it("cannot be forged: an author field in the payload is refused, and the stored author is always the sender", async () => {
    const s = outsiderSockets[0] as ClientSocket;
    const own = await api<{ room: RoomDTO }>(fx.url, outsider, "POST", "/api/rooms", { name: `mine ${clientId().slice(0, 6)}`, visibility: "PUBLIC" });
    const roomId = own.body.room.id;
    const forged = (await emitRaw(s, "message:send", { roomId, clientId: clientId(), body: "I am the owner", authorId: owner.user.id, author: { id: owner.user.id, name: "Owner" } })) as {
      ok: boolean;
      error?: { code: string };
    };
    expect(forged.ok).toBe(false);
    expect(forged.error?.code).toBe("VALIDATION_FAILED");
    const honest = await emitAck(s, "message:send", { roomId, clientId: clientId(), body: "I am me" });
    expect(honest.ok && honest.data.message.author.id).toBe(outsider.user.id);
  });
});

describe("what an outsider's sockets receive", () => {
  it("nothing from rooms it does not belong to while the owner chats, types and edits there", async () => {
    for (const room of [privateRoom, publicRoom]) {
      await emitAck(ownerSocket, "room:join", { roomId: room.id });
      await emitAck(ownerSocket, "typing:start", { roomId: room.id });
      for (let i = 0; i < 5; i++) {
        const ack = await emitAck(ownerSocket, "message:send", { roomId: room.id, clientId: clientId(), body: `secret ${i}` });
        expect(ack.ok).toBe(true);
        if (i === 0 && ack.ok) await emitAck(ownerSocket, "message:edit", { messageId: ack.data.message.id, body: "secret, edited" });
      }
      await emitAck(ownerSocket, "typing:stop", { roomId: room.id });
    }
    // The outsider's own attempts to subscribe change nothing either.
    await emitAck(outsiderSockets[1] as ClientSocket, "room:join", { roomId: privateRoom.id });
    await sleep(500);
    expect(leaked).toEqual([]);
  });
});
