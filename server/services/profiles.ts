/**
 * Public profiles: what any signed-in user may see of another (the profile card): name, status,
 * time zone and when they were last seen. Never the email. The browser reports its own IANA
 * time zone (`PUT /api/me/time-zone`) so others can see the person's local time.
 */
import type { Runtime } from "../runtime";
import { AppError } from "@/lib/shared/errors";
import { ZId, ZSetTimeZone } from "@/lib/shared/schemas";
import type { PublicProfile } from "@/lib/shared/types";
import { toUserSummary, userSummarySelect } from "./dto";
import type { Actor } from "./room-access";
import { parseInput } from "./validate";

export async function getPublicProfile(rt: Runtime, _actor: Actor, id: unknown): Promise<PublicProfile> {
  const userId = parseInput(ZId, id);
  const user = await rt.db.user.findUnique({
    where: { id: userId },
    select: { ...userSummarySelect, status: true, timeZone: true, lastSeenAt: true },
  });
  if (!user) throw new AppError("NOT_FOUND", "No such user.");
  return {
    ...toUserSummary(user),
    status: user.status,
    timeZone: user.timeZone,
    lastSeenAt: user.lastSeenAt?.toISOString() ?? null,
  };
}

/** Store the caller's time zone (written only when it changed). */
export async function setTimeZone(rt: Runtime, actor: Actor, input: unknown): Promise<{ timeZone: string }> {
  const { timeZone } = parseInput(ZSetTimeZone, input);
  await rt.db.user.updateMany({ where: { id: actor.id, OR: [{ timeZone: null }, { timeZone: { not: timeZone } }] }, data: { timeZone } });
  return { timeZone };
}
