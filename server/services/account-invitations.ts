/**
 * Invitations by email (docs/accounts.md "Invitations"): an admin — or a room owner, into rooms
 * they own, when the instance lets room owners invite — invites an address, optionally into
 * rooms. The mail carries `/join/<token>` (32 random bytes; the database keeps the SHA-256), valid
 * 7 days; the accept page creates the account already verified, joins the rooms and signs in.
 * Admins list, resend (a new link, 7 more days) and revoke them. Every step is audited.
 * (Room invite *links* for people who already have an account are ./invites.ts.)
 */
import { hash } from "@node-rs/argon2";
import type { Runtime } from "../runtime";
import type { Prisma } from "../db";
import { AppError } from "@/lib/shared/errors";
import { ZId } from "@/lib/shared/schemas";
import {
  INVITATION_TTL_DAYS,
  ZAcceptInvitation,
  ZCreateInvitation,
  ZMailedToken,
  type AccountInvitationDTO,
  type InvitationPreview,
  type InvitationState,
} from "@/lib/shared/accounts";
import type { CurrentUser } from "@/lib/shared/types";
import { recordAudit } from "./audit";
import { roleOf } from "./admin-users";
import { isUniqueViolation } from "./errors";
import { readInstanceSettings } from "./instance-settings";
import { assertStrongPassword } from "./password-strength";
import { authorize } from "./policy";
import { admit } from "./room-admin";
import { newToken, tokenHashOf } from "./signup";
import { createAccount } from "./users";
import { parseInput } from "./validate";

const TTL_MS = INVITATION_TTL_DAYS * 24 * 3600_000;

const invitationSelect = {
  id: true,
  email: true,
  roomIds: true,
  createdAt: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  invitedBy: { select: { id: true, name: true } },
} as const;
type Row = Prisma.AccountInvitationGetPayload<{ select: typeof invitationSelect }>;

function stateOf(r: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = Date.now()): InvitationState {
  if (r.acceptedAt) return "accepted";
  if (r.revokedAt) return "revoked";
  return r.expiresAt.getTime() <= now ? "expired" : "pending";
}

async function roomNames(rt: Runtime, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rooms = await rt.db.room.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } });
  return new Map(rooms.map((r) => [r.id, r.name]));
}

async function toDTOs(rt: Runtime, rows: Row[]): Promise<AccountInvitationDTO[]> {
  const names = await roomNames(rt, [...new Set(rows.flatMap((r) => r.roomIds))]);
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    rooms: r.roomIds.filter((id) => names.has(id)).map((id) => ({ id, name: names.get(id) ?? "" })),
    invitedBy: r.invitedBy,
    state: stateOf(r),
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
  }));
}

function invitationMail(rt: Runtime, to: string, inviterName: string, rooms: string[], token: string) {
  const link = `${rt.env.APP_ORIGIN}/join/${token}`;
  const into = rooms.length > 0 ? ` You will join ${rooms.map((n) => `#${n}`).join(", ")}.` : "";
  return {
    to,
    subject: `${inviterName} invited you to Parley`,
    text: `${inviterName} invited you to join Parley at ${rt.env.APP_ORIGIN}.${into}\n\nCreate your account here (the link works once, for ${INVITATION_TTL_DAYS} days):\n${link}\n`,
    link,
  };
}

/**
 * Who may invite into `roomIds`: admins anywhere; room owners into rooms they own (at least one)
 * when the instance allows it. Rooms must be rooms (not DMs) and not archived.
 */
async function assertMayInvite(rt: Runtime, actor: CurrentUser, roomIds: readonly string[]): Promise<void> {
  const rooms = roomIds.length ? await rt.db.room.findMany({ where: { id: { in: [...roomIds] } }, select: { id: true, kind: true, archivedAt: true } }) : [];
  if (rooms.length !== roomIds.length || rooms.some((r) => r.kind !== "ROOM")) throw new AppError("NOT_FOUND", "No such room.", { fieldErrors: { roomIds: ["must be rooms that exist"] } });
  if (rooms.some((r) => r.archivedAt)) throw new AppError("FORBIDDEN", "Archived rooms take no new members.");
  if ((await roleOf(rt, actor.id)) === "ADMIN") return;
  const settings = await readInstanceSettings(rt);
  if (!settings.roomOwnersMayInvite || roomIds.length === 0) throw new AppError("FORBIDDEN", "Only admins can invite people to this server.");
  const owned = await rt.db.membership.count({ where: { userId: actor.id, roomId: { in: [...roomIds] }, role: "OWNER" } });
  if (owned !== roomIds.length) throw new AppError("FORBIDDEN", "You can invite people only into rooms you own.");
}

/** `POST /api/account-invitations { email, roomIds? }` -> the invitation (201); the mail goes out before the answer. */
export async function createInvitation(rt: Runtime, actor: CurrentUser, input: unknown): Promise<AccountInvitationDTO> {
  const { email, roomIds: given } = parseInput(ZCreateInvitation, input);
  const roomIds = [...new Set(given)];
  await assertMayInvite(rt, actor, roomIds);
  if (await rt.db.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new AppError("CONFLICT", "This address has an account already: add them to rooms by name or an invite link instead.", { fieldErrors: { email: ["has an account already"] } });
  }
  const token = newToken();
  const row = await rt.db.$transaction(async (tx) => {
    // One open invitation per address: a new one replaces what was pending.
    const now = new Date();
    await tx.accountInvitation.updateMany({ where: { email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now } });
    const created = await tx.accountInvitation.create({
      data: { email, roomIds, invitedById: actor.id, tokenHash: tokenHashOf(token), expiresAt: new Date(now.getTime() + TTL_MS) },
      select: invitationSelect,
    });
    await recordAudit(tx, { actorId: actor.id, action: "invitation.create", targetType: "invitation", targetId: created.id, details: { email, roomIds, label: email } });
    return created;
  });
  const [dto] = await toDTOs(rt, [row]);
  await rt.mailer.send(invitationMail(rt, email, actor.name, dto!.rooms.map((r) => r.name), token));
  return dto!;
}

async function requireInvitationAdmin(rt: Runtime, actor: Pick<CurrentUser, "id">): Promise<void> {
  authorize("account.invitations.manage", { globalRole: await roleOf(rt, actor.id), roomRole: null }, "Only admins can manage invitations.");
}

/** `GET /api/admin/invitations`: the latest 200, newest first. */
export async function listInvitations(rt: Runtime, actor: CurrentUser): Promise<AccountInvitationDTO[]> {
  await requireInvitationAdmin(rt, actor);
  const rows = await rt.db.accountInvitation.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 200, select: invitationSelect });
  return toDTOs(rt, rows);
}

async function findById(rt: Runtime, id: unknown): Promise<Row> {
  const parsed = ZId.safeParse(id);
  const row = parsed.success ? await rt.db.accountInvitation.findUnique({ where: { id: parsed.data }, select: invitationSelect }) : null;
  if (!row) throw new AppError("NOT_FOUND", "No such invitation.");
  return row;
}

/** `POST /api/admin/invitations/{id}/resend`: a new link (the old one stops working), valid 7 days from now. */
export async function resendInvitation(rt: Runtime, actor: CurrentUser, id: unknown): Promise<AccountInvitationDTO> {
  await requireInvitationAdmin(rt, actor);
  const row = await findById(rt, id);
  const state = stateOf(row);
  if (state === "accepted" || state === "revoked") throw new AppError("CONFLICT", `This invitation was ${state}; send a new one instead.`);
  const token = newToken();
  const updated = await rt.db.$transaction(async (tx) => {
    const next = await tx.accountInvitation.update({ where: { id: row.id }, data: { tokenHash: tokenHashOf(token), expiresAt: new Date(Date.now() + TTL_MS) }, select: invitationSelect });
    await recordAudit(tx, { actorId: actor.id, action: "invitation.resend", targetType: "invitation", targetId: row.id, details: { email: row.email, label: row.email } });
    return next;
  });
  const [dto] = await toDTOs(rt, [updated]);
  await rt.mailer.send(invitationMail(rt, row.email, actor.name, dto!.rooms.map((r) => r.name), token));
  return dto!;
}

/** `DELETE /api/admin/invitations/{id}`: the link stops working. */
export async function revokeInvitation(rt: Runtime, actor: CurrentUser, id: unknown): Promise<AccountInvitationDTO> {
  await requireInvitationAdmin(rt, actor);
  const row = await findById(rt, id);
  if (stateOf(row) === "accepted") throw new AppError("CONFLICT", "This invitation was accepted already.");
  const updated = await rt.db.$transaction(async (tx) => {
    const next = await tx.accountInvitation.update({ where: { id: row.id }, data: { revokedAt: row.revokedAt ?? new Date() }, select: invitationSelect });
    await recordAudit(tx, { actorId: actor.id, action: "invitation.revoke", targetType: "invitation", targetId: row.id, details: { email: row.email, label: row.email } });
    return next;
  });
  const [dto] = await toDTOs(rt, [updated]);
  return dto!;
}

const INVALID: Record<Exclude<InvitationState, "pending"> | "unknown", string> = {
  unknown: "This invitation link is not valid.",
  accepted: "This invitation has been used already: sign in instead.",
  revoked: "This invitation was withdrawn. Ask for a new one.",
  expired: "This invitation has expired. Ask for a new one.",
};
const invalidInvitation = (reason: keyof typeof INVALID) => new AppError("BAD_REQUEST", INVALID[reason], { reason });

async function openInvitation(rt: Runtime, token: unknown, ip: string) {
  await rt.limits.consume("invitation.accept:ip", ip);
  const parsed = ZMailedToken.safeParse(token);
  const row = parsed.success ? await rt.db.accountInvitation.findUnique({ where: { tokenHash: tokenHashOf(parsed.data) }, select: invitationSelect }) : null;
  if (!row) throw invalidInvitation("unknown");
  const state = stateOf(row);
  if (state !== "pending") throw invalidInvitation(state);
  return row;
}

/** `GET /api/account-invitations/{token}`: what the accept page shows. */
export async function previewInvitation(rt: Runtime, token: unknown, ip: string): Promise<InvitationPreview> {
  const row = await openInvitation(rt, token, ip);
  const [dto] = await toDTOs(rt, [row]);
  return { email: row.email, inviterName: row.invitedBy.name, rooms: dto!.rooms, expiresAt: row.expiresAt.toISOString() };
}

/**
 * `POST /api/account-invitations/{token}/accept { name, password }`: the account (verified: the
 * mail reached it), in the invitation's rooms; the browser then signs in with the password.
 */
export async function acceptInvitation(rt: Runtime, token: unknown, input: unknown, ip: string): Promise<{ email: string; roomIds: string[] }> {
  const row = await openInvitation(rt, token, ip);
  const { name, password } = parseInput(ZAcceptInvitation, input);
  assertStrongPassword(password, [row.email, name]);
  const passwordHash = await hash(password);
  // Spent first, atomically: of two accepts racing with one link only one gets the row.
  const now = new Date();
  const spent = await rt.db.accountInvitation.updateMany({ where: { id: row.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } }, data: { acceptedAt: now } });
  if (spent.count === 0) throw invalidInvitation("accepted");
  let user: CurrentUser;
  try {
    user = await createAccount(rt, { email: row.email, name, passwordHash, verified: true });
  } catch (e) {
    await rt.db.accountInvitation.update({ where: { id: row.id }, data: { acceptedAt: null } });
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", "This address has an account already: sign in instead.");
    throw e;
  }
  await rt.db.accountInvitation.update({ where: { id: row.id }, data: { acceptedUserId: user.id } });
  const live = await rt.db.room.findMany({ where: { id: { in: row.roomIds }, kind: "ROOM", archivedAt: null }, select: { id: true } });
  for (const room of live) await admit(rt, user.id, room.id);
  rt.log.info("invitation accepted", { invitationId: row.id, userId: user.id, rooms: live.length });
  return { email: row.email, roomIds: live.map((r) => r.id) };
}
