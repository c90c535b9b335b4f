/**
 * Where `/chat` opens: the room the user last opened (remembered by the browser, checked here),
 * else #general, else their first room; null when they are in none (the welcome page).
 */
import type { Runtime } from "../runtime";
import { ZId } from "@/lib/shared/schemas";
import type { Actor } from "./room-access";
import { DEFAULT_ROOM_SLUG } from "./users";

export async function landingRoomId(rt: Runtime, actor: Actor, lastRoomId: string | undefined): Promise<string | null> {
  const last = ZId.safeParse(lastRoomId);
  const rows = await rt.db.membership.findMany({
    where: { userId: actor.id, room: { archivedAt: null, OR: [...(last.success ? [{ id: last.data }] : []), { slug: DEFAULT_ROOM_SLUG }] } },
    select: { roomId: true, room: { select: { slug: true } } },
  });
  const remembered = rows.find((r) => last.success && r.roomId === last.data);
  if (remembered) return remembered.roomId;
  const general = rows.find((r) => r.room.slug === DEFAULT_ROOM_SLUG);
  if (general) return general.roomId;
  // The first room joined, rooms before DMs.
  const first = await rt.db.membership.findFirst({
    where: { userId: actor.id, room: { archivedAt: null } },
    orderBy: [{ room: { kind: "asc" } }, { joinedAt: "asc" }],
    select: { roomId: true },
  });
  return first?.roomId ?? null;
}
