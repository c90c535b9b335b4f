/**
 * Reports: anyone who can see a message reports it with a reason; global staff work through
 * the queue (open reports with the surrounding messages) and resolve each with an action
 * (delete the message, mute or ban its author) or dismiss it. Every step is audited.
 */
import type { Runtime } from "../runtime";
import { AppError } from "@/lib/shared/errors";
import {
  ADMIN_PAGE_SIZE,
  ZReportQuery,
  ZReportRequest,
  ZResolveReportRequest,
  type AdminMessageDTO,
  type Paged,
  type ReportDTO,
} from "@/lib/shared/moderation";

import { ZId } from "@/lib/shared/schemas";
import { type Prisma } from "../db";
import { banUser, muteUser, roleOf, type StaffActor } from "./admin-users";
import { recordAudit } from "./audit";
import { isUniqueViolation } from "./errors";
import { deleteMessageById } from "./message-edits";
import { authorize } from "./policy";
import { toUserSummary, userSummarySelect } from "./dto";
import { parseInput } from "./validate";

const NOT_FOUND = () => new AppError("NOT_FOUND", "No such message.");

export const adminMessageSelect = {
  id: true,
  roomId: true,
  seq: true,
  body: true,
  createdAt: true,
  deletedAt: true,
  room: { select: { name: true } },
  author: { select: userSummarySelect },
} as const;
type AdminMessageRow = Prisma.MessageGetPayload<{ select: typeof adminMessageSelect }>;

export function toAdminMessage(m: AdminMessageRow): AdminMessageDTO {
  return {
    id: m.id,
    roomId: m.roomId,
    roomName: m.room.name,
    seq: m.seq,
    author: toUserSummary(m.author),
    body: m.deletedAt ? "" : m.body,
    createdAt: m.createdAt.toISOString(),
    deleted: m.deletedAt !== null,
  };
}

/** Report a message. Private rooms' messages are NOT_FOUND to non-members, like the room itself. */
export async function reportMessage(rt: Runtime, actor: StaffActor, messageId: unknown, input: unknown): Promise<{ id: string }> {
  const { reason } = parseInput(ZReportRequest, input);
  const id = ZId.safeParse(messageId);
  if (!id.success) throw NOT_FOUND();
  const db = rt.db;
  const message = await db.message.findUnique({
    where: { id: id.data },
    select: { id: true, roomId: true, authorId: true, room: { select: { visibility: true, memberships: { where: { userId: actor.id }, select: { role: true } } } } },
  });
  if (!message) throw NOT_FOUND();
  const roomRole = message.room.memberships[0]?.role ?? null;
  if (message.room.visibility === "PRIVATE" && roomRole === null) throw NOT_FOUND();
  authorize("message.report", { globalRole: await roleOf(rt, actor.id), roomRole, isAuthor: message.authorId === actor.id });
  if (message.authorId === actor.id) throw new AppError("BAD_REQUEST", "You cannot report your own message.");
  try {
    const report = await db.report.create({ data: { messageId: message.id, reporterId: actor.id, reason }, select: { id: true } });
    return report;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", "You have already reported this message.");
    throw e;
  }
}

const reportSelect = {
  id: true,
  status: true,
  reason: true,
  createdAt: true,
  resolvedAt: true,
  resolution: true,
  resolvedById: true,
  reporter: { select: userSummarySelect },
  message: { select: adminMessageSelect },
} as const;
type ReportRow = Prisma.ReportGetPayload<{ select: typeof reportSelect }>;

async function toReportDTOs(rt: Runtime, rows: ReportRow[]): Promise<ReportDTO[]> {
  const db = rt.db;
  const resolverIds = [...new Set(rows.map((r) => r.resolvedById).filter((id): id is string => id !== null))];
  const resolvers = resolverIds.length ? await db.user.findMany({ where: { id: { in: resolverIds } }, select: userSummarySelect }) : [];
  const byId = new Map(resolvers.map((u) => [u.id, toUserSummary(u)]));
  return Promise.all(
    rows.map(async (r) => {
      const context = await db.message.findMany({
        where: { roomId: r.message.roomId, seq: { gte: r.message.seq - 3, lte: r.message.seq + 3 } },
        orderBy: { seq: "asc" },
        select: adminMessageSelect,
      });
      return {
        id: r.id,
        status: r.status,
        reason: r.reason,
        createdAt: r.createdAt.toISOString(),
        reporter: toUserSummary(r.reporter),
        message: toAdminMessage(r.message),
        context: context.map(toAdminMessage),
        resolvedBy: r.resolvedById ? (byId.get(r.resolvedById) ?? null) : null,
        resolvedAt: r.resolvedAt?.toISOString() ?? null,
        resolution: r.resolution,
      };
    }),
  );
}

export async function listReports(rt: Runtime, actor: StaffActor, query: unknown): Promise<Paged<ReportDTO>> {
  authorize("report.manage", { globalRole: await roleOf(rt, actor.id), roomRole: null });
  const { status, page } = parseInput(ZReportQuery, query);
  const db = rt.db;
  const where = { status };
  const [total, rows] = await Promise.all([
    db.report.count({ where }),
    db.report.findMany({
      where,
      orderBy: status === "OPEN" ? [{ createdAt: "asc" }, { id: "asc" }] : [{ resolvedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * ADMIN_PAGE_SIZE,
      take: ADMIN_PAGE_SIZE,
      select: reportSelect,
    }),
  ]);
  return { items: await toReportDTOs(rt, rows), page, pageSize: ADMIN_PAGE_SIZE, total };
}

/** Resolve with an action, or dismiss. Other open reports of the same message close with it. */
export async function resolveReport(rt: Runtime, actor: StaffActor, reportId: unknown, input: unknown): Promise<ReportDTO> {
  authorize("report.manage", { globalRole: await roleOf(rt, actor.id), roomRole: null });
  const { action, note, minutes } = parseInput(ZResolveReportRequest, input);
  const id = ZId.safeParse(reportId);
  const db = rt.db;
  const report = id.success ? await db.report.findUnique({ where: { id: id.data }, select: reportSelect }) : null;
  if (!report) throw new AppError("NOT_FOUND", "No such report.");
  if (report.status !== "OPEN") throw new AppError("CONFLICT", "This report is already closed.");
  const reason = note || `Report: ${report.reason}`;
  // The action first (it audits itself); the report is closed only when it succeeded.
  if (action === "delete_message") await deleteMessageById(rt, actor, report.message.id);
  if (action === "mute_author") await muteUser(rt, actor, report.message.author.id, { minutes: minutes ?? 60, reason });
  if (action === "ban_author") await banUser(rt, actor, report.message.author.id, { reason, minutes: minutes ?? null });
  const status = action === "dismiss" ? "DISMISSED" : "RESOLVED";
  await db.$transaction(async (tx) => {
    await tx.report.updateMany({
      where: { messageId: report.message.id, status: "OPEN" },
      data: { status, resolvedById: actor.id, resolvedAt: new Date(), resolution: note ? `${action}: ${note}` : action },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: action === "dismiss" ? "report.dismiss" : "report.resolve",
      targetType: "report",
      targetId: report.id,
      reason: note,
      details: { action, messageId: report.message.id, authorId: report.message.author.id, label: `report on ${report.message.author.name}` },
    });
  });
  const updated = await db.report.findUniqueOrThrow({ where: { id: report.id }, select: reportSelect });
  return (await toReportDTOs(rt, [updated]))[0]!;
}
