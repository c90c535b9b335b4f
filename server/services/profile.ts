/** Profiles: the display name. A change shows live wherever the user appears (`user:updated`). */
import { ZUpdateProfileRequest } from "@/lib/shared/schemas";
import type { CurrentUser } from "@/lib/shared/types";
import { getDb } from "../db";
import { emitToAudience, renameUserSockets } from "../realtime/audience";
import type { Actor } from "./rooms";
import { roomIdsOf } from "./rooms";
import { parseInput } from "./validate";

export async function updateProfile(actor: Actor, input: unknown): Promise<CurrentUser> {
  const { name } = parseInput(ZUpdateProfileRequest, input);
  const user = await getDb().user.update({ where: { id: actor.id }, data: { name }, select: { id: true, name: true, email: true, role: true } });
  renameUserSockets(user.id, user.name);
  emitToAudience(user.id, await roomIdsOf(user.id), "user:updated", { user: { id: user.id, name: user.name } });
  return user;
}
