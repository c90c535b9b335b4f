/** Unread and mention counts of the room list, kept live from socket events. Pure. */
import type { MessageDTO, ReadState, RoomDTO } from "@/lib/shared/types";
import { UNREAD_COUNT_CAP } from "@/lib/shared/types";
import { isThreadOnly } from "./timeline";

/** The server's read state for one of our rooms (another tab read it, or we muted it). */
export function applyReadState(rooms: readonly RoomDTO[], state: { roomId: string } & ReadState): RoomDTO[] {
  return rooms.map((r) => {
    if (r.id !== state.roomId || !r.membership) return r;
    // Counts are authoritative at the position they describe; never move our position back.
    if (state.lastReadSeq < r.membership.lastReadSeq) return { ...r, membership: { ...r.membership, notificationsMuted: state.notificationsMuted } };
    const { roomId: _roomId, ...rest } = state;
    return { ...r, membership: { ...r.membership, ...rest } };
  });
}

/** A new message by someone else, after our read position and in the main timeline, is one more unread. */
export function countsNewMessage(room: RoomDTO, message: MessageDTO, selfId: string): boolean {
  return room.membership !== null && message.author.id !== selfId && message.seq > room.membership.lastReadSeq && !isThreadOnly(message) && !message.deleted;
}

/** A `mention:new` for us counts once, only after our read position (not our own @room). */
export function countsMention(room: RoomDTO, message: MessageDTO, selfId: string): boolean {
  return room.membership !== null && message.author.id !== selfId && message.seq > room.membership.lastReadSeq;
}

export function bump(room: RoomDTO, field: "unreadCount" | "mentionCount"): RoomDTO {
  if (!room.membership) return room;
  return { ...room, membership: { ...room.membership, [field]: Math.min(room.membership[field] + 1, UNREAD_COUNT_CAP) } };
}

/** What the document title counts: unread messages in rooms and DMs that are not muted. */
export function unreadTotal(rooms: readonly RoomDTO[]): number {
  return rooms.reduce((sum, r) => sum + (r.membership && !r.membership.notificationsMuted && !r.archived ? r.membership.unreadCount : 0), 0);
}

/** "3", or "999+" at the cap. */
export function countLabel(n: number): string {
  return n >= UNREAD_COUNT_CAP ? `${UNREAD_COUNT_CAP - 1}+` : String(n);
}

/** "(3) Parley — #general": the unread total first, when there is one. */
export function titleWithUnread(base: string, total: number): string {
  return total > 0 ? `(${countLabel(total)}) ${base}` : base;
}
