/**
 * Rooms as a caller sees them, with what needs a second query: the participants of DMs
 * (clients title a DM by the other people's names, so renames show without a stored title).
 */
import type { RoomDTO, UserSummary } from "@/lib/shared/types";
import { getDb } from "../db";
import { toRoomDTO, type RoomRow } from "./dto";

type Row = RoomRow & { id: string };

export async function toRoomDTOs(rows: readonly Row[]): Promise<RoomDTO[]> {
  const dmIds = rows.filter((r) => r.kind === "DM").map((r) => r.id);
  const byRoom = new Map<string, UserSummary[]>();
  if (dmIds.length > 0) {
    const members = await getDb().membership.findMany({
      where: { roomId: { in: dmIds } },
      select: { roomId: true, user: { select: { id: true, name: true } } },
      orderBy: { joinedAt: "asc" },
    });
    for (const m of members) {
      let list = byRoom.get(m.roomId);
      if (!list) byRoom.set(m.roomId, (list = []));
      list.push({ id: m.user.id, name: m.user.name });
    }
  }
  return rows.map((r) => toRoomDTO(r, byRoom.get(r.id) ?? null));
}

export async function toRoomView(row: Row): Promise<RoomDTO> {
  const [dto] = await toRoomDTOs([row]);
  return dto!;
}
