/**
 * Direct messages: rooms of kind DM, private, with a fixed set of 2 to 9 people. The same set
 * of people always gets the same DM (find-or-create): `dmKey`, the sorted member ids, is
 * unique, so two people opening it at once get one room (the loser of the race re-reads).
 */
import type { Runtime } from "../runtime";
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/shared/errors";
import { ZOpenDm } from "@/lib/shared/schemas";
import type { RoomDTO } from "@/lib/shared/types";
import { roomSelectFor } from "./dto";
import { isUniqueViolation } from "./errors";
import { toRoomView } from "./room-views";
import type { Actor } from "./room-access";
import { parseInput } from "./validate";

export function dmKeyOf(userIds: readonly string[]): string {
  return [...new Set(userIds)].sort().join(":");
}

async function findByKey(rt: Runtime, actor: Actor, dmKey: string): Promise<RoomDTO | null> {
  const row = await rt.db.room.findUnique({ where: { dmKey }, select: roomSelectFor(actor.id) });
  return row ? toRoomView(rt, row) : null;
}

/** Open (find or create) the DM between the caller and `userIds`. `created` says whether it is new. */
export async function openDm(rt: Runtime, actor: Actor, input: unknown): Promise<{ room: RoomDTO; created: boolean }> {
  const { userIds } = parseInput(ZOpenDm, input);
  const others = [...new Set(userIds)].filter((id) => id !== actor.id);
  if (others.length === 0) throw new AppError("VALIDATION_FAILED", "Name at least one other person.", { fieldErrors: { userIds: ["name at least one other person"] } });
  const db = rt.db;
  const found = await db.user.findMany({ where: { id: { in: others } }, select: { id: true } });
  if (found.length !== others.length) throw new AppError("NOT_FOUND", "No such user.");
  const people = [actor.id, ...others];
  const dmKey = dmKeyOf(people);

  const existing = await findByKey(rt, actor, dmKey);
  if (existing) return { room: existing, created: false };
  // Group DMs land in every member's sidebar: their creation is limited (limits-table.ts).
  if (others.length > 1) await rt.limits.consume("dm.group:user", actor.id);
  try {
    const row = await db.room.create({
      data: {
        slug: `dm-${randomUUID()}`,
        name: "Direct message",
        kind: "DM",
        visibility: "PRIVATE",
        dmKey,
        creatorId: actor.id,
        memberships: { create: people.map((userId) => ({ userId, role: "MEMBER" as const })) },
      },
      select: roomSelectFor(actor.id),
    });
    const room = await toRoomView(rt, row);
    // Live for everyone in it: their sockets subscribe, their sidebars gain the DM.
    for (const userId of people) {
      rt.broadcast.subscribeUser(userId, room.id, true);
      rt.broadcast.toUser(userId, "room:added", { room });
    }
    return { room, created: true };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const raced = await findByKey(rt, actor, dmKey);
    if (raced) return { room: raced, created: false };
    throw e;
  }
}
