/** Data shapes Parley sends to clients (REST responses and socket events). Dates are ISO strings. */

export type GlobalRole = "ADMIN" | "MODERATOR" | "MEMBER";
export type RoomRole = "OWNER" | "MODERATOR" | "MEMBER";
export type RoomVisibility = "PUBLIC" | "PRIVATE";
export type RoomKind = "ROOM" | "DM";
/** Chosen (DND) or detected (AWAY); whether the user is connected at all is presence. */
export type UserStatus = "ONLINE" | "AWAY" | "DND";
/** The colour theme chosen in the profile: follow the device, or always light or dark. */
export type Theme = "SYSTEM" | "LIGHT" | "DARK";

/** What any signed-in user may see of another (`GET /api/users/{id}`, the profile card). */
export interface PublicProfile extends UserSummary {
  status: UserStatus;
  /** The IANA time zone their browser reported; null: unknown. */
  timeZone: string | null;
  /** When they were last connected (ISO); null: never since this was recorded. */
  lastSeenAt: string | null;
}

/** A person as every list, message and DM shows them (one type everywhere). */
export interface UserSummary {
  id: string;
  name: string;
  /** Their picture's versioned URL, or null when they have none (clients show initials, never ask). */
  avatarUrl: string | null;
}

export interface CurrentUser extends UserSummary {
  email: string;
  role: GlobalRole;
}

export interface RoomDTO {
  id: string;
  slug: string;
  name: string;
  topic: string | null;
  visibility: RoomVisibility;
  memberCount: number;
  /** Highest seq in the room. */
  lastSeq: number;
  createdAt: string;
  /** The caller's membership, or null when the caller is not a member. */
  membership: MembershipDTO | null;
  /** ROOM, or DM (private, fixed membership; clients title it by the other people's names). */
  kind: RoomKind;
  /** DMs only: every participant, the caller included; null for rooms. */
  dmMembers: UserSummary[] | null;
  /** Group DMs: the name a member gave it; null: titled by the members' names. */
  dmName: string | null;
  /** When the latest message was stored (orders the DM list); null before the first. */
  lastMessageAt: string | null;
  /** Archived: read-only, hidden from room lists, history still readable by members. */
  archived: boolean;
  /** DMs only: how far each participant has read (`userId -> lastReadSeq`), for "seen by"; null for rooms. */
  dmReads: Record<string, number> | null;
}

/** The caller's own standing in a room, read state included (never shown to anyone else). */
export interface MembershipDTO extends ReadState {
  role: RoomRole;
  joinedAt: string;
}

/** The caller's read state in one room (`membership:state`, `POST /api/rooms/{id}/read`). */
export interface ReadState {
  /** The highest seq the caller has read; only ever moves forward. */
  lastReadSeq: number;
  /** Messages by others after lastReadSeq (main timeline, not deleted), counted up to UNREAD_COUNT_CAP. */
  unreadCount: number;
  /** Of those, the ones that mention the caller (by name or `@room`). */
  mentionCount: number;
  /** The caller silenced this room's notifications. */
  notificationsMuted: boolean;
}

/** Unread counts stop here (clients show "999+"): counting a never-read busy room stays cheap. */
export const UNREAD_COUNT_CAP = 1000;

/** A room's settings after a change (`room:updated`), the same for every member. */
export interface RoomSettingsDTO {
  id: string;
  name: string;
  /** Group DMs: their given name (null: none); always null for rooms. */
  dmName: string | null;
  topic: string | null;
  visibility: RoomVisibility;
  archived: boolean;
}

/** An invite link (`/invite/<token>`). */
export interface InviteDTO {
  id: string;
  token: string;
  roomId: string;
  expiresAt: string;
  /** null: no limit. */
  maxUses: number | null;
  uses: number;
  createdAt: string;
  /** Who made the link (null if that account is gone). */
  createdBy: UserSummary | null;
}

/** What a signed-in user sees before accepting an invite link. */
export interface InvitePreview {
  room: { id: string; name: string; topic: string | null; memberCount: number };
  expiresAt: string;
  /** The caller is already a member (accepting just opens the room). */
  alreadyMember: boolean;
}

export interface MemberDTO {
  user: UserSummary;
  role: RoomRole;
  joinedAt: string;
  /** The member's chosen/detected status (shown when they are online). */
  status?: UserStatus;
}

export interface MessageDTO {
  id: string;
  roomId: string;
  seq: number;
  clientId: string;
  author: UserSummary;
  /** Empty string when deleted. */
  body: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  /** Who deleted it (null unless deleted): the author, or a moderator/admin when it differs. */
  deletedById: string | null;
  /** Revision: 0 when stored, bumped by every later change. The highest rev is the current copy. */
  rev: number;
  /** Emoji reactions, in the order each emoji was first used (empty when deleted). */
  reactions: ReactionDTO[];
  /** The thread root this message replies in, or null for an ordinary message. */
  threadRootId: string | null;
  /** A thread reply also shown in the room's main timeline. */
  alsoInRoom: boolean;
  /** On a thread root: its replies so far; null when it has none. */
  thread: ThreadSummary | null;
  /** Pinned to the room: when and by whom; null when not pinned. */
  pinned: { at: string; by: UserSummary | null } | null;
  /** Ids of the members named in the body (`@name`), in no particular order. */
  mentions: string[];
  /** The same members with their name now and the name the body wrote (clients render `@label` as a pill by id). */
  mentioned?: MentionedUser[];
  /** The body says `@room`: every member was notified. */
  mentionsRoom: boolean;
  /** Files sent with the message, in upload order (empty when deleted). */
  attachments: AttachmentDTO[];
}

export interface ReactionDTO {
  emoji: string;
  count: number;
  /** Who reacted, earliest first. */
  users: UserSummary[];
}

export interface ThreadSummary {
  replyCount: number;
  lastReplyAt: string | null;
  /** The latest distinct repliers, newest first (at most 3). */
  latestRepliers: UserSummary[];
}

/** `GET /api/rooms/{id}/messages/{messageId}/thread`: the root and a page of its replies. */
export interface ThreadPage {
  root: MessageDTO;
  /** Oldest first. */
  replies: MessageDTO[];
  /** True when older replies remain (ask again with `before=` the first reply's seq). */
  hasMore: boolean;
}

export interface HistoryPage {
  /** Oldest first. */
  messages: MessageDTO[];
  /** True when older (for `before`, `around` and no cursor) or newer (for `after`) messages remain. */
  hasMore: boolean;
  /** Only for `around`: true when newer messages remain (continue with `after=` the last seq). */
  hasMoreAfter?: boolean;
}

/** One message found by `GET /api/search`. */
export interface SearchHit {
  messageId: string;
  room: { id: string; name: string; kind: RoomKind; visibility: RoomVisibility };
  seq: number;
  author: UserSummary;
  createdAt: string;
  editedAt: string | null;
  /** Set on a thread reply: its root's id and seq. */
  threadRootId: string | null;
  threadRootSeq: number | null;
  /** False for a thread reply shown only in its thread (not also sent to the room). */
  inMainTimeline: boolean;
  /** Plain text (never HTML): the matching part of the body. */
  snippet: string;
  /** The matched words in `snippet`, as UTF-16 offsets [start, end), in order. */
  highlights: { start: number; end: number }[];
}

export interface SearchPage {
  /** Most relevant first, then newest first. */
  results: SearchHit[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** A file attached to a message (or uploaded and not yet sent). `mime` is the sniffed type. */
export interface AttachmentDTO {
  id: string;
  name: string;
  mime: string;
  size: number;
  /** Images only. */
  width: number | null;
  height: number | null;
  url: string;
  /** Images only: a small WebP preview. */
  thumbUrl: string | null;
}

/** `GET /api/rooms` (the caller's own rooms and DMs) and `GET /api/rooms/directory` (public rooms). */
export interface RoomPage {
  rooms: RoomDTO[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** A mail the log transport kept (no SMTP_URL), for the admin page "Outgoing mail". */
export interface LoggedMailDTO {
  id: string;
  to: string;
  subject: string;
  link: string | null;
  createdAt: string;
}

/** A single sign-on identity linked to the signed-in user (`GET /api/me/identities`). */
export interface IdentityDTO {
  id: string;
  /** The sign-in provider's id ("oidc"). */
  provider: string;
  /** The email the provider gave at the last sign-in. */
  email: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/**
 * A room page's first data, rendered with the HTML (server/services/first-paint.ts): the room
 * and, for a member, its newest history page; or the error its REST call would answer.
 */
export type RoomFirstPaint = { room: RoomDTO; page: HistoryPage | null } | { error: { code: import("./errors").ErrorCode; message: string } };

/** A member a message names: the body's `@label` is them (label null: stored before labels, match `name`). */
export interface MentionedUser {
  id: string;
  /** Their display name now. */
  name: string;
  /** The name as written in the body (their name when the message was stored or edited). */
  label: string | null;
}
