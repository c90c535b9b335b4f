/**
 * Moderation and admin: input schemas (zod), data shapes and small formatting helpers shared by
 * the server, the dashboard and the chat UI. Kept apart from schemas.ts/types.ts so the
 * moderation contract reads in one place (docs/api.md, "Moderation and admin").
 */
import { z } from "zod";
import { ZId, ZPageParam, ZText } from "./schemas";
import type { GlobalRole, RoomRole, UserSummary } from "./types";

export const REASON_MAX = 500;
/** Longest ban or mute: a year (a ban without duration is permanent). */
export const MAX_DURATION_MINUTES = 365 * 24 * 60;
export const MAX_SLOW_MODE_SECONDS = 6 * 60 * 60;
export const MAX_PURGE_HOURS = 24 * 30;

const ZReason = ZText("multiline").max(REASON_MAX, `must be at most ${REASON_MAX} characters`);
const ZMinutes = z.number().int("must be a whole number of minutes").min(1, "must be at least 1 minute").max(MAX_DURATION_MINUTES, "must be at most a year");

export const ZGlobalRole = z.enum(["ADMIN", "MODERATOR", "MEMBER"]);

export const ZBanRequest = z.object({ reason: ZReason.min(1, "is required"), minutes: ZMinutes.nullable().optional() }).strict();
export const ZMuteRequest = z.object({ minutes: ZMinutes, reason: ZReason.optional() }).strict();
export const ZReasonOnly = z.object({ reason: ZReason.optional() }).strict();
export const ZSetRoleRequest = z.object({ role: ZGlobalRole, reason: ZReason.optional() }).strict();
export const ZPurgeRequest = z
  .object({ hours: z.number().int().min(1, "must be at least 1").max(MAX_PURGE_HOURS, `must be at most ${MAX_PURGE_HOURS}`), reason: ZReason.optional() })
  .strict();
export const ZLockRequest = z.object({ locked: z.boolean(), reason: ZReason.optional() }).strict();
export const ZSlowModeRequest = z
  .object({ seconds: z.number().int().min(0, "must be 0 (off) or more").max(MAX_SLOW_MODE_SECONDS, `must be at most ${MAX_SLOW_MODE_SECONDS}`), reason: ZReason.optional() })
  .strict();

export const ZReportRequest = z.object({ reason: ZReason.min(1, "is required") }).strict();
export const ZReportResolution = z.enum(["dismiss", "delete_message", "mute_author", "ban_author"]);
export const ZResolveReportRequest = z
  .object({ action: ZReportResolution, note: ZReason.optional(), minutes: ZMinutes.optional() })
  .strict();
export type TReportResolution = z.infer<typeof ZReportResolution>;

export const WORD_FILTER_TERM_MAX = 64;
export const WORD_FILTER_MAX_ENTRIES = 500;
/** Letters, digits, spaces, apostrophes and hyphens, with `*` as a wildcard: no regex syntax at all (no ReDoS). */
export const ZWordFilterTerm = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "is required")
  .max(WORD_FILTER_TERM_MAX, `must be at most ${WORD_FILTER_TERM_MAX} characters`)
  .regex(/^[\p{L}\p{N}*' -]+$/u, "may contain letters, digits, spaces, ' and -, and * as a wildcard")
  .refine((t) => /[\p{L}\p{N}]/u.test(t), "must contain a letter or digit")
  .refine((t) => t.split(/[^\p{L}\p{N}*]+/u).every((w) => !/[\p{L}\p{N}]\*+[\p{L}\p{N}]/u.test(w)), "may use * only at the start or end of a word");
export const ZWordFilterRequest = z.object({ term: ZWordFilterTerm, mode: z.enum(["BLOCK", "MASK"]) }).strict();

/** `GET /api/admin/users?q=&page=`: the dashboard's account search, by name or email, paged. */
export const ZAdminUserSearch = z.object({ q: ZText("line").max(100).optional(), page: ZPageParam }).strict();
export const ZRoomSearch = z.object({ q: ZText("line").max(100).optional(), page: ZPageParam }).strict();
export const ZMessageSearch = z
  .object({ q: ZText("line").max(100).optional(), roomId: ZId.optional(), authorId: ZId.optional(), page: ZPageParam })
  .strict();
export const ZReportQuery = z.object({ status: z.enum(["OPEN", "RESOLVED", "DISMISSED"]).default("OPEN"), page: ZPageParam }).strict();
export const ZAuditQuery = z
  .object({
    action: ZText("line").max(64).optional(),
    actorId: ZId.optional(),
    targetId: ZText("line").max(64).optional(),
    page: ZPageParam,
  })
  .strict();

export const ADMIN_PAGE_SIZE = 25;

// ---- shapes ---------------------------------------------------------------------------------

export interface MuteInfo {
  scope: "global" | "room";
  /** ISO time the mute ends. */
  until: string;
  reason: string | null;
}

export interface BanInfo {
  reason: string;
  /** ISO, or null when permanent. */
  until: string | null;
  at: string;
}

/** What the composer needs to know about a room: `GET /api/rooms/{id}/moderation`. */
export interface RoomModerationState {
  roomId: string;
  locked: boolean;
  slowModeSeconds: number;
  /** The caller is exempt from lock and slow mode (room owner/moderator, global staff). */
  exempt: boolean;
  /** The caller may lock, set slow mode, mute and remove members here. */
  canModerate: boolean;
  /** The caller's active mute (global first), or null. */
  mute: MuteInfo | null;
}

export interface AdminUserDTO {
  id: string;
  name: string;
  email: string;
  role: GlobalRole;
  createdAt: string;
  ban: BanInfo | null;
  mute: MuteInfo | null;
  messageCount?: number;
}

export interface AdminUserDetail {
  user: AdminUserDTO;
  rooms: { id: string; name: string; role: RoomRole }[];
  recentMessages: { id: string; roomId: string; roomName: string; body: string; createdAt: string; deleted: boolean }[];
  history: AuditEntryDTO[];
  /** Whether the user signs in with a second factor (docs/two-factor.md). */
  twoFactorEnabled: boolean;
  /** The account side (docs/accounts.md): when the email was confirmed (null: not yet). */
  emailVerifiedAt: string | null;
  /** Single sign-on identities linked to the account. */
  identities: { provider: string; email: string; lastUsedAt: string | null }[];
  /** Its sessions that are neither revoked nor expired, newest use first (at most 20). */
  sessions: { userAgent: string; ip: string; createdAt: string; lastActiveAt: string }[];
  /** The invitation the account was made from, if any. */
  invitedBy: { name: string; at: string } | null;
}

export interface AdminRoomDTO {
  id: string;
  name: string;
  slug: string;
  visibility: "PUBLIC" | "PRIVATE";
  memberCount: number;
  lastSeq: number;
  locked: boolean;
  slowModeSeconds: number;
  archived: boolean;
  createdAt: string;
}

export interface AdminMemberDTO {
  user: UserSummary & { role: GlobalRole };
  role: RoomRole;
  joinedAt: string;
  mute: MuteInfo | null;
}

export interface AdminMessageDTO {
  id: string;
  roomId: string;
  roomName: string;
  seq: number;
  author: UserSummary;
  body: string;
  createdAt: string;
  deleted: boolean;
}

export interface ReportDTO {
  id: string;
  status: "OPEN" | "RESOLVED" | "DISMISSED";
  reason: string;
  createdAt: string;
  reporter: UserSummary;
  message: AdminMessageDTO;
  /** Up to 3 messages before and after, oldest first (the reported one included). */
  context: AdminMessageDTO[];
  resolvedBy: UserSummary | null;
  resolvedAt: string | null;
  resolution: string | null;
}

export interface WordFilterDTO {
  id: string;
  term: string;
  mode: "BLOCK" | "MASK";
  createdAt: string;
}

export interface AuditEntryDTO {
  id: string;
  actor: UserSummary;
  action: string;
  targetType: string;
  targetId: string;
  /** A readable name of the target when known (user or room name). */
  targetLabel: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
  createdAt: string;
}

export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface AdminOverview {
  usersOnline: number;
  socketsConnected: number;
  instances: number;
  messagesLastMinute: number;
  /** Messages per minute over the last 60 minutes, oldest first (60 numbers). */
  perMinute: number[];
  busiestRooms: { roomId: string; name: string; messages: number }[];
  openReports: number;
  at: string;
}

// ---- events -----------------------------------------------------------------------------------

/** Sent to `user:<id>` just before the user's sockets are disconnected. */
export interface SessionEnded {
  reason: "banned" | "signed_out";
  message: string;
  ban: BanInfo | null;
}

// ---- formatting -------------------------------------------------------------------------------

/** A date for people, the same on server and browser (UTC, minute precision). */
export function formatUntil(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

export function banMessage(ban: { reason: string; until: string | null }): string {
  return `Your account is banned${ban.until ? ` until ${formatUntil(ban.until)}` : ""}. Reason: ${ban.reason}`;
}

export function muteMessage(mute: MuteInfo): string {
  const where = mute.scope === "room" ? " in this room" : "";
  return `You are muted${where} until ${formatUntil(mute.until)}${mute.reason ? `. Reason: ${mute.reason}` : ""}.`;
}

/**
 * The sign-in page's `?error=` value for a ban: next-auth passes the error thrown by the
 * credentials provider through the URL, and the session-ended redirect uses the same format.
 */
export function banErrorCode(ban: { reason: string; until: string | null }): string {
  return `BANNED|${ban.until ?? ""}|${ban.reason}`;
}

export function parseBanErrorCode(code: string): { reason: string; until: string | null } | null {
  if (!code.startsWith("BANNED|")) return null;
  const rest = code.slice("BANNED|".length);
  const bar = rest.indexOf("|");
  if (bar < 0) return null;
  const until = rest.slice(0, bar);
  return { until: until || null, reason: rest.slice(bar + 1) };
}

export const ZAdminSubscribe = z.object({}).strict();
