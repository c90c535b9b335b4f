/**
 * Who may do what, in one table. Every service asks `authorize(action, ctx)` (REST and socket
 * handlers alike call the services, so both are covered); docs/permissions.md mirrors this table
 * and a test walks it. Room state (archived, locked, slow mode) and user state (banned, muted)
 * are enforced by the services on top of these role rules.
 */
import { AppError } from "@/lib/shared/errors";

export type GlobalRoleName = "ADMIN" | "MODERATOR" | "MEMBER";
export type RoomRoleName = "OWNER" | "MODERATOR" | "MEMBER";

export interface PolicyContext {
  globalRole: GlobalRoleName;
  /** The actor's role in the room concerned; null when not a member (or no room is concerned). */
  roomRole: RoomRoleName | null;
  /** The actor wrote the message (or owns the thing) concerned. */
  isAuthor?: boolean;
  /** How many members the room concerned has (rules that depend on the room's size). */
  roomMemberCount?: number;
}

export interface Rule {
  /** Who may, in words: the cell of docs/permissions.md. */
  who: string;
  allow(ctx: PolicyContext): boolean;
}

const isAdmin = (c: PolicyContext) => c.globalRole === "ADMIN";
const isStaff = (c: PolicyContext) => c.globalRole === "ADMIN" || c.globalRole === "MODERATOR";
const isRoomModerator = (c: PolicyContext) => c.roomRole === "OWNER" || c.roomRole === "MODERATOR";

/** Rooms up to this many members let every member say `@room` (message.mentionRoom). */
export const MENTION_ROOM_OPEN_MAX = 20;

const rule = (who: string, allow: (c: PolicyContext) => boolean): Rule => ({ who, allow });

/** The permission table. Add an action here, then use it through `authorize`. */
export const RULES = {
  "message.send": rule("room members", (c) => c.roomRole !== null),
  "message.edit": rule("the author", (c) => c.isAuthor === true),
  "message.delete": rule("the author; room owners and moderators; global admins and moderators", (c) => c.isAuthor === true || isRoomModerator(c) || isStaff(c)),
  "message.react": rule("room members", (c) => c.roomRole !== null),
  "message.mentionRoom": rule(
    "room members in rooms of at most 20 members; above that room owners and moderators, global admins and moderators",
    // Without a room size (the doc table), only the roles that may always do it are granted.
    (c) => isRoomModerator(c) || isStaff(c) || (c.roomRole !== null && (c.roomMemberCount ?? Number.POSITIVE_INFINITY) <= MENTION_ROOM_OPEN_MAX),
  ),
  "message.pin": rule("room owners and moderators; global admins and moderators", (c) => isRoomModerator(c) || isStaff(c)),
  "room.update": rule("room owners and moderators; global admins and moderators", (c) => isRoomModerator(c) || isStaff(c)),
  "room.makePublic": rule("the room owner; global admins", (c) => c.roomRole === "OWNER" || isAdmin(c)),
  "room.invite": rule("room owners and moderators; global admins and moderators", (c) => isRoomModerator(c) || isStaff(c)),
  "room.invite.manage": rule("room owners and moderators; global admins and moderators", (c) => isRoomModerator(c) || isStaff(c)),
  "room.archive": rule("the room owner; global admins and moderators", (c) => c.roomRole === "OWNER" || isStaff(c)),
  "attachment.upload": rule("room members", (c) => c.roomRole !== null),
  "message.search": rule("room members (results only ever come from rooms and DMs the searcher belongs to)", (c) => c.roomRole !== null),
  "admin.access": rule("global admins and moderators", isStaff),
  // ---- moderation (issue #4) ----
  "message.report": rule("everyone who can see the message", () => true),
  "report.manage": rule("global admins and moderators", isStaff),
  "user.purgeMessages": rule("global admins and moderators", isStaff),
  "room.bypassLimits": rule("room owners and moderators; global admins and moderators", (c) => isRoomModerator(c) || isStaff(c)),
  "room.lock": rule("room owners and moderators; global admins and moderators", (c) => isRoomModerator(c) || isStaff(c)),
  "room.slowMode": rule("room owners and moderators; global admins and moderators", (c) => isRoomModerator(c) || isStaff(c)),
  "room.member.mute": rule("room owners and moderators; global admins and moderators", (c) => isRoomModerator(c) || isStaff(c)),
  "room.member.remove": rule("room owners and moderators; global admins and moderators", (c) => isRoomModerator(c) || isStaff(c)),
  "room.delete": rule("global admins and moderators", isStaff),
  "user.ban": rule("global admins and moderators", isStaff),
  "user.mute": rule("global admins and moderators", isStaff),
  "user.signOut": rule("global admins and moderators", isStaff),
  "user.setRole": rule("global admins", isAdmin),
  "user.resetTwoFactor": rule("global admins", isAdmin),
  "user.export": rule("global admins", isAdmin),
  "user.delete": rule("global admins", isAdmin),
  "wordFilter.manage": rule("global admins", isAdmin),
  "audit.view": rule("global admins and moderators", isStaff),
  // ---- accounts (issue #18, docs/accounts.md) ----
  "instance.settings": rule("global admins", isAdmin),
  "account.invitations.manage": rule("global admins (room owners may also invite into their rooms when the instance allows it: docs/accounts.md)", isAdmin),
} satisfies Record<string, Rule>;

export type Action = keyof typeof RULES;

export function can(action: Action, ctx: PolicyContext): boolean {
  return RULES[action].allow(ctx);
}

/** Throw FORBIDDEN unless the table allows `action` in `ctx`. */
export function authorize(action: Action, ctx: PolicyContext, message = "You are not allowed to do that."): void {
  if (!can(action, ctx)) throw new AppError("FORBIDDEN", message);
}

// ---- rank: whom an actor may act on ------------------------------------------------------------

/**
 * Moderating a person (ban, mute, remove, change role) also needs rank: the actor must strictly
 * outrank the target. Rank is the higher of the global and the room rank (docs/permissions.md).
 */
export const RANKS = { ADMIN: 4, GLOBAL_MODERATOR: 3, OWNER: 2, ROOM_MODERATOR: 1, MEMBER: 0 } as const;

export function rankOf(globalRole: GlobalRoleName, roomRole: RoomRoleName | null = null): number {
  const global = globalRole === "ADMIN" ? RANKS.ADMIN : globalRole === "MODERATOR" ? RANKS.GLOBAL_MODERATOR : RANKS.MEMBER;
  const room = roomRole === "OWNER" ? RANKS.OWNER : roomRole === "MODERATOR" ? RANKS.ROOM_MODERATOR : RANKS.MEMBER;
  return Math.max(global, room);
}

export interface Party {
  globalRole: GlobalRoleName;
  roomRole?: RoomRoleName | null;
}

export function outranks(actor: Party, target: Party): boolean {
  return rankOf(actor.globalRole, actor.roomRole ?? null) > rankOf(target.globalRole, target.roomRole ?? null);
}

/** Throw FORBIDDEN unless `action` is allowed and the actor outranks the target. */
export function authorizeOver(action: Action, ctx: PolicyContext, target: Party, message = "You cannot do that to this person."): void {
  authorize(action, ctx);
  if (!outranks({ globalRole: ctx.globalRole, roomRole: ctx.roomRole }, target)) throw new AppError("FORBIDDEN", message);
}
