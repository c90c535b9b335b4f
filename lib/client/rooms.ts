/** How rooms and DMs are named and ordered in the UI. Pure. */
import type { RoomDTO, UserSummary } from "@/lib/shared/types";

/** A DM's members by name ("Ana, Ben and Cy"), whatever name the group was given. */
export function dmMemberNames(room: Pick<RoomDTO, "dmMembers">, selfId: string, nameOf: (u: UserSummary) => string = (u) => u.name): string {
  return dmOthers(room, selfId).map(nameOf).join(", ");
}

/** The other people of a DM (everyone but the reader). */
export function dmOthers(room: Pick<RoomDTO, "dmMembers">, selfId: string): UserSummary[] {
  return (room.dmMembers ?? []).filter((u) => u.id !== selfId);
}

/**
 * What to call a room: its name, or for a DM the other people's names ("Ana, Ben and 2 more").
 * `nameOf` lets the caller apply live renames.
 */
export function roomTitle(room: Pick<RoomDTO, "kind" | "name" | "dmMembers"> & Partial<Pick<RoomDTO, "dmName">>, selfId: string, nameOf: (u: UserSummary) => string = (u) => u.name): string {
  if (room.kind !== "DM") return room.name;
  if (room.dmName) return room.dmName;
  const names = dmOthers(room, selfId).map(nameOf);
  if (names.length === 0) return "Just you";
  if (names.length <= 3) return names.join(", ");
  return `${names.slice(0, 2).join(", ")} and ${names.length - 2} more`;
}

/** DMs by latest activity, newest first (a DM without messages counts from its creation). */
export function byLatestActivity(a: RoomDTO, b: RoomDTO): number {
  const at = (r: RoomDTO) => Date.parse(r.lastMessageAt ?? r.createdAt);
  return at(b) - at(a);
}

/**
 * A freshly fetched list, except rooms whose copy here is newer (a live message arrived after the
 * server read the list): those keep the live copy, so a slow answer never takes a count back.
 */
export function mergeFetchedRooms(current: RoomDTO[] | null, fetched: RoomDTO[], addedSince: ReadonlySet<string> = new Set()): RoomDTO[] {
  if (!current) return fetched;
  const live = new Map(current.map((r) => [r.id, r]));
  const merged = fetched.map((r) => {
    const mine = live.get(r.id);
    return mine && mine.lastSeq > r.lastSeq ? mine : r;
  });
  // Rooms that arrived live (room:added, our own create or join) after the fetch began are not
  // in its answer yet: keep them.
  const fetchedIds = new Set(fetched.map((r) => r.id));
  for (const r of current) if (addedSince.has(r.id) && !fetchedIds.has(r.id)) merged.push(r);
  return merged;
}
