/**
 * Structured logs: pino, one JSON object per line on stdout. Call sites pass a message and
 * fields (`log.warn("handshake failed", { socketId, err })`); request ids (`requestId`, from
 * x-request-id) and socket ids (`socketId`) go in the fields. `err` is serialised with its
 * stack. The level comes from LOG_LEVEL (server/env.ts). One logger per runtime
 * (server/runtime.ts), handed to what logs.
 */
import pino from "pino";

export type LogLevel = "debug" | "info" | "warn" | "error";
type Fields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
}

export function createLogger(level: LogLevel): Logger {
  const logger = pino({
    level,
    base: { pid: process.pid, service: "parley" },
    serializers: { err: pino.stdSerializers.err },
    redact: { paths: ["password", "*.password", "cookie", "*.cookie", "authorization", "*.authorization"], censor: "[redacted]" },
  });
  return {
    debug: (msg, fields) => logger.debug(fields ?? {}, msg),
    info: (msg, fields) => logger.info(fields ?? {}, msg),
    warn: (msg, fields) => logger.warn(fields ?? {}, msg),
    error: (msg, fields) => logger.error(fields ?? {}, msg),
  };
}
