/** Profiles: the display name. A change shows live wherever the user appears (`user:updated`). */
import type { Runtime } from "../runtime";
import { ZUpdateProfileRequest } from "@/lib/shared/schemas";
import type { CurrentUser } from "@/lib/shared/types";
import type { Actor } from "./room-access";
import { toUserSummary, userSummarySelect } from "./dto";
import { roomIdsOf } from "./rooms";
import { parseInput } from "./validate";

export async function updateProfile(rt: Runtime, actor: Actor, input: unknown): Promise<CurrentUser> {
  const { name } = parseInput(ZUpdateProfileRequest, input);
  const row = await rt.db.user.update({ where: { id: actor.id }, data: { name }, select: { ...userSummarySelect, email: true, role: true } });
  const user = toUserSummary(row);
  rt.broadcast.refreshUser(user);
  rt.broadcast.toAudience(user.id, await roomIdsOf(rt, user.id), "user:updated", { user });
  return { ...user, email: row.email, role: row.role };
}
