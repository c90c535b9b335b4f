/** Shared builders for the client unit tests (not a test file itself). */
import type { MessageDTO, UserSummary } from "@/lib/shared/types";

export const ROOM = "11111111-1111-4111-8111-111111111111";
export const ana: UserSummary = { id: "u-ana", name: "Ana", avatarUrl: null };
export const ben: UserSummary = { id: "u-ben", name: "Ben", avatarUrl: null };

export function msg(seq: number, over: Partial<MessageDTO> = {}): MessageDTO {
  return {
    id: `m${seq}`,
    roomId: ROOM,
    seq,
    clientId: `client${String(seq).padStart(4, "0")}`,
    author: ben,
    body: `message ${seq}`,
    createdAt: new Date(2025, 0, 10, 12, 0, seq).toISOString(),
    editedAt: null,
    deleted: false,
    deletedById: null,
    rev: 0,
    reactions: [],
    threadRootId: null,
    alsoInRoom: false,
    thread: null,
    pinned: null,
    mentions: [],
    mentionsRoom: false,
    attachments: [],
    ...over,
  };
}

export function range(from: number, to: number, over: Partial<MessageDTO> = {}): MessageDTO[] {
  const out: MessageDTO[] = [];
  for (let s = from; s <= to; s++) out.push(msg(s, over));
  return out;
}
