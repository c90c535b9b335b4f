/**
 * Every error Parley reports, REST and socket alike. One code, one meaning, one HTTP status.
 * REST answers `{ error: { code, message, details? } }` with `httpStatus[code]`;
 * socket acks answer `{ ok: false, error: { code, message, details? } }`.
 */
export const ErrorCode = {
  /** The input did not match the schema; `details.fieldErrors` names the fields. */
  VALIDATION_FAILED: "VALIDATION_FAILED",
  /** The request body was not JSON, or not an object. */
  BAD_REQUEST: "BAD_REQUEST",
  /** No valid session (REST) or handshake cookie (socket). */
  UNAUTHENTICATED: "UNAUTHENTICATED",
  /** Signed in, but not allowed to do this (e.g. not a member of the room). */
  FORBIDDEN: "FORBIDDEN",
  /** The thing named does not exist, or is invisible to the caller. */
  NOT_FOUND: "NOT_FOUND",
  /** A unique thing already exists (e.g. the email is taken). */
  CONFLICT: "CONFLICT",
  /** It existed but can no longer be used (an expired or used-up invite link). */
  GONE: "GONE",
  /** The body or payload is larger than allowed. */
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  /** Too many requests; retry after `details.retryAfterMs`. */
  RATE_LIMITED: "RATE_LIMITED",
  /** A dependency (database) is briefly unavailable; nothing was stored, retrying is safe. */
  UNAVAILABLE: "UNAVAILABLE",
  /**
   * The database connection was lost while the write was in flight: it may or may not have been
   * stored. Not a refusal: send the same request again (same clientId) until a definite answer
   * comes; never treat it as failed.
   */
  OUTCOME_UNKNOWN: "OUTCOME_UNKNOWN",
  /** A bug on our side; nothing is assumed stored. */
  INTERNAL: "INTERNAL",
  /** The account is banned; `details.reason`, `details.until` (ISO, or null when permanent). */
  BANNED: "BANNED",
  /** The sender is muted (globally, or in this room); `details.until`, `details.reason`, `details.scope`. */
  MUTED: "MUTED",
  /** The room is locked: read-only for everyone but its moderators. */
  ROOM_LOCKED: "ROOM_LOCKED",
  /** Slow mode: wait `details.retryAfterMs` before sending again in this room. */
  SLOW_MODE: "SLOW_MODE",
  /** The message contains a term the word filter blocks; `details.term`. */
  CONTENT_BLOCKED: "CONTENT_BLOCKED",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const httpStatus: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  OUTCOME_UNKNOWN: 503,
  INTERNAL: 500,
  BANNED: 403,
  MUTED: 403,
  ROOM_LOCKED: 403,
  SLOW_MODE: 429,
  CONTENT_BLOCKED: 422,
};

/** Codes after which the same request may be sent again unchanged. */
export const retryableCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>(["UNAVAILABLE", "OUTCOME_UNKNOWN", "RATE_LIMITED", "SLOW_MODE", "INTERNAL"]);

/**
 * Codes only a client produces, never the server (so they have no HTTP status): the client's
 * socket transport answers with them in place of an ack.
 */
export const ClientErrorCode = {
  /**
   * The ack did not arrive in time. The request may or may not have been stored; a send is
   * still safe to repeat because the server dedupes by clientId, so TIMEOUT counts as retryable.
   */
  TIMEOUT: "TIMEOUT",
  /** Not connected (or the connection dropped before the ack): nothing was sent or it is unknown; wait for the connection. */
  DISCONNECTED: "DISCONNECTED",
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

/**
 * True when a refusal (the server's `retryableCodes`, or the client-only TIMEOUT) may be retried
 * unchanged. DISCONNECTED is not: the caller waits for the connection instead of backing off.
 */
export function isRetryableCode(code: string): boolean {
  return code === ClientErrorCode.TIMEOUT || (retryableCodes as ReadonlySet<string>).has(code);
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** Thrown by services; turned into an HTTP response or an ack error at the edge. */
/**
 * Marks an AppError whatever copy of this module made it: the custom server and Next's route
 * handlers are separate bundles, each with its own AppError class, and the runtime built by one
 * throws into the other (a rate limit counted by the runtime refuses a REST request).
 */
const APP_ERROR = Symbol.for("parley.AppError");

export class AppError extends Error {
  readonly [APP_ERROR] = true;
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
  /** `instanceof AppError` holds for an AppError of either bundle. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [APP_ERROR]?: unknown })[APP_ERROR] === true;
  }

  toBody(): ErrorBody {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
