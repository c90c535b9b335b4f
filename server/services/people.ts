/** Finding people: the user search behind "new message" and "invite". Never exposes emails. */
import type { Runtime } from "../runtime";
import { ZPeopleSearch } from "@/lib/shared/schemas";
import type { UserStatus, UserSummary } from "@/lib/shared/types";
import type { Actor } from "./room-access";
import { toUserSummary, userSummarySelect } from "./dto";
import { parseInput } from "./validate";

export interface PersonDTO extends UserSummary {
  status: UserStatus;
}

/** People whose name contains `q` (case-insensitive), the caller excluded, by name. */
export async function searchUsers(rt: Runtime, actor: Actor, query: unknown): Promise<PersonDTO[]> {
  const { q, limit } = parseInput(ZPeopleSearch, query);
  const rows = await rt.db.user.findMany({
    where: { id: { not: actor.id }, ...(q ? { name: { contains: q, mode: "insensitive" as const } } : {}) },
    select: { ...userSummarySelect, status: true },
    orderBy: { name: "asc" },
    take: limit,
  });
  return rows.map((r) => ({ ...toUserSummary(r), status: r.status }));
}
