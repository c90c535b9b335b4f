/**
 * What the chat pages render with the HTML (server components), so a cold load shows the
 * sidebar and the newest messages without waiting for hydration and then two round trips:
 * the same service calls, access checks and DTOs as `GET /api/rooms`, `GET /api/rooms/{id}` and
 * `GET /api/rooms/{id}/messages` (the client store takes them as if it had fetched them).
 */
import type { Runtime } from "../runtime";
import { isAppError } from "@/lib/shared/errors";
import { ROOM_PAGE_MAX } from "@/lib/shared/schemas";
import type { RoomDTO, RoomFirstPaint } from "@/lib/shared/types";
import { getHistory } from "./messages";
import type { Actor } from "./room-access";
import { getRoom, listMyRooms } from "./rooms";
import { refuseBanned } from "./send-guard";

/**
 * Every room and DM the actor belongs to (all pages of `GET /api/rooms`); null where the REST
 * call would be refused (a ban): the client then fetches and shows the refusal as before.
 */
export async function allMyRooms(rt: Runtime, actor: Actor): Promise<RoomDTO[] | null> {
  try {
    await refuseBanned(rt, actor.id);
    const rooms: RoomDTO[] = [];
    let cursor: string | null = null;
    do {
      const page = await listMyRooms(rt, actor, { limit: ROOM_PAGE_MAX, ...(cursor ? { cursor } : {}) });
      rooms.push(...page.rooms);
      cursor = page.nextCursor;
    } while (cursor);
    return rooms;
  } catch (e) {
    if (isAppError(e)) return null;
    throw e;
  }
}

export async function roomFirstPaint(rt: Runtime, actor: Actor, roomId: string): Promise<RoomFirstPaint> {
  try {
    await refuseBanned(rt, actor.id);
    // In parallel: the history's own access check refuses what the room's refuses.
    const [room, page] = await Promise.allSettled([getRoom(rt, actor, roomId), getHistory(rt, actor, roomId, {})]);
    if (room.status === "rejected") throw room.reason;
    return { room: room.value, page: room.value.membership && page.status === "fulfilled" ? page.value : null };
  } catch (e) {
    if (isAppError(e)) return { error: { code: e.code, message: e.message } };
    throw e;
  }
}
