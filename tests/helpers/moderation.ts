/** Helpers for moderation tests: staff accounts (role set in the database right after sign-up), rooms, sends. */
import { afterAll } from "vitest";
import type { Ack, MessageSent } from "@/lib/shared/events";
import type { MessageDTO, RoomDTO } from "@/lib/shared/types";
import { api, clientId, connectUser, emitAck, registerUser, type ClientSocket, type TestUser } from "./clients";
import { withClient } from "./db";
import type { ServerFixture } from "./fixture";

/**
 * A fresh account with a global role. Set in SQL before the account does anything, so no
 * server has cached its old role yet.
 */
export async function registerWithRole(baseUrl: string, dbUrl: string, role: "ADMIN" | "MODERATOR" | "MEMBER", name: string = role): Promise<TestUser> {
  const u = await registerUser(baseUrl, name);
  if (role !== "MEMBER") {
    await withClient(dbUrl, (c) => c.query(`UPDATE "User" SET role = $1 WHERE id = $2`, [role, u.user.id]));
    u.user = { ...u.user, role };
  }
  return u;
}

export async function createRoom(baseUrl: string, owner: TestUser, name = "room"): Promise<RoomDTO> {
  const res = await api<{ room: RoomDTO }>(baseUrl, owner, "POST", "/api/rooms", { name: `${name}-${Date.now().toString(36)}` });
  if (res.status !== 201) throw new Error(`create room failed: ${res.status}`);
  return res.body.room;
}

export async function join(baseUrl: string, who: TestUser, roomId: string): Promise<void> {
  const res = await api(baseUrl, who, "POST", `/api/rooms/${roomId}/join`);
  if (res.status !== 200) throw new Error(`join failed: ${res.status}`);
}

export function send(socket: ClientSocket, roomId: string, body = "hello"): Promise<Ack<MessageSent>> {
  return emitAck(socket, "message:send", { roomId, clientId: clientId(), body });
}

/** A send that must succeed: the stored message. */
export async function sent(socket: ClientSocket, roomId: string, body: string): Promise<MessageDTO> {
  const ack = await send(socket, roomId, body);
  if (!ack.ok) throw new Error(`${ack.error.code}: ${ack.error.message}`);
  return ack.data.message;
}

/** `live(who)`: a connected socket for `who`, closed after the file's tests. */
export function liveSockets(fx: ServerFixture): (who: TestUser) => Promise<ClientSocket> {
  const sockets: ClientSocket[] = [];
  afterAll(() => sockets.forEach((s) => s.disconnect()));
  return async (who) => {
    const s = await connectUser(fx.url, who);
    sockets.push(s);
    return s;
  };
}

/** The audit entries (newest first) about a target, as an admin sees them. */
export async function auditActions(baseUrl: string, admin: TestUser, targetId: string): Promise<string[]> {
  const res = await api<{ items: { action: string }[] }>(baseUrl, admin, "GET", `/api/admin/audit?targetId=${targetId}`);
  if (res.status !== 200) throw new Error(`audit failed: ${res.status}`);
  return res.body.items.map((e) => e.action);
}
