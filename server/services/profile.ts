/** Profiles: the display name. A change shows live wherever the user appears (`user:updated`). */
import type { Runtime } from "../runtime";
import { ZUpdateProfileRequest } from "@/lib/shared/schemas";
import type { CurrentUser } from "@/lib/shared/types";
import type { Actor } from "./room-access";
import { roomIdsOf } from "./rooms";
import { parseInput } from "./validate";

export async function updateProfile(rt: Runtime, actor: Actor, input: unknown): Promise<CurrentUser> {
  const { name } = parseInput(ZUpdateProfileRequest, input);
  const user = await rt.db.user.update({ where: { id: actor.id }, data: { name }, select: { id: true, name: true, email: true, role: true } });
  rt.broadcast.renameUser(user.id, user.name);
  rt.broadcast.toAudience(user.id, await roomIdsOf(rt, user.id), "user:updated", { user: { id: user.id, name: user.name } });
  return user;
}
