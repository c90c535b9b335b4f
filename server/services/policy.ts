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
}

export interface Rule {
  /** Who may, in words: the cell of docs/permissions.md. */
  who: string;
  allow(ctx: PolicyContext): boolean;
}

const isStaff = (c: PolicyContext) => c.globalRole === "ADMIN" || c.globalRole === "MODERATOR";
const isRoomModerator = (c: PolicyContext) => c.roomRole === "OWNER" || c.roomRole === "MODERATOR";

const rule = (who: string, allow: (c: PolicyContext) => boolean): Rule => ({ who, allow });

/** The permission table. Add an action here, then use it through `authorize`. */
export const RULES = {
  "message.send": rule("room members", (c) => c.roomRole !== null),
  "message.edit": rule("the author", (c) => c.isAuthor === true),
  "message.delete": rule("the author; room owners and moderators; global admins and moderators", (c) => c.isAuthor === true || isRoomModerator(c) || isStaff(c)),
  "message.react": rule("room members", (c) => c.roomRole !== null),
  "message.pin": rule("room owners and moderators; global admins and moderators", (c) => isRoomModerator(c) || isStaff(c)),
  "room.update": rule("room owners and moderators; global admins and moderators", (c) => isRoomModerator(c) || isStaff(c)),
  "attachment.upload": rule("room members", (c) => c.roomRole !== null),
  "admin.access": rule("global admins and moderators", isStaff),
} satisfies Record<string, Rule>;

export type Action = keyof typeof RULES;

export function can(action: Action, ctx: PolicyContext): boolean {
  return RULES[action].allow(ctx);
}

/** Throw FORBIDDEN unless the table allows `action` in `ctx`. */
export function authorize(action: Action, ctx: PolicyContext, message = "You are not allowed to do that."): void {
  if (!can(action, ctx)) throw new AppError("FORBIDDEN", message);
}
