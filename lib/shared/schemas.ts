/**
 * Zod schemas for every input Parley accepts, shared by REST handlers, socket handlers and
 * the browser (forms). Payload types are `z.infer` of these.
 */
import { z } from "zod";
import { LOCALES } from "./locales";

export const MESSAGE_MAX_LENGTH = 4000;
export const HISTORY_PAGE_MAX = 100;
export const HISTORY_PAGE_DEFAULT = 50;

export const ZId = z.uuid({ message: "must be a valid id" });

// ---- Text -------------------------------------------------------------------------------------
//
// Every text field a request carries is built from `ZText` (one refinement, `textProblem`):
// PostgreSQL refuses NUL (22021) and the rest of C0/C1 is never legitimate in chat text, so they
// are VALIDATION_FAILED here instead of a 500 (or a failed batch) later.

/** "multiline": message bodies, reasons (tab, newline, CR allowed). "line": names, topics, queries. "name": a line that must show something and cannot reorder its neighbours. */
export type TextKind = "multiline" | "line" | "name";

/** C0 controls except tab/LF/CR, DEL, C1 controls, and lone surrogates (not valid UTF-16, so not storable). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\p{Cs}/u;
/** Line breaks of any kind (and tab) in a single-line field. */
const LINE_BREAK = /[\t\n\r\u2028\u2029\u0085]/;
/** Bidirectional embedding, override, isolate and mark characters: they make a name display as another. */
export const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/** Characters that draw nothing: whitespace, format characters (zero-width space, soft hyphen, word joiner, BOM), combining marks, and the Hangul/braille fillers. */
const INVISIBLE = /[\s\p{Cf}\p{M}\p{Cc}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** Why `s` is not acceptable text of this kind, or null. Shared by every text schema (through ZText) and its unit tests. */
export function textProblem(s: string, kind: TextKind): string | null {
  if (CONTROL.test(s)) return "must not contain control characters";
  if (kind === "multiline") return null;
  if (LINE_BREAK.test(s)) return "must be a single line";
  if (kind === "line") return null;
  if (BIDI_CONTROL.test(s)) return "must not contain text-direction control characters";
  if (s.length > 0 && s.replace(INVISIBLE, "") === "") return "must contain a visible character";
  return null;
}

/** The refinement itself, for a string schema that must not be trimmed (passwords). */
export function refineText(kind: TextKind) {
  return (s: string, ctx: z.RefinementCtx) => {
    const problem = textProblem(s, kind);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  };
}

/** A trimmed string refused with VALIDATION_FAILED when it holds characters its kind forbids; chain `.min()`/`.max()` after. */
export function ZText(kind: TextKind) {
  return z.string().trim().superRefine(refineText(kind));
}

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "is too long")
  .pipe(z.email({ message: "must be a valid email address" }));

export const ZPassword = z.string().min(8, "must be at least 8 characters").max(200, "is too long").superRefine(refineText("multiline"));
export const ZDisplayName = ZText("name").min(1, "is required").max(50, "must be at most 50 characters");

// ---- Numbers in query strings ------------------------------------------------------------------
//
// Every numeric query parameter is one of these: a whole number within bounds (message seqs are
// PostgreSQL `integer`s), so `?before=2147483648`, `-1`, `1.5` or `abc` are VALIDATION_FAILED and
// never reach the database.

/** Largest message seq (and read marker): PostgreSQL's `integer`. */
export const SEQ_MAX = 2_147_483_647;

/** A whole number in [min, max] from a query string (or a JSON number). */
export function ZIntParam(min: number, max: number) {
  return z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
}

/** A message seq cursor (`before`, `after`, `around`): `min` is 1 for before/around, 0 for after. */
export const ZSeqParam = (min: 0 | 1) => ZIntParam(min, SEQ_MAX).optional();
/** A page size with its default. */
export const ZLimitParam = (max: number, fallback: number) => ZIntParam(1, max).default(fallback);
/** A 1-based page number (admin lists). */
export const ZPageParam = ZIntParam(1, 10_000).default(1);

// ---- REST -----------------------------------------------------------------------------

export const ZRegisterRequest = z.object({ email: ZEmail, password: ZPassword, name: ZDisplayName }).strict();
export type TRegisterRequest = z.infer<typeof ZRegisterRequest>;

export const ZSignInRequest = z.object({ email: ZEmail, password: z.string().min(1).max(200) });
export type TSignInRequest = z.infer<typeof ZSignInRequest>;

export const ZPasswordResetRequest = z.object({ email: ZEmail }).strict();
export type TPasswordResetRequest = z.infer<typeof ZPasswordResetRequest>;

/** A reset token as it appears in the link: 32 random bytes, base64url (43 characters). */
export const ZPasswordResetToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "is not a reset token");
export const ZPasswordResetConfirm = z.object({ token: ZPasswordResetToken, password: ZPassword }).strict();
export type TPasswordResetConfirm = z.infer<typeof ZPasswordResetConfirm>;

export const ZRoomName = ZText("name").min(1, "is required").max(80, "must be at most 80 characters");
export const ZRoomVisibility = z.enum(["PUBLIC", "PRIVATE"]);
export const ZCreateRoomRequest = z
  .object({
    name: ZRoomName,
    topic: ZText("line").max(250, "must be at most 250 characters").optional(),
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
  before: ZSeqParam(1),
  after: ZSeqParam(0),
  limit: ZLimitParam(HISTORY_PAGE_MAX, HISTORY_PAGE_DEFAULT),
};

/** `GET /api/rooms/{id}/messages?before=<seq>&limit=<n>` or `?after=<seq>` (catch-up). */
export const ZHistoryQuery = z
  .object(historyCursors)
  .refine((q) => q.before === undefined || q.after === undefined, { message: "use either before or after, not both" });
export type THistoryQuery = z.infer<typeof ZHistoryQuery>;

/** Room history also takes `?around=<seq>`: the page around one message (jump to a search result). */
export const ZRoomHistoryQuery = z
  .object({ ...historyCursors, around: ZSeqParam(1) })
  .refine((q) => [q.before, q.after, q.around].filter((v) => v !== undefined).length <= 1, { message: "use only one of before, after and around" });
export type TRoomHistoryQuery = z.infer<typeof ZRoomHistoryQuery>;

export const SEARCH_QUERY_MAX = 200;
export const SEARCH_PAGE_MAX = 50;
export const SEARCH_PAGE_DEFAULT = 20;

/** `GET /api/search?q=&roomId=&authorId=&cursor=&limit=`: full-text search of readable messages. */
export const ZSearchQuery = z.object({
  q: ZText("line").min(1, "is required").max(SEARCH_QUERY_MAX, `must be at most ${SEARCH_QUERY_MAX} characters`),
  roomId: ZId.optional(),
  authorId: ZId.optional(),
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: ZText("line").min(1).max(200, "is not a valid cursor").optional(),
  limit: ZLimitParam(SEARCH_PAGE_MAX, SEARCH_PAGE_DEFAULT),
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

export const ZMessageBody = ZText("multiline")
  .min(1, "must not be empty")
  .max(MESSAGE_MAX_LENGTH, `must be at most ${MESSAGE_MAX_LENGTH} characters`);

/** Files one message may carry. */
export const MESSAGE_MAX_ATTACHMENTS = 10;

export const ZSendMessage = z
  .object({
    roomId: ZId,
    clientId: ZClientId,
    /** May be empty when the message carries attachments. */
    body: ZText("multiline").max(MESSAGE_MAX_LENGTH, `must be at most ${MESSAGE_MAX_LENGTH} characters`),
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
  q: ZText("line").max(50, "must be at most 50 characters").default(""),
  limit: ZLimitParam(50, 20),
});

/** `PATCH /api/rooms/{id}`: any of name, topic (empty clears it), visibility. */
/** `PATCH /api/rooms/{id}` on a group DM: its name, or null to go back to the members' names. */
export const ZRenameDmRequest = z.object({ name: ZRoomName.nullable() }).strict();

export const ZUpdateRoomRequest = z
  .object({
    name: ZRoomName.optional(),
    topic: ZText("line").max(250, "must be at most 250 characters").nullable().optional(),
    visibility: ZRoomVisibility.optional(),
  })
  .strict()
  .refine((v) => v.name !== undefined || v.topic !== undefined || v.visibility !== undefined, { message: "change at least one of name, topic, visibility" });

/** `POST /api/rooms/{id}/archive` */
export const ZArchiveRequest = z.object({ archived: z.boolean().default(true), reason: ZText("multiline").max(500, "must be at most 500 characters").optional() }).strict();

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

/** An IANA time zone this runtime knows (`Europe/Paris`, `UTC`), as a browser reports it. */
export const ZTimeZone = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_+\-/]+$/, "must be an IANA time zone")
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "must be an IANA time zone");
export const ZSetTimeZone = z.object({ timeZone: ZTimeZone }).strict();
export type TSetTimeZone = z.infer<typeof ZSetTimeZone>;
export const ZTheme = z.enum(["SYSTEM", "LIGHT", "DARK"]);

/** `PUT /api/me/theme`: light, dark, or follow the device (SYSTEM). */
export const ZSetTheme = z.object({ theme: ZTheme }).strict();
export type TSetTheme = z.infer<typeof ZSetTheme>;

/** `PUT /api/me/locale`: one of the interface languages (lib/shared/locales.ts), or null to follow the browser. */
export const ZSetLocale = z.object({ locale: z.enum(LOCALES).nullable() }).strict();
export type TSetLocale = z.infer<typeof ZSetLocale>;

// ---- Mentions, read state, notifications (server/services/read-state.ts, mentions.ts) ----

/** `room:read` and `POST /api/rooms/{id}/read`: I have seen everything up to `seq` (never moves back). */
export const ZMarkRead = z.object({ roomId: ZId, seq: z.number().int().min(0).max(SEQ_MAX) }).strict();
export type TMarkRead = z.infer<typeof ZMarkRead>;

/** `PUT /api/rooms/{id}/notifications`: silence (or not) this room's notifications for me. */
export const ZSetNotifications = z.object({ muted: z.boolean() }).strict();

// ---- Resuming events (server/services/sync-journal.ts, docs/delivery.md) ----

/** A journal position: the decimal `sid` of a journaled event (a positive 64-bit integer). */
export const ZSyncId = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,18})$/, "a journal position is a decimal integer")
  // (zod runs this even when the pattern failed: only digits reach BigInt.)
  .refine((s) => !/^[0-9]{1,19}$/.test(s) || BigInt(s) <= 9223372036854775807n, "a journal position is at most 2^63 - 1");

/** `session:resume`: the last journal position I saw, or null for "just tell me the current one". */
export const ZResume = z.object({ after: ZSyncId.nullable() }).strict();
export type TResume = z.infer<typeof ZResume>;
