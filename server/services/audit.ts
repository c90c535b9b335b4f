/**
 * The audit log: every moderation and admin action, written in the same transaction as the
 * action itself (so there is no action without its entry). Append-only: there is no API to
 * edit or delete entries, and a database trigger refuses UPDATE, DELETE and TRUNCATE.
 */
import type { Runtime } from "../runtime";
import type { AuditEntryDTO, Paged } from "@/lib/shared/moderation";
import { ADMIN_PAGE_SIZE, ZAuditQuery } from "@/lib/shared/moderation";
import { type Prisma } from "../db";
import type { CurrentUser } from "@/lib/shared/types";
import { authorize } from "./policy";
import { toUserSummary, userSummarySelect } from "./dto";
import { parseInput } from "./validate";

export type AuditTarget = "user" | "room" | "message" | "report" | "wordFilter" | "instance" | "invitation";

export interface AuditInput {
  actorId: string;
  action: string;
  targetType: AuditTarget;
  targetId: string;
  reason?: string | null;
  details?: Record<string, unknown>;
}

type Tx = Prisma.TransactionClient;

export async function recordAudit(tx: Tx, e: AuditInput): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actorId: e.actorId,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      reason: e.reason || null,
      details: (e.details ?? undefined) as Prisma.InputJsonValue | undefined,
    },
  });
}

const entrySelect = {
  id: true,
  action: true,
  targetType: true,
  targetId: true,
  reason: true,
  details: true,
  createdAt: true,
  actor: { select: userSummarySelect },
} as const;

type EntryRow = Prisma.AuditEntryGetPayload<{ select: typeof entrySelect }>;

/** Entries as DTOs, with the target's name looked up for users and rooms. */
export async function toAuditDTOs(rt: Runtime, rows: EntryRow[]): Promise<AuditEntryDTO[]> {
  const db = rt.db;
  const uuid = /^[0-9a-f-]{36}$/i;
  const userIds = [...new Set(rows.filter((r) => r.targetType === "user" && uuid.test(r.targetId)).map((r) => r.targetId))];
  const roomIds = [...new Set(rows.filter((r) => r.targetType === "room" && uuid.test(r.targetId)).map((r) => r.targetId))];
  const [users, rooms] = await Promise.all([
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
    roomIds.length ? db.room.findMany({ where: { id: { in: roomIds } }, select: { id: true, name: true } }) : [],
  ]);
  const names = new Map<string, string>([...users.map((u) => [u.id, u.name] as const), ...rooms.map((r) => [r.id, `#${r.name}`] as const)]);
  return rows.map((r) => ({
    id: r.id,
    actor: toUserSummary(r.actor),
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    targetLabel: names.get(r.targetId) ?? (typeof (r.details as Record<string, unknown> | null)?.label === "string" ? String((r.details as Record<string, unknown>).label) : null),
    reason: r.reason,
    details: (r.details as Record<string, unknown> | null) ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** The audit log, newest first, filtered by action (prefix), actor and target. */
export async function listAudit(rt: Runtime, actor: CurrentUser, query: unknown): Promise<Paged<AuditEntryDTO>> {
  authorize("audit.view", { globalRole: actor.role, roomRole: null });
  const q = parseInput(ZAuditQuery, query);
  const where: Prisma.AuditEntryWhereInput = {
    ...(q.action ? { action: { startsWith: q.action } } : {}),
    ...(q.actorId ? { actorId: q.actorId } : {}),
    ...(q.targetId ? { targetId: q.targetId } : {}),
  };
  const db = rt.db;
  const [total, rows] = await Promise.all([
    db.auditEntry.count({ where }),
    db.auditEntry.findMany({ where, orderBy: { createdAt: "desc" }, skip: (q.page - 1) * ADMIN_PAGE_SIZE, take: ADMIN_PAGE_SIZE, select: entrySelect }),
  ]);
  return { items: await toAuditDTOs(rt, rows), page: q.page, pageSize: ADMIN_PAGE_SIZE, total };
}

/** Moderation history of one target (a user's page in the dashboard). */
export async function auditOfTarget(rt: Runtime, targetId: string, take = 50): Promise<AuditEntryDTO[]> {
  const rows = await rt.db.auditEntry.findMany({ where: { targetId }, orderBy: { createdAt: "desc" }, take, select: entrySelect });
  return toAuditDTOs(rt, rows);
}
