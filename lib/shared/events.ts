/**
 * The Socket.IO contract, shared by server (server/realtime) and client (components/providers).
 * Every client->server event takes a payload and an ack callback; the ack is always `Ack<T>`.
 */
import type { ErrorBody } from "./errors";
import type { AdminOverview, MuteInfo, SessionEnded } from "./moderation";
import type { TEditMessage, TMarkRead, TMessageRef, TOpenDm, TRoomRef, TSendMessage, TSetPin, TResume, TSetReaction, TSetStatus } from "./schemas";
import type { MemberDTO, MessageDTO, ReadState, RoomDTO, RoomSettingsDTO, UserStatus, UserSummary } from "./types";

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
export type AckCallback<T> = (response: Ack<T>) => void;

export interface RoomJoined {
  roomId: string;
  /** Highest seq in the room at subscribe time: fetch history up to here, then rely on live events. */
  lastSeq: number;
  /** Users with at least one connected socket in the room. */
  online: string[];
  /** Users currently typing in the room. */
  typing: string[];
}

/**
 * The journal position of a journaled event (docs/delivery.md "Resuming events"): the second
 * argument of every event in JOURNALED_EVENTS. `sid` is a decimal string (a 64-bit id).
 */
export interface SyncMeta {
  sid: string;
}

/** One event `session:resume` replays, as it was emitted live. */
export type ResumedEvent = {
  [E in JournaledEvent]: { sid: string; event: E; payload: Parameters<ServerToClientEvents[E]>[0] };
}[JournaledEvent];

export interface ResumeResult {
  /** The newest journal position now: resume from here next time. */
  head: string;
  /** The journaled events addressed to the caller after `after`, oldest first. */
  events: ResumedEvent[];
  /**
   * True when the events after `after` are no longer all kept (older than the retention window,
   * or more than a resume returns): nothing is replayed and the client reloads its state instead.
   */
  reset: boolean;
}

export interface MessageSent {
  message: MessageDTO;
  /** True when this clientId was already stored: the stored message is returned, nothing is re-broadcast. */
  duplicate: boolean;
}

export interface ClientToServerEvents {
  /** Subscribe to a room's live events. The caller must be a member (join over REST first). */
  "room:join": (payload: TRoomRef, ack: AckCallback<RoomJoined>) => void;
  /** Unsubscribe from a room's live events (does not end the membership). */
  "room:leave": (payload: TRoomRef, ack: AckCallback<{ roomId: string }>) => void;
  /** Store and broadcast a message. Acked only after commit. */
  "message:send": (payload: TSendMessage, ack: AckCallback<MessageSent>) => void;
  /** Edit one's own message; acked with the new copy (also broadcast as `message:updated`). */
  "message:edit": (payload: TEditMessage, ack: AckCallback<MessageDTO>) => void;
  /** Soft-delete a message (author, room moderators, staff); acked with the new copy. */
  "message:delete": (payload: TMessageRef, ack: AckCallback<MessageDTO>) => void;
  /** Find or create the DM with these people (the caller is added); acked with the room. */
  "dm:open": (payload: TOpenDm, ack: AckCallback<{ room: RoomDTO; created: boolean }>) => void;
  /** Set my status (ONLINE, AWAY, DND); acked with it, announced as `user:status`. */
  "status:set": (payload: TSetStatus, ack?: AckCallback<{ status: UserStatus }>) => void;
  /** I am typing; repeat at least every 3 s while typing (expires after 5 s). */
  "typing:start": (payload: TRoomRef, ack?: AckCallback<null>) => void;
  "typing:stop": (payload: TRoomRef, ack?: AckCallback<null>) => void;
  /** Admin dashboard: receive `admin:overview` every few seconds (global admins and moderators). */
  "admin:subscribe": (payload: Record<string, never>, ack: AckCallback<AdminOverview>) => void;
  "admin:unsubscribe": (payload: Record<string, never>, ack?: AckCallback<null>) => void;
  /** Add or remove the caller's emoji reaction (idempotent). Acks the message as it now stands. */
  "reaction:set": (payload: TSetReaction, ack: AckCallback<MessageDTO>) => void;
  /** Pin or unpin a message (room owners and moderators, global staff). Acks the message. */
  "message:pin": (payload: TSetPin, ack: AckCallback<MessageDTO>) => void;
  /** I have seen the room up to `seq` (monotonic: a lower seq changes nothing). Acks my read state. */
  "room:read": (payload: TMarkRead, ack?: AckCallback<{ roomId: string } & ReadState>) => void;
  /**
   * Replay the journaled events addressed to me after journal position `after` (the last `sid`
   * I saw), or (`after: null`) just tell me the current position. Sent on every reconnect and
   * on `server:resync`.
   */
  "session:resume": (payload: TResume, ack: AckCallback<ResumeResult>) => void;
}

export type ClientEventName = keyof ClientToServerEvents;
/** What an event's ack carries on success (`data`), from the contract above. */
export type AckData<E extends ClientEventName> = NonNullable<Parameters<ClientToServerEvents[E]>[1]> extends AckCallback<infer T> ? T : never;

/**
 * Every client -> server event name at run time (the fuzz test sends garbage to each). The check
 * below fails to compile when an event is added to ClientToServerEvents but not here.
 */
export const CLIENT_EVENTS = [
  "room:join",
  "room:leave",
  "message:send",
  "message:edit",
  "message:delete",
  "dm:open",
  "status:set",
  "typing:start",
  "typing:stop",
  "admin:subscribe",
  "admin:unsubscribe",
  "reaction:set",
  "message:pin",
  "room:read",
  "session:resume",
] as const satisfies readonly (keyof ClientToServerEvents)[];
type UnlistedClientEvent = Exclude<keyof ClientToServerEvents, (typeof CLIENT_EVENTS)[number]>;
export const CLIENT_EVENTS_COMPLETE: [UnlistedClientEvent] extends [never] ? true : UnlistedClientEvent = true;

export interface ServerToClientEvents {
  /** One committed message. */
  "message:new": (message: MessageDTO) => void;
  /**
   * Several messages of one room committed together (one group commit), in seq order, as one
   * frame: the same as a `message:new` for each, in order. Busy rooms get these instead of one
   * frame per message, which is what keeps fan-out cheap (docs/performance.md).
   */
  "messages:new": (batch: { roomId: string; messages: MessageDTO[] }) => void;
  /**
   * A stored message changed (edit, delete, reactions, replies, pin, ...): the full new copy,
   * with a higher `rev`. Clients replace the copy they hold if its rev is lower, and ignore
   * messages they do not hold.
   */
  "message:updated": (message: MessageDTO, meta?: SyncMeta) => void;
  /** The full list of users typing in the room (excluding nobody: clients hide themselves). */
  typing: (payload: { roomId: string; userIds: string[] }) => void;
  /** The full list of users online in the room. */
  presence: (payload: { roomId: string; online: string[] }) => void;
  "member:joined": (payload: { roomId: string; member: MemberDTO }, meta?: SyncMeta) => void;
  "member:left": (payload: { roomId: string; userId: string }, meta?: SyncMeta) => void;
  /**
   * This instance is shutting down: finish the calls in flight (they are still answered), send
   * nothing new on this connection, and reconnect (the load balancer picks another instance).
   * Sockets still open after the hand-off window are closed by the server.
   */
  "server:draining": () => void;
  /**
   * This instance was cut off from the other instances (Redis) and is back: events may have
   * been missed without a disconnect. Resume (`session:resume`) as after a reconnect.
   */
  "server:resync": () => void;
  /**
   * This instance can write to the database again after refusing sends (UNAVAILABLE,
   * OUTCOME_UNKNOWN) because it could not reach it: retry now, rather than after the backoff.
   * Sent to every socket of that instance, once per outage.
   */
  "server:writable": () => void;
  /** To `user:<id>`: a ban or forced sign-out; the user's sockets are disconnected right after. */
  "session:ended": (payload: SessionEnded) => void;
  /** To `user:<id>`: the user was muted or unmuted (`mute: null`), globally (`roomId: null`) or in a room. */
  "moderation:muted": (payload: { roomId: string | null; mute: MuteInfo | null }, meta?: SyncMeta) => void;
  /** To `room:<id>`: the room's lock or slow mode changed. */
  "room:moderation": (payload: { roomId: string; locked: boolean; slowModeSeconds: number }, meta?: SyncMeta) => void;
  /** To `user:<id>`: a moderator removed the user from a room. */
  "member:removed": (payload: { roomId: string; reason: string | null }, meta?: SyncMeta) => void;
  /** To dashboard subscribers: live numbers. */
  "admin:overview": (payload: AdminOverview) => void;
  /** To `user:<id>`: the user now belongs to a room (a new DM, an invite); their sockets are subscribed. */
  "room:added": (payload: { room: RoomDTO }, meta?: SyncMeta) => void;
  /** To `user:<id>`: the user no longer belongs to a room (left in another tab, removed). */
  "room:removed": (payload: { roomId: string }, meta?: SyncMeta) => void;
  /** To `room:<id>`: the room's settings changed (name, topic, visibility, archived). */
  "room:updated": (payload: { room: RoomSettingsDTO }, meta?: SyncMeta) => void;
  /** To the user's rooms and own sockets: their profile changed (display name). */
  /** A rename, or a new picture (`user.avatarUrl`: its URL, null when removed). */
  "user:updated": (payload: { user: UserSummary }, meta?: SyncMeta) => void;
  /** To the user's rooms and own sockets: their status changed (online / away / do not disturb). */
  "user:status": (payload: { userId: string; status: UserStatus }, meta?: SyncMeta) => void;
  /** To `user:<id>`: the user's read state or notification setting in a room changed (any tab, any instance). */
  "membership:state": (payload: { roomId: string } & ReadState, meta?: SyncMeta) => void;
  /** To `user:<id>`: a new or edited message mentions the user (by name or `@room`). */
  "mention:new": (payload: { message: MessageDTO; viaRoom: boolean }, meta?: SyncMeta) => void;
  /** To `room:<id>` of DMs only: a participant has read up to `lastReadSeq` ("seen by"). */
  "member:read": (payload: { roomId: string; userId: string; lastReadSeq: number }, meta?: SyncMeta) => void;
}

/**
 * The events kept in the journal and replayed by `session:resume`. Messages themselves are not:
 * each room's `seq` already lets a client fetch exactly what it missed (`?after=`).
 */
export const JOURNALED_EVENTS = [
  "message:updated",
  "member:joined",
  "member:left",
  "moderation:muted",
  "room:moderation",
  "member:removed",
  "room:added",
  "room:removed",
  "room:updated",
  "user:updated",
  "user:status",
  "membership:state",
  "mention:new",
  "member:read",
] as const satisfies readonly (keyof ServerToClientEvents)[];
export type JournaledEvent = (typeof JOURNALED_EVENTS)[number];
const JOURNALED = new Set<string>(JOURNALED_EVENTS);
export const isJournaled = (event: string): event is JournaledEvent => JOURNALED.has(event);

/** Server-side only data attached to each socket. */
export interface SocketData {
  /** Who connected. No role: permissions read the current one (it may change while connected). */
  user: UserSummary;
  /** The client's address (rate limits per IP). */
  ip: string;
  /** The server-side session (the cookie's `sid`) this socket was opened with. */
  sessionId: string;
}

/** Socket.IO room names. */
export const roomChannel = (roomId: string) => `room:${roomId}`;
export const userChannel = (userId: string) => `user:${userId}`;
/** Every socket opened with one session (one signed-in browser), for closing them when it is revoked. */
export const sessionChannel = (sessionId: string) => `session:${sessionId}`;

/** Typing indicators expire this long after the last `typing:start`. */
export const TYPING_TTL_MS = 5000;
/** Clients re-send `typing:start` this often while the user keeps typing. */
export const TYPING_REFRESH_MS = 3000;
