/** Helpers for the tests of what staff may read: conversations of every kind, the admin message search. */
import { expect } from "vitest";
import type { AdminMessageDTO, Paged } from "@/lib/shared/moderation";
import type { RoomDTO } from "@/lib/shared/types";
import { api, type ClientSocket, type TestUser } from "./clients";
import type { ServerFixture } from "./fixture";
import { createRoom, registerWithRole, sent } from "./moderation";

/** A DM between two members, a private room of theirs and a public room, each with one message holding `word`. */
export async function conversations(f: ServerFixture, connect: (who: TestUser) => Promise<ClientSocket>, word: string) {
  const ann = await registerWithRole(f.url, f.db.url, "MEMBER", "Ann");
  const bo = await registerWithRole(f.url, f.db.url, "MEMBER", "Bo");
  const dm = await api<{ room: RoomDTO }>(f.url, ann, "POST", "/api/dms", { userIds: [bo.user.id] });
  const closed = await api<{ room: RoomDTO }>(f.url, ann, "POST", "/api/rooms", { name: `closed ${word}`, visibility: "PRIVATE" });
  const pub = await createRoom(f.url, ann, word);
  const s = await connect(ann);
  for (const roomId of [dm.body.room.id, closed.body.room.id, pub.id]) await sent(s, roomId, `secret ${word} here`);
  return { dmId: dm.body.room.id, closedId: closed.body.room.id, publicId: pub.id };
}

/** The rooms of the messages the admin message search shows `who` for `word`. */
export async function searchedRooms(f: ServerFixture, who: TestUser, word: string): Promise<string[]> {
  const res = await api<Paged<AdminMessageDTO>>(f.url, who, "GET", `/api/admin/messages?q=${word}`);
  expect(res.status).toBe(200);
  return res.body.items.map((m) => m.roomId).sort();
}
