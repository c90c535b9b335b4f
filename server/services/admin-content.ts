/**
 * Dashboard views of rooms and messages, and the bulk removal of a user's recent messages:
 * one UPDATE that soft-deletes them all (bumping rev, marking the moderator as the deleter),
 * then one `message:updated` per message so every open room shows "removed by a moderator".
 */
import type { Runtime } from "../runtime";
import { AppError } from "@/lib/shared/errors";
import {
  ADMIN_PAGE_SIZE,
  ZMessageSearch,
  ZPurgeRequest,
  ZRoomSearch,
  type AdminMemberDTO,
  type AdminMessageDTO,
  type AdminRoomDTO,
  type Paged,
} from "@/lib/shared/moderation";

import { ZId } from "@/lib/shared/schemas";
import { type Prisma } from "../db";
import { activeMute, roleOf, type StaffActor } from "./admin-users";
import { recordAudit } from "./audit";
import { messageSelect, toMessageDTO } from "./dto";
import { authorize, authorizeOver } from "./policy";
import { adminMessageSelect, toAdminMessage } from "./reports";
import { toUserSummary, userSummarySelect } from "./dto";
import { parseInput } from "./validate";

const roomAdminSelect = {
  id: true,
  name: true,
  slug: true,
  visibility: true,
  lastSeq: true,
  locked: true,
  slowModeSeconds: true,
  archivedAt: true,
  createdAt: true,
  _count: { select: { memberships: true } },
} as const;
type RoomAdminRow = Prisma.RoomGetPayload<{ select: typeof roomAdminSelect }>;

function toAdminRoom(r: RoomAdminRow): AdminRoomDTO {
  return {
    id: r.id,
    name: r.name,
    slug: r.slug,
    visibility: r.visibility,
    memberCount: r._count.memberships,
    lastSeq: r.lastSeq,
    locked: r.locked,
    slowModeSeconds: r.slowModeSeconds,
    archived: r.archivedAt !== null,
    createdAt: r.createdAt.toISOString(),
  };
}

async function staff(rt: Runtime, actor: StaffActor) {
  authorize("admin.access", { globalRole: await roleOf(rt, actor.id), roomRole: null });
}

export async function searchRooms(rt: Runtime, actor: StaffActor, query: unknown): Promise<Paged<AdminRoomDTO>> {
  await staff(rt, actor);
  const { q, page } = parseInput(ZRoomSearch, query);
  // DMs are conversations, not rooms to moderate from here.
  const where: Prisma.RoomWhereInput = { kind: "ROOM", ...(q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { slug: { contains: q, mode: "insensitive" } }] } : {}) };
  const db = rt.db;
  const [total, rows] = await Promise.all([
    db.room.count({ where }),
    db.room.findMany({ where, orderBy: [{ lastSeq: "desc" }, { id: "asc" }], skip: (page - 1) * ADMIN_PAGE_SIZE, take: ADMIN_PAGE_SIZE, select: roomAdminSelect }),
  ]);
  return { items: rows.map(toAdminRoom), page, pageSize: ADMIN_PAGE_SIZE, total };
}

export async function getRoomDetail(rt: Runtime, actor: StaffActor, roomId: unknown): Promise<{ room: AdminRoomDTO; members: AdminMemberDTO[] }> {
  await staff(rt, actor);
  const id = ZId.safeParse(roomId);
  const db = rt.db;
  const room = id.success ? await db.room.findUnique({ where: { id: id.data }, select: roomAdminSelect }) : null;
  if (!room) throw new AppError("NOT_FOUND", "No such room.");
  const members = await db.membership.findMany({
    where: { roomId: room.id },
    orderBy: { joinedAt: "asc" },
    take: 1000,
    select: { role: true, joinedAt: true, mutedUntil: true, muteReason: true, user: { select: { ...userSummarySelect, role: true } } },
  });
  return {
    room: toAdminRoom(room),
    members: members.map((m) => ({ user: { ...toUserSummary(m.user), role: m.user.role }, role: m.role, joinedAt: m.joinedAt.toISOString(), mute: activeMute(m, "room") })),
  };
}

export async function searchMessages(rt: Runtime, actor: StaffActor, query: unknown): Promise<Paged<AdminMessageDTO>> {
  await staff(rt, actor);
  const { q, roomId, authorId, page } = parseInput(ZMessageSearch, query);
  const filters: Prisma.MessageWhereInput = {
    ...(q ? { body: { contains: q, mode: "insensitive" } } : {}),
    ...(roomId ? { roomId } : {}),
    ...(authorId ? { authorId } : {}),
  };
  const readPrivate = rt.env.STAFF_READ_PRIVATE;
  const where: Prisma.MessageWhereInput = readPrivate ? filters : { AND: [filters, { OR: [{ room: OPEN_ROOM }, { room: memberOf(actor.id) }] }] };
  const db = rt.db;
  const [total, rows] = await Promise.all([
    db.message.count({ where }),
    db.message.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * ADMIN_PAGE_SIZE, take: ADMIN_PAGE_SIZE, select: adminMessageSelect }),
  ]);
  if (readPrivate) await auditPrivateReads(rt, actor, rows, { q, roomId, authorId });
  return { items: rows.map(toAdminMessage), page, pageSize: ADMIN_PAGE_SIZE, total };
}

/** A public room (not a DM): what staff read from the dashboard without STAFF_READ_PRIVATE. */
const OPEN_ROOM: Prisma.RoomWhereInput = { kind: "ROOM", visibility: "PUBLIC" };
const memberOf = (userId: string): Prisma.RoomWhereInput => ({ memberships: { some: { userId } } });

/**
 * With STAFF_READ_PRIVATE on: an audit entry (`staff.readPrivate`, target the room) for each DM
 * or private room the reader is not in whose messages a search showed.
 */
async function auditPrivateReads(rt: Runtime, actor: StaffActor, rows: { roomId: string }[], query: Record<string, string | undefined>): Promise<void> {
  if (rows.length === 0) return;
  const roomIds = [...new Set(rows.map((r) => r.roomId))];
  const closed = await rt.db.room.findMany({ where: { id: { in: roomIds }, NOT: OPEN_ROOM, memberships: { none: { userId: actor.id } } }, select: { id: true, kind: true } });
  if (closed.length === 0) return;
  await rt.db.$transaction(async (tx) => {
    for (const room of closed) {
      const messages = rows.filter((r) => r.roomId === room.id).length;
      await recordAudit(tx, { actorId: actor.id, action: "staff.readPrivate", targetType: "room", targetId: room.id, details: { kind: room.kind, messages, query } });
    }
  });
}

/** Remove everything a user wrote in the last N hours, in one statement, then tell every room. */
export async function purgeUserMessages(rt: Runtime, actor: StaffActor, userId: unknown, input: unknown): Promise<{ removed: number }> {
  const { hours, reason } = parseInput(ZPurgeRequest, input);
  const id = ZId.safeParse(userId);
  const db = rt.db;
  const target = id.success ? await db.user.findUnique({ where: { id: id.data }, select: { id: true, role: true, name: true } }) : null;
  if (!target) throw new AppError("NOT_FOUND", "No such user.");
  authorizeOver("user.purgeMessages", { globalRole: await roleOf(rt, actor.id), roomRole: null }, { globalRole: target.role }, "You can only remove messages of people below your own role.");
  const since = new Date(Date.now() - hours * 3_600_000);
  const ids = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Message" SET "body" = '', "deletedAt" = now(), "deletedById" = ${actor.id}::uuid, "rev" = "rev" + 1
      WHERE "authorId" = ${target.id}::uuid AND "createdAt" >= ${since} AND "deletedAt" IS NULL
      RETURNING "id"`;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.purgeMessages",
      targetType: "user",
      targetId: target.id,
      reason,
      details: { hours, removed: rows.length },
    });
    return rows.map((r) => r.id);
  });
  // After commit: the full new copies, broadcast to their rooms (clients keep the highest rev).
  for (let i = 0; i < ids.length; i += 500) {
    const copies = await db.message.findMany({ where: { id: { in: ids.slice(i, i + 500) } }, select: messageSelect });
    for (const m of copies) rt.broadcast.toRoom(m.roomId, "message:updated", toMessageDTO(m));
  }
  return { removed: ids.length };
}
