/** Finding people: the user search behind "new message" and "invite". Never exposes emails. */
import { ZPeopleSearch } from "@/lib/shared/schemas";
import type { UserStatus, UserSummary } from "@/lib/shared/types";
import { getDb } from "../db";
import type { Actor } from "./rooms";
import { parseInput } from "./validate";

export interface PersonDTO extends UserSummary {
  status: UserStatus;
}

/** People whose name contains `q` (case-insensitive), the caller excluded, by name. */
export async function searchUsers(actor: Actor, query: unknown): Promise<PersonDTO[]> {
  const { q, limit } = parseInput(ZPeopleSearch, query);
  const rows = await getDb().user.findMany({
    where: { id: { not: actor.id }, ...(q ? { name: { contains: q, mode: "insensitive" as const } } : {}) },
    select: { id: true, name: true, status: true },
    orderBy: { name: "asc" },
    take: limit,
  });
  return rows;
}
