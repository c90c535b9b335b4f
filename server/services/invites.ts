/**
 * Invite links: `/invite/<token>`, made by those who may invite (`room.invite`), valid until
 * `expiresAt` and for at most `maxUses` acceptances. Accepting counts a use, then adds the
 * membership; the use limit is checked in the UPDATE itself, so two people racing for the
 * last use cannot both get in. Expired, used-up and revoked links answer GONE.
 * Owners and moderators list a room's active links and revoke them (`room.invite.manage`).
 */
import type { Runtime } from "../runtime";
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/shared/errors";
import { ZCreateInviteRequest, ZId, ZInviteToken } from "@/lib/shared/schemas";
import type { InviteDTO, InvitePreview, RoomDTO } from "@/lib/shared/types";
import { admit, requireManageable } from "./room-admin";
import { getRoom } from "./rooms";
import { type Actor } from "./room-access";
import { toUserSummary, userSummarySelect, type UserSummaryRow } from "./dto";
import { parseInput } from "./validate";

const INVITE_NOT_FOUND = () => new AppError("NOT_FOUND", "This invite link is not valid.");

const inviteSelect = {
  id: true,
  token: true,
  roomId: true,
  expiresAt: true,
  maxUses: true,
  uses: true,
  createdAt: true,
  revokedAt: true,
  createdBy: { select: userSummarySelect },
} as const;

function toInviteDTO(i: { id: string; token: string; roomId: string; expiresAt: Date; maxUses: number | null; uses: number; createdAt: Date; createdBy: UserSummaryRow | null }): InviteDTO {
  return {
    id: i.id,
    token: i.token,
    roomId: i.roomId,
    expiresAt: i.expiresAt.toISOString(),
    maxUses: i.maxUses,
    uses: i.uses,
    createdAt: i.createdAt.toISOString(),
    createdBy: i.createdBy ? toUserSummary(i.createdBy) : null,
  };
}

export async function createInvite(rt: Runtime, actor: Actor, roomId: unknown, input: unknown): Promise<InviteDTO> {
  const standing = await requireManageable(rt, actor, roomId, "room.invite", "Only the room's owners and moderators can invite people.");
  if (standing.archived) throw new AppError("FORBIDDEN", "This room is archived: it is read-only.");
  const { expiresInHours, maxUses } = parseInput(ZCreateInviteRequest, input ?? {});
  const row = await rt.db.roomInvite.create({
    data: { token: randomBytes(24).toString("base64url"), roomId: standing.roomId, createdById: actor.id, expiresAt: new Date(Date.now() + expiresInHours * 3600_000), maxUses },
    select: inviteSelect,
  });
  return toInviteDTO(row);
}

/** Why a link cannot be used, or null if it can. */
function unusable(invite: { expiresAt: Date; maxUses: number | null; uses: number; revokedAt: Date | null }, archived: boolean): AppError | null {
  if (invite.revokedAt) return new AppError("GONE", "This invite link was revoked. Ask for a new one.");
  if (invite.expiresAt.getTime() <= Date.now()) return new AppError("GONE", "This invite link has expired. Ask for a new one.");
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return new AppError("GONE", "This invite link has been used up. Ask for a new one.");
  if (archived) return new AppError("GONE", "This room is archived; it no longer takes new members.");
  return null;
}

async function loadInvite(rt: Runtime, token: unknown) {
  const parsed = ZInviteToken.safeParse(token);
  if (!parsed.success) throw INVITE_NOT_FOUND();
  const invite = await rt.db.roomInvite.findUnique({
    where: { token: parsed.data },
    select: { ...inviteSelect, room: { select: { id: true, name: true, topic: true, archivedAt: true, _count: { select: { memberships: true } } } } },
  });
  if (!invite) throw INVITE_NOT_FOUND();
  return invite;
}

async function isMember(rt: Runtime, userId: string, roomId: string): Promise<boolean> {
  return (await rt.db.membership.count({ where: { userId, roomId } })) > 0;
}

/** What the invite page shows a signed-in user. Anyone holding the link may see the room's name. */
export async function previewInvite(rt: Runtime, actor: Actor, token: unknown): Promise<InvitePreview> {
  const invite = await loadInvite(rt, token);
  const alreadyMember = await isMember(rt, actor.id, invite.roomId);
  if (!alreadyMember) {
    const why = unusable(invite, invite.room.archivedAt !== null);
    if (why) throw why;
  }
  return {
    room: { id: invite.room.id, name: invite.room.name, topic: invite.room.topic, memberCount: invite.room._count.memberships },
    expiresAt: invite.expiresAt.toISOString(),
    alreadyMember,
  };
}

export async function acceptInvite(rt: Runtime, actor: Actor, token: unknown): Promise<RoomDTO> {
  const invite = await loadInvite(rt, token);
  // A member following the link again just opens the room; no use is spent.
  if (await isMember(rt, actor.id, invite.roomId)) return getRoom(rt, actor, invite.roomId);
  const why = unusable(invite, invite.room.archivedAt !== null);
  if (why) throw why;
  const counted = await rt.db.$executeRaw`
    UPDATE "RoomInvite" SET "uses" = "uses" + 1
    WHERE "token" = ${invite.token} AND "revokedAt" IS NULL AND "expiresAt" > now()
      AND ("maxUses" IS NULL OR "uses" < "maxUses")`;
  if (counted === 0) {
    // Lost a race for the last use (or it expired this instant): say which.
    throw unusable(await loadInvite(rt, token), false) ?? new AppError("GONE", "This invite link has been used up. Ask for a new one.");
  }
  await admit(rt, actor.id, invite.roomId);
  return getRoom(rt, actor, invite.roomId);
}

const MANAGE_REFUSAL = "Only the room's owners and moderators can manage its invite links.";

/** The room's links that still work (not revoked, not expired, not used up), newest first. */
export async function listInvites(rt: Runtime, actor: Actor, roomId: unknown): Promise<InviteDTO[]> {
  const standing = await requireManageable(rt, actor, roomId, "room.invite.manage", MANAGE_REFUSAL);
  const rows = await rt.db.roomInvite.findMany({
    where: { roomId: standing.roomId, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: inviteSelect,
    take: 200,
  });
  return rows.filter((r) => r.maxUses === null || r.uses < r.maxUses).map(toInviteDTO);
}

/** Revoke one of the room's links: from now on it answers GONE. Revoking twice is fine. */
export async function revokeInvite(rt: Runtime, actor: Actor, roomId: unknown, inviteId: unknown): Promise<void> {
  const standing = await requireManageable(rt, actor, roomId, "room.invite.manage", MANAGE_REFUSAL);
  const id = ZId.safeParse(inviteId);
  if (!id.success) throw INVITE_NOT_FOUND();
  const { count } = await rt.db.roomInvite.updateMany({ where: { id: id.data, roomId: standing.roomId }, data: { revokedAt: new Date() } });
  if (count === 0) throw INVITE_NOT_FOUND();
}
