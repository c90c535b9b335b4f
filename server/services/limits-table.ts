/**
 * Every rate limit Parley applies, in one table (docs/api.md "Rate limits" lists the same rows;
 * tests/unit/limits-doc.test.ts checks they agree).
 *
 * - RATE_LIMITS: `points` actions per `duration` seconds, per key (`per`: a user id, an IP or an
 *   account). `staffExempt`: global admins and moderators are not counted.
 * - SOCKET_EVENT_LIMITS: what each client -> server event counts against, applied by `acked`
 *   (server/realtime/acked.ts) before the handler runs. An event is either refused over a limit
 *   (RATE_LIMITED, `details.retryAfterMs`) or coalesced: `drop` forwards at most one call per
 *   `windowMs` per room and acks the rest ok without doing anything (`resetBy`: events in the same
 *   room that end the window early); `latest` runs the first call
 *   of a window at once and the latest of the others at the end of the window, and acks each
 *   of those with that last run's answer.
 * - REST writes (POST/PATCH/PUT/DELETE) count against `rest.write:user` unless their route names
 *   a limit of its own (`authed(run, { limit })`, server/http/handler.ts).
 *
 * Every limit is multiplied by RATE_LIMIT_SCALE; coalescing windows are not.
 */
import type { ClientEventName } from "@/lib/shared/events";

export interface LimitSpec {
  points: number;
  duration: number;
  per: "user" | "ip" | "account";
  staffExempt?: true;
}

export const RATE_LIMITS = {
  /** Messages sent, per user. */
  "message.send:user": { points: 30, duration: 10, per: "user" },
  /** Messages sent, per IP (many accounts behind one address). */
  "message.send:ip": { points: 120, duration: 10, per: "ip" },
  /** Edits (socket message:edit, PATCH /api/messages/{id}). */
  "message.edit:user": { points: 30, duration: 10, per: "user" },
  /** Deletes (socket message:delete, DELETE /api/messages/{id}). */
  "message.delete:user": { points: 30, duration: 10, per: "user" },
  /** Reactions set or cleared (socket and REST). */
  "reaction:user": { points: 60, duration: 10, per: "user" },
  /** Pins set or cleared (socket and REST). */
  "pin:user": { points: 30, duration: 60, per: "user" },
  /** Joining rooms (REST join, socket room:join, invites), per user. */
  "room.join:user": { points: 60, duration: 60, per: "user" },
  /** Leaving rooms and hiding DMs (socket room:leave, REST leave). */
  "room.leave:user": { points: 60, duration: 60, per: "user" },
  /** Rooms created (POST /api/rooms); global staff are exempt. */
  "room.create:user": { points: 10, duration: 3600, per: "user", staffExempt: true },
  /** Opening DMs (socket dm:open, POST /api/dms), found or created. */
  "dm.open:user": { points: 60, duration: 60, per: "user" },
  /** Group DMs created (counted only when dm:open creates one). */
  "dm.group:user": { points: 10, duration: 3600, per: "user" },
  /** Presence status changes (socket status:set, REST). */
  "status:user": { points: 30, duration: 60, per: "user" },
  /** Admin dashboard subscriptions (admin:subscribe, admin:unsubscribe). */
  "admin.subscribe:user": { points: 30, duration: 60, per: "user" },
  /** Event resumes (socket session:resume: every reconnect and every server:resync). */
  "session.resume:user": { points: 60, duration: 60, per: "user" },
  /** Every other REST write, per user. */
  "rest.write:user": { points: 120, duration: 60, per: "user" },
  /** Message searches, per user (a search box asks as the user types, debounced). */
  "search:user": { points: 30, duration: 10, per: "user" },
  /** Uploads, per user. */
  "upload:user": { points: 30, duration: 60, per: "user" },
  /** Accounts created, per IP. */
  "register:ip": { points: 10, duration: 3600, per: "ip" },
  /** Sign-in attempts, per IP (password spraying). */
  "signin:ip": { points: 30, duration: 600, per: "ip" },
  /** Failed sign-in attempts, per account (brute force on one account). */
  "signin:account": { points: 10, duration: 900, per: "account" },
  /** Wrong two-factor codes, per account: at sign-in and in settings (past it every code is refused until the window passes). */
  "two-factor:account": { points: 5, duration: 900, per: "account" },
  /** Password changes from settings (POST /api/me/password), right or wrong, per user. */
  "password.change:user": { points: 10, duration: 3600, per: "user" },
  /** Password reset requests, per IP (answered 429 past it). */
  "password-reset:ip": { points: 10, duration: 3600, per: "ip" },
  /** Password reset mails, per account (past it the request is answered 202 as always, and no mail goes out). */
  "password-reset:account": { points: 3, duration: 3600, per: "account" },
  /** Password reset confirmations, per IP (guessing tokens). */
  "password-reset.confirm:ip": { points: 20, duration: 3600, per: "ip" },
  /** Sign-up mails (a confirmation link, or "this address has an account" / "sign-up is closed"), per address; past it the answer is still 202 and no mail goes out. */
  "register:account": { points: 3, duration: 3600, per: "account" },
  /** Confirmation links mailed (resend, email change), per address; past it the answer is still 202 and no mail goes out. */
  "verify-email:account": { points: 5, duration: 3600, per: "account" },
  /** Confirmation link resends asked for from the sign-in page, per IP. */
  "verify-email.resend:ip": { points: 10, duration: 3600, per: "ip" },
  /** Confirmation link uses, per IP (guessing tokens). */
  "verify-email.confirm:ip": { points: 20, duration: 3600, per: "ip" },
  /** Invitation accepts (and looks), per IP (guessing tokens). */
  "invitation.accept:ip": { points: 20, duration: 3600, per: "ip" },
  /** Invitations sent (created or resent), per user; global staff are exempt. */
  "invitation.send:user": { points: 30, duration: 3600, per: "user", staffExempt: true },
  /** Socket handshakes, per IP, whether they authenticate or not. */
  "socket.connect:ip": { points: 120, duration: 60, per: "ip" },
} as const satisfies Record<string, LimitSpec>;

export type RateLimitName = keyof typeof RATE_LIMITS;

export type EventLimit =
  | { kind: "limit"; names: readonly RateLimitName[] }
  | { kind: "coalesce"; mode: "drop" | "latest"; windowMs: number; resetBy?: readonly ClientEventName[] };

const limit = (...names: RateLimitName[]): EventLimit => ({ kind: "limit", names });

/** What every client -> server event counts against (a missing event fails typecheck). */
export const SOCKET_EVENT_LIMITS: Record<ClientEventName, EventLimit> = {
  "room:join": limit("room.join:user"),
  "room:leave": limit("room.leave:user"),
  "message:send": limit("message.send:user", "message.send:ip"),
  "message:edit": limit("message.edit:user"),
  "message:delete": limit("message.delete:user"),
  "dm:open": limit("dm.open:user"),
  "status:set": limit("status:user"),
  // A stop or a send ends the typing (the server clears it): typing again is forwarded at once.
  "typing:start": { kind: "coalesce", mode: "drop", windowMs: 2000, resetBy: ["typing:stop", "message:send"] },
  "typing:stop": { kind: "coalesce", mode: "drop", windowMs: 2000 },
  "admin:subscribe": limit("admin.subscribe:user"),
  "admin:unsubscribe": limit("admin.subscribe:user"),
  "reaction:set": limit("reaction:user"),
  "message:pin": limit("pin:user"),
  "room:read": { kind: "coalesce", mode: "latest", windowMs: 1000 },
  "session:resume": limit("session.resume:user"),
};
