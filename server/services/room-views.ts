/**
 * Rooms as a caller sees them, with what needs a second query: the participants of DMs
 * (clients title a DM by the other people's names, so renames show without a stored title)
 * and how far each has read ("seen by"), and the caller's unread and mention counts.
 */
import type { Runtime } from "../runtime";
import type { RoomDTO, UserSummary } from "@/lib/shared/types";
import { toRoomDTO, toUserSummary, userSummarySelect, type RoomRow } from "./dto";
import { countsFor } from "./read-state";

type Row = RoomRow & { id: string };

export async function toRoomDTOs(rt: Runtime, rows: readonly Row[]): Promise<RoomDTO[]> {
  const dmIds = rows.filter((r) => r.kind === "DM").map((r) => r.id);
  const byRoom = new Map<string, UserSummary[]>();
  const readsByRoom = new Map<string, Record<string, number>>();
  // The viewer is the same for every row (roomSelectFor selects only their membership).
  const viewer = rows.find((r) => r.memberships[0])?.memberships[0]?.userId;
  const joinedIds = rows.filter((r) => r.memberships.length > 0).map((r) => r.id);
  const [members, counts] = await Promise.all([
    dmIds.length > 0
      ? rt.db.membership.findMany({
          where: { roomId: { in: dmIds } },
          select: { roomId: true, lastReadSeq: true, user: { select: userSummarySelect } },
          orderBy: { joinedAt: "asc" },
        })
      : [],
    viewer ? countsFor(rt, viewer, joinedIds) : new Map<string, never>(),
  ]);
  for (const m of members) {
    let list = byRoom.get(m.roomId);
    if (!list) byRoom.set(m.roomId, (list = []));
    list.push(toUserSummary(m.user));
    let reads = readsByRoom.get(m.roomId);
    if (!reads) readsByRoom.set(m.roomId, (reads = {}));
    reads[m.user.id] = m.lastReadSeq;
  }
  return rows.map((r) => toRoomDTO(r, { dmMembers: byRoom.get(r.id) ?? null, dmReads: readsByRoom.get(r.id) ?? null, counts: counts.get(r.id) ?? null }));
}

export async function toRoomView(rt: Runtime, row: Row): Promise<RoomDTO> {
  const [dto] = await toRoomDTOs(rt, [row]);
  return dto!;
}
