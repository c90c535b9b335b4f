/**
 * Status: online, away (set by the browser after 5 idle minutes) or do not disturb (chosen).
 * Whether a user is connected at all is presence (server/realtime/presence.ts); this is what
 * they show while connected. Kept in the database (User.status), so every instance reads the
 * same value; each change is announced to everyone who sees the user (`user:status`).
 */
import type { Runtime } from "../runtime";
import { ZSetStatus } from "@/lib/shared/schemas";
import type { UserStatus } from "@/lib/shared/types";
import type { Actor } from "./room-access";
import { roomIdsOf } from "./rooms";
import { parseInput } from "./validate";

export async function setStatus(rt: Runtime, actor: Actor, input: unknown): Promise<{ status: UserStatus }> {
  const { status } = parseInput(ZSetStatus, input);
  // Only a real change is written and announced (idle detection may repeat itself).
  const { count } = await rt.db.user.updateMany({ where: { id: actor.id, status: { not: status } }, data: { status } });
  if (count > 0) rt.broadcast.toAudience(actor.id, await roomIdsOf(rt, actor.id), "user:status", { userId: actor.id, status });
  return { status };
}

export async function getStatus(rt: Runtime, actor: Actor): Promise<UserStatus> {
  const user = await rt.db.user.findUnique({ where: { id: actor.id }, select: { status: true } });
  return user?.status ?? "ONLINE";
}
