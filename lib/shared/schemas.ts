/**
 * Zod schemas for every input Parley accepts, shared by REST handlers, socket handlers and
 * the browser (forms). Payload types are `z.infer` of these.
 */
import { z } from "zod";

export const MESSAGE_MAX_LENGTH = 4000;
export const HISTORY_PAGE_MAX = 100;
export const HISTORY_PAGE_DEFAULT = 50;

export const ZId = z.uuid({ message: "must be a valid id" });

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "is too long")
  .pipe(z.email({ message: "must be a valid email address" }));

export const ZPassword = z.string().min(8, "must be at least 8 characters").max(200, "is too long");
export const ZDisplayName = z.string().trim().min(1, "is required").max(50, "must be at most 50 characters");

// ---- REST -----------------------------------------------------------------------------

export const ZRegisterRequest = z.object({ email: ZEmail, password: ZPassword, name: ZDisplayName }).strict();
export type TRegisterRequest = z.infer<typeof ZRegisterRequest>;

export const ZSignInRequest = z.object({ email: ZEmail, password: z.string().min(1).max(200) });
export type TSignInRequest = z.infer<typeof ZSignInRequest>;

export const ZRoomVisibility = z.enum(["PUBLIC", "PRIVATE"]);
export const ZCreateRoomRequest = z
  .object({
    name: z.string().trim().min(1, "is required").max(80, "must be at most 80 characters"),
    topic: z.string().trim().max(250, "must be at most 250 characters").optional(),
    visibility: ZRoomVisibility.default("PUBLIC"),
  })
  .strict();
export type TCreateRoomRequest = z.infer<typeof ZCreateRoomRequest>;

export const ROOM_PAGE_MAX = 500;
export const ROOM_PAGE_DEFAULT = 200;
export const DIRECTORY_PAGE_MAX = 100;
export const DIRECTORY_PAGE_DEFAULT = 50;

/** `GET /api/rooms?cursor=&limit=`: the caller's own rooms and DMs, a page at a time. */
export const ZMyRoomsQuery = z.object({
  /** The `nextCursor` of the previous page. */
  cursor: ZId.optional(),
  limit: z.coerce.number().int().min(1).max(ROOM_PAGE_MAX).default(ROOM_PAGE_DEFAULT),
});
export type TMyRoomsQuery = z.infer<typeof ZMyRoomsQuery>;

/** `GET /api/rooms/directory?q=&cursor=&limit=`: public rooms by name, searchable by name. */
export const ZRoomDirectoryQuery = z.object({
  q: z.string().trim().max(80, "must be at most 80 characters").default(""),
  /** The `nextCursor` of the previous page. */
  cursor: ZId.optional(),
  limit: z.coerce.number().int().min(1).max(DIRECTORY_PAGE_MAX).default(DIRECTORY_PAGE_DEFAULT),
});
export type TRoomDirectoryQuery = z.infer<typeof ZRoomDirectoryQuery>;

const historyCursors = {
  before: z.coerce.number().int().min(1).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(HISTORY_PAGE_DEFAULT),
};

/** `GET /api/rooms/{id}/messages?before=<seq>&limit=<n>` or `?after=<seq>` (catch-up). */
export const ZHistoryQuery = z
  .object(historyCursors)
  .refine((q) => q.before === undefined || q.after === undefined, { message: "use either before or after, not both" });
export type THistoryQuery = z.infer<typeof ZHistoryQuery>;

/** Room history also takes `?around=<seq>`: the page around one message (jump to a search result). */
export const ZRoomHistoryQuery = z
  .object({ ...historyCursors, around: z.coerce.number().int().min(1).optional() })
  .refine((q) => [q.before, q.after, q.around].filter((v) => v !== undefined).length <= 1, { message: "use only one of before, after and around" });
export type TRoomHistoryQuery = z.infer<typeof ZRoomHistoryQuery>;

export const SEARCH_QUERY_MAX = 200;
export const SEARCH_PAGE_MAX = 50;
export const SEARCH_PAGE_DEFAULT = 20;

/** `GET /api/search?q=&roomId=&authorId=&cursor=&limit=`: full-text search of readable messages. */
export const ZSearchQuery = z.object({
  q: z.string().trim().min(1, "is required").max(SEARCH_QUERY_MAX, `must be at most ${SEARCH_QUERY_MAX} characters`),
  roomId: ZId.optional(),
  authorId: ZId.optional(),
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: z.string().min(1).max(200, "is not a valid cursor").optional(),
  limit: z.coerce.number().int().min(1).max(SEARCH_PAGE_MAX).default(SEARCH_PAGE_DEFAULT),
});
export type TSearchQuery = z.infer<typeof ZSearchQuery>;

// ---- Socket payloads ----------------------------------------------------------------------

export const ZRoomRef = z.object({ roomId: ZId }).strict();
export type TRoomRef = z.infer<typeof ZRoomRef>;

export const ZClientId = z
  .string()
  .min(8, "must be at least 8 characters")
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "may contain only letters, digits, _ and -");

export const ZMessageBody = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(MESSAGE_MAX_LENGTH, `must be at most ${MESSAGE_MAX_LENGTH} characters`);

/** Files one message may carry. */
export const MESSAGE_MAX_ATTACHMENTS = 10;

export const ZSendMessage = z
  .object({
    roomId: ZId,
    clientId: ZClientId,
    /** May be empty when the message carries attachments. */
    body: z.string().trim().max(MESSAGE_MAX_LENGTH, `must be at most ${MESSAGE_MAX_LENGTH} characters`),
    /** Reply in the thread of this message (a reply to a reply attaches to the same root). */
    threadRootId: ZId.optional(),
    /** With threadRootId: also show the reply in the room's main timeline. */
    alsoToRoom: z.boolean().optional(),
    /** Files uploaded by the sender to this room (`POST /api/rooms/{id}/attachments`), not yet sent. */
    attachmentIds: z
      .array(ZId)
      .max(MESSAGE_MAX_ATTACHMENTS, `must be at most ${MESSAGE_MAX_ATTACHMENTS} files`)
      .refine((ids) => new Set(ids).size === ids.length, "must not repeat a file")
      .optional(),
  })
  .strict()
  .refine((m) => m.body.length > 0 || (m.attachmentIds?.length ?? 0) > 0, { path: ["body"], message: "must not be empty" });
export type TSendMessage = z.infer<typeof ZSendMessage>;

export const ZMessageRef = z.object({ messageId: ZId }).strict();
export type TMessageRef = z.infer<typeof ZMessageRef>;

export const ZEditMessage = z.object({ messageId: ZId, body: ZMessageBody }).strict();
export type TEditMessage = z.infer<typeof ZEditMessage>;

/** A DM holds at most this many people, the caller included. */
export const DM_MAX_PEOPLE = 9;

/** `POST /api/dms` and `dm:open`: the other people (1 for a one-to-one DM, up to 8). */
export const ZOpenDm = z
  .object({
    userIds: z
      .array(ZId)
      .min(1, "name at least one person")
      .max(DM_MAX_PEOPLE - 1, `a direct message holds at most ${DM_MAX_PEOPLE} people`),
  })
  .strict();
export type TOpenDm = z.infer<typeof ZOpenDm>;

/** `GET /api/users?q=`: people by name (the member-facing people picker). */
export const ZPeopleSearch = z.object({
  q: z.string().trim().max(50, "must be at most 50 characters").default(""),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** `PATCH /api/rooms/{id}`: any of name, topic (empty clears it), visibility. */
export const ZUpdateRoomRequest = z
  .object({
    name: z.string().trim().min(1, "is required").max(80, "must be at most 80 characters").optional(),
    topic: z.string().trim().max(250, "must be at most 250 characters").nullable().optional(),
    visibility: ZRoomVisibility.optional(),
  })
  .strict()
  .refine((v) => v.name !== undefined || v.topic !== undefined || v.visibility !== undefined, { message: "change at least one of name, topic, visibility" });

/** `POST /api/rooms/{id}/archive` */
export const ZArchiveRequest = z.object({ archived: z.boolean().default(true), reason: z.string().trim().max(500, "must be at most 500 characters").optional() }).strict();

/** `POST /api/rooms/{id}/members`: add a user (an invite by name). */
export const ZAddMemberRequest = z.object({ userId: ZId }).strict();

export const INVITE_MAX_HOURS = 24 * 30;
/** `POST /api/rooms/{id}/invites`: a link valid for `expiresInHours`, for at most `maxUses` people (null: no limit). */
export const ZCreateInviteRequest = z
  .object({
    expiresInHours: z.number().int().min(1, "must be at least 1").max(INVITE_MAX_HOURS, `must be at most ${INVITE_MAX_HOURS}`).default(24 * 7),
    maxUses: z.number().int().min(1, "must be at least 1").max(1000, "must be at most 1000").nullable().default(null),
  })
  .strict();

/** Invite tokens: 32 url-safe characters. */
export const ZInviteToken = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "is not an invite token");

// ---- Reactions, pins (threads, reactions, pins: server/services/{threads,reactions,pins}.ts) ----

/** Emoji characters only (pictographs, flags, keycaps, skin tones, ZWJ sequences), at most 32 UTF-16 units. */
export const ZEmoji = z
  .string()
  .min(1, "is required")
  .max(32, "must be at most 32 characters")
  .regex(/^(?:\p{Extended_Pictographic}|\p{Emoji_Component}|\u200d|\ufe0f|\u20e3)+$/u, "must be an emoji")
  .refine((s) => /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u.test(s), "must be an emoji")
  .refine((s) => [...new Intl.Segmenter().segment(s)].length === 1, "must be a single emoji");

/** Most distinct emoji one message can carry. */
export const REACTION_EMOJI_MAX = 20;

/** Add (`on: true`) or remove (`on: false`) the caller's reaction; repeating either changes nothing. */
export const ZSetReaction = z.object({ roomId: ZId, messageId: ZId, emoji: ZEmoji, on: z.boolean() }).strict();
export type TSetReaction = z.infer<typeof ZSetReaction>;

/** Pin (`pinned: true`) or unpin a message; repeating either changes nothing. */
export const ZSetPin = z.object({ roomId: ZId, messageId: ZId, pinned: z.boolean() }).strict();
export type TSetPin = z.infer<typeof ZSetPin>;

/** Turn zod issues into `{ field: [messages] }` for error details. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

// ---- Profiles and status (server/services/profile.ts, status.ts) ----

export const ZUserStatus = z.enum(["ONLINE", "AWAY", "DND"]);

/** `PATCH /api/me`: the display name. */
export const ZUpdateProfileRequest = z.object({ name: ZDisplayName }).strict();

/** `PUT /api/me/status` and `status:set`. AWAY is normally set by the browser after 5 idle minutes. */
export const ZSetStatus = z.object({ status: ZUserStatus }).strict();
export type TSetStatus = z.infer<typeof ZSetStatus>;

// ---- Mentions, read state, notifications (server/services/read-state.ts, mentions.ts) ----

/** `room:read` and `POST /api/rooms/{id}/read`: I have seen everything up to `seq` (never moves back). */
export const ZMarkRead = z.object({ roomId: ZId, seq: z.number().int().min(0).max(2_147_483_647) }).strict();
export type TMarkRead = z.infer<typeof ZMarkRead>;

/** `PUT /api/rooms/{id}/notifications`: silence (or not) this room's notifications for me. */
export const ZSetNotifications = z.object({ muted: z.boolean() }).strict();
