/** Database rows to the DTOs of lib/shared/types. */
import type { AttachmentDTO, MemberDTO, MessageDTO, ReactionDTO, ReadState, RoomDTO, RoomSettingsDTO, ThreadSummary, UserSummary } from "@/lib/shared/types";
import type { RoomKind, RoomRole, RoomVisibility, UserStatus } from "../generated/prisma/enums";

/** The columns behind a UserSummary: select this wherever a person is shown. */
export const userSummarySelect = { id: true, name: true, avatarUpdatedAt: true } as const;

export interface UserSummaryRow {
  id: string;
  name: string;
  avatarUpdatedAt: Date | null;
}

/** The version a picture's URL names: when it was set. */
export const avatarVersion = (updatedAt: Date) => updatedAt.getTime().toString(36);

/** A picture's URL names its version, so browsers may cache it for good. */
export function avatarUrl(userId: string, updatedAt: Date | null): string | null {
  return updatedAt ? `/api/users/${userId}/avatar?v=${avatarVersion(updatedAt)}` : null;
}

export function toUserSummary(u: UserSummaryRow): UserSummary {
  return { id: u.id, name: u.name, avatarUrl: avatarUrl(u.id, u.avatarUpdatedAt) };
}

export interface MessageRow {
  id: string;
  roomId: string;
  seq: number;
  clientId: string;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  deletedById: string | null;
  rev: number;
  author: UserSummaryRow;
  threadRootId: string | null;
  alsoInRoom: boolean;
  replyCount: number;
  lastReplyAt: Date | null;
  /** Stored JSON, `[{ id, name, avatarAt }]` (avatarAt: when the picture was set, ms, or null), newest first (kept by the message writer). */
  latestRepliers: unknown;
  reactions: { emoji: string; user: UserSummaryRow }[];
  pinnedAt: Date | null;
  pinnedBy: UserSummaryRow | null;
  mentionsRoom: boolean;
  /** Members named in the body (rows reached only through `@room` are left out by the select). */
  mentions: { userId: string; label?: string | null; user?: { name: string } }[];
  attachments: AttachmentRow[];
}

export type AttachmentRow = Omit<AttachmentDTO, "url" | "thumbUrl"> & { hasThumb: boolean };

export const attachmentSelect = { id: true, name: true, mime: true, size: true, width: true, height: true, hasThumb: true } as const;

export function toAttachmentDTO(a: AttachmentRow): AttachmentDTO {
  return {
    id: a.id,
    name: a.name,
    mime: a.mime,
    size: a.size,
    width: a.width,
    height: a.height,
    url: `/api/attachments/${a.id}`,
    thumbUrl: a.hasThumb ? `/api/attachments/${a.id}/thumb` : null,
  };
}

/** How many latest distinct repliers a thread summary names. */
export const REPLIERS_SHOWN = 3;

export const messageSelect = {
  id: true,
  roomId: true,
  seq: true,
  clientId: true,
  body: true,
  createdAt: true,
  editedAt: true,
  deletedAt: true,
  deletedById: true,
  rev: true,
  author: { select: userSummarySelect },
  threadRootId: true,
  alsoInRoom: true,
  replyCount: true,
  lastReplyAt: true,
  latestRepliers: true,
  reactions: { select: { emoji: true, user: { select: userSummarySelect } }, orderBy: { createdAt: "asc" } },
  pinnedAt: true,
  pinnedBy: { select: userSummarySelect },
  mentionsRoom: true,
  mentions: { where: { viaRoom: false }, select: { userId: true, label: true, user: { select: { name: true } } } },
  // uuidv7 ids: upload order.
  attachments: { select: attachmentSelect, orderBy: { id: "asc" } },
} as const;

/** Group reaction rows by emoji, in the order each emoji was first used. */
export function toReactionDTOs(rows: MessageRow["reactions"]): ReactionDTO[] {
  const byEmoji = new Map<string, ReactionDTO>();
  for (const r of rows) {
    let entry = byEmoji.get(r.emoji);
    if (!entry) byEmoji.set(r.emoji, (entry = { emoji: r.emoji, count: 0, users: [] }));
    entry.count += 1;
    entry.users.push(toUserSummary(r.user));
  }
  return [...byEmoji.values()];
}

function isStoredReplier(v: unknown): v is { id: string; name: string; avatarUrl?: unknown; avatarAt?: unknown } {
  return typeof v === "object" && v !== null && typeof (v as UserSummary).id === "string" && typeof (v as UserSummary).name === "string";
}

function toThreadSummary(m: MessageRow): ThreadSummary | null {
  if (m.replyCount === 0) return null;
  const stored = Array.isArray(m.latestRepliers) ? (m.latestRepliers as unknown[]) : [];
  const repliers = stored
    .filter(isStoredReplier)
    .slice(0, REPLIERS_SHOWN)
    // The writer stores when each replier's picture was set ("avatarAt", ms, null: none); rows
    // stored before pictures were carried have neither (shown as initials).
    .map((u) => ({ id: u.id, name: u.name, avatarUrl: typeof u.avatarAt === "number" ? avatarUrl(u.id, new Date(u.avatarAt)) : typeof u.avatarUrl === "string" ? u.avatarUrl : null }));
  return { replyCount: m.replyCount, lastReplyAt: m.lastReplyAt?.toISOString() ?? null, latestRepliers: repliers };
}

export function toMessageDTO(m: MessageRow): MessageDTO {
  const deleted = m.deletedAt !== null;
  return {
    id: m.id,
    roomId: m.roomId,
    seq: m.seq,
    clientId: m.clientId,
    author: toUserSummary(m.author),
    body: deleted ? "" : m.body,
    createdAt: m.createdAt.toISOString(),
    editedAt: m.editedAt?.toISOString() ?? null,
    deleted,
    deletedById: deleted ? m.deletedById : null,
    rev: m.rev,
    reactions: deleted ? [] : toReactionDTOs(m.reactions),
    threadRootId: m.threadRootId,
    alsoInRoom: m.alsoInRoom,
    thread: toThreadSummary(m),
    pinned: m.pinnedAt && !deleted ? { at: m.pinnedAt.toISOString(), by: m.pinnedBy ? toUserSummary(m.pinnedBy) : null } : null,
    mentions: deleted ? [] : m.mentions.map((x) => x.userId),
    mentioned: deleted ? [] : m.mentions.map((x) => ({ id: x.userId, name: x.user?.name ?? x.label ?? "", label: x.label ?? null })),
    mentionsRoom: !deleted && m.mentionsRoom,
    attachments: deleted ? [] : m.attachments.map(toAttachmentDTO),
  };
}

export interface RoomRow {
  id: string;
  slug: string;
  name: string;
  topic: string | null;
  visibility: RoomVisibility;
  lastSeq: number;
  createdAt: Date;
  _count: { memberships: number };
  memberships: { userId: string; role: RoomRole; lastReadSeq: number; joinedAt: Date; notificationsMuted: boolean }[];
  kind: RoomKind;
  dmName: string | null;
  lastMessageAt: Date | null;
  archivedAt: Date | null;
}

/** Select for a room as seen by `userId` (their membership, if any, and the member count). */
export function roomSelectFor(userId: string) {
  return {
    id: true,
    slug: true,
    name: true,
    topic: true,
    visibility: true,
    lastSeq: true,
    createdAt: true,
    kind: true,
    dmName: true,
    lastMessageAt: true,
    archivedAt: true,
    _count: { select: { memberships: true } },
    memberships: { where: { userId }, select: { userId: true, role: true, lastReadSeq: true, joinedAt: true, notificationsMuted: true } },
  } as const;
}

/** What room-views.ts adds to a room row: a DM's participants and how far each has read, the viewer's counts. */
export interface RoomExtras {
  dmMembers?: UserSummary[] | null;
  dmReads?: Record<string, number> | null;
  counts?: Pick<ReadState, "unreadCount" | "mentionCount"> | null;
}

export function toRoomDTO(r: RoomRow, extras: RoomExtras = {}): RoomDTO {
  const m = r.memberships[0];
  const counts = extras.counts ?? { unreadCount: 0, mentionCount: 0 };
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    topic: r.topic,
    visibility: r.visibility,
    memberCount: r._count.memberships,
    lastSeq: r.lastSeq,
    createdAt: r.createdAt.toISOString(),
    membership: m
      ? { role: m.role, lastReadSeq: m.lastReadSeq, joinedAt: m.joinedAt.toISOString(), notificationsMuted: m.notificationsMuted, ...counts }
      : null,
    kind: r.kind,
    dmMembers: r.kind === "DM" ? (extras.dmMembers ?? []) : null,
    dmName: r.kind === "DM" ? r.dmName : null,
    dmReads: r.kind === "DM" ? (extras.dmReads ?? {}) : null,
    lastMessageAt: r.lastMessageAt?.toISOString() ?? null,
    archived: r.archivedAt !== null,
  };
}

export function toRoomSettingsDTO(r: { id: string; name: string; dmName?: string | null; topic: string | null; visibility: RoomVisibility; archivedAt: Date | null }): RoomSettingsDTO {
  return { id: r.id, name: r.name, dmName: r.dmName ?? null, topic: r.topic, visibility: r.visibility, archived: r.archivedAt !== null };
}

export function toMemberDTO(m: { role: RoomRole; joinedAt: Date; user: UserSummaryRow & { status?: UserStatus } }): MemberDTO {
  const dto: MemberDTO = { user: toUserSummary(m.user), role: m.role, joinedAt: m.joinedAt.toISOString() };
  if (m.user.status) dto.status = m.user.status;
  return dto;
}
