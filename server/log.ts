/**
 * Structured logs: pino, one JSON object per line on stdout. Call sites pass a message and
 * fields (`log.warn("handshake failed", { socketId, err })`); request ids (`requestId`, from
 * x-request-id) and socket ids (`socketId`) go in the fields. `err` is serialised with its
 * stack. LOG_LEVEL sets the threshold (default info).
 */
import pino from "pino";

type Level = "debug" | "info" | "warn" | "error";
const LEVELS: readonly string[] = ["debug", "info", "warn", "error"];

const holder = globalThis as unknown as { __parleyLogger?: pino.Logger };

function logger(): pino.Logger {
  if (!holder.__parleyLogger) {
    const level = process.env.LOG_LEVEL && LEVELS.includes(process.env.LOG_LEVEL) ? process.env.LOG_LEVEL : "info";
    holder.__parleyLogger = pino({
      level,
      base: { pid: process.pid, service: "parley" },
      serializers: { err: pino.stdSerializers.err },
      redact: { paths: ["password", "*.password", "cookie", "*.cookie", "authorization", "*.authorization"], censor: "[redacted]" },
    });
  }
  return holder.__parleyLogger;
}

function write(level: Level, msg: string, fields?: Record<string, unknown>) {
  logger()[level](fields ?? {}, msg);
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
