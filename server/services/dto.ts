/** Database rows to the DTOs of lib/shared/types. */
import type { MemberDTO, MessageDTO, RoomDTO, RoomSettingsDTO, UserSummary } from "@/lib/shared/types";
import type { RoomKind, RoomRole, RoomVisibility, UserStatus } from "../generated/prisma/enums";

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
  author: { id: string; name: string };
}

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
  author: { select: { id: true, name: true } },
} as const;

export function toMessageDTO(m: MessageRow): MessageDTO {
  const deleted = m.deletedAt !== null;
  return {
    id: m.id,
    roomId: m.roomId,
    seq: m.seq,
    clientId: m.clientId,
    author: { id: m.author.id, name: m.author.name },
    body: deleted ? "" : m.body,
    createdAt: m.createdAt.toISOString(),
    editedAt: m.editedAt?.toISOString() ?? null,
    deleted,
    deletedById: deleted ? m.deletedById : null,
    rev: m.rev,
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
  memberships: { role: RoomRole; lastReadSeq: number; joinedAt: Date }[];
  kind: RoomKind;
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
    lastMessageAt: true,
    archivedAt: true,
    _count: { select: { memberships: true } },
    memberships: { where: { userId }, select: { role: true, lastReadSeq: true, joinedAt: true } },
  } as const;
}

/** `dmMembers`: a DM's participants (see room-views.ts); omitted for rooms. */
export function toRoomDTO(r: RoomRow, dmMembers: UserSummary[] | null = null): RoomDTO {
  const m = r.memberships[0];
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    topic: r.topic,
    visibility: r.visibility,
    memberCount: r._count.memberships,
    lastSeq: r.lastSeq,
    createdAt: r.createdAt.toISOString(),
    membership: m ? { role: m.role, lastReadSeq: m.lastReadSeq, joinedAt: m.joinedAt.toISOString() } : null,
    kind: r.kind,
    dmMembers: r.kind === "DM" ? (dmMembers ?? []) : null,
    lastMessageAt: r.lastMessageAt?.toISOString() ?? null,
    archived: r.archivedAt !== null,
  };
}

export function toRoomSettingsDTO(r: { id: string; name: string; topic: string | null; visibility: RoomVisibility; archivedAt: Date | null }): RoomSettingsDTO {
  return { id: r.id, name: r.name, topic: r.topic, visibility: r.visibility, archived: r.archivedAt !== null };
}

export function toMemberDTO(m: { role: RoomRole; joinedAt: Date; user: { id: string; name: string; status?: UserStatus } }): MemberDTO {
  const dto: MemberDTO = { user: { id: m.user.id, name: m.user.name }, role: m.role, joinedAt: m.joinedAt.toISOString() };
  if (m.user.status) dto.status = m.user.status;
  return dto;
}
