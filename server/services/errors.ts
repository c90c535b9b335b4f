/** Turn anything thrown below the service layer into an AppError with the right code. */
import { AppError, isAppError } from "@/lib/shared/errors";

const UNAVAILABLE_HINTS = [
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "Connection terminated",
  "connection timeout",
  "timeout exceeded when trying to connect",
  "Can't reach database",
  "the database system is starting up",
  "the database system is shutting down",
  "terminating connection",
  "Client has encountered a connection error",
  // pg/Prisma when the server or a proxy drops an open connection mid-query.
  "Server has closed the connection",
];
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);

/**
 * Unavailable errors that strike before any statement reaches the server (no connection could
 * be made, or the server refused it at the door): nothing was written. Every other unavailable
 * error may have hit a statement in flight.
 */
const BEFORE_WRITE_HINTS = [
  "ECONNREFUSED",
  "timeout exceeded when trying to connect",
  "Can't reach database",
  "the database system is starting up",
  "the database system is shutting down",
  "connection timeout",
];
const BEFORE_WRITE_PRISMA_CODES = new Set(["P1001", "P2024"]);

function prismaCode(e: unknown): string | undefined {
  if (typeof e === "object" && e !== null && "code" in e && typeof (e as { code: unknown }).code === "string") {
    return (e as { code: string }).code;
  }
  return undefined;
}

/** A unique-constraint violation: P2002 from the query builder, SQLSTATE 23505 from raw SQL. */
export function isUniqueViolation(e: unknown): boolean {
  const code = prismaCode(e);
  if (code === "P2002") return true;
  const meta = (e as { meta?: { code?: unknown; driverAdapterError?: { cause?: { kind?: unknown } } } } | null)?.meta;
  if (meta?.code === "23505" || meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation") return true;
  return e instanceof Error && /23505|UniqueConstraintViolation|unique constraint/i.test(e.message);
}

/** An error's message and its cause's, for matching driver errors by text. */
function errorText(e: unknown): string {
  return e instanceof Error ? `${e.message} ${String((e as { cause?: unknown }).cause ?? "")}` : String(e);
}

export function isUnavailable(e: unknown): boolean {
  const code = prismaCode(e);
  if (code && UNAVAILABLE_PRISMA_CODES.has(code)) return true;
  const text = errorText(e);
  return UNAVAILABLE_HINTS.some((h) => text.includes(h));
}

/**
 * The connection was lost while a statement may have been in flight (reset, terminated, closed
 * by the server or a proxy mid-query): whether it committed is unknown.
 */
export function isOutcomeUnknown(e: unknown): boolean {
  if (!isUnavailable(e)) return false;
  const code = prismaCode(e);
  if (code && BEFORE_WRITE_PRISMA_CODES.has(code)) return false;
  const text = errorText(e);
  return !BEFORE_WRITE_HINTS.some((h) => text.includes(h));
}

/** PostgreSQL refused the data itself (SQLSTATE class 22: a NUL byte, an invalid encoding, ...). */
export function isDataException(e: unknown): boolean {
  return /\b22[0-9A-Z]{3}\b|invalid byte sequence|unsupported Unicode escape|contains null/i.test(errorText(e));
}

export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  if (isUnavailable(e)) return new AppError("UNAVAILABLE", "The database is unavailable; nothing was stored. Try again shortly.");
  return new AppError("INTERNAL", "Something went wrong on our side.");
}
