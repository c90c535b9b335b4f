/** Minimal structured logging: one JSON object per line on stdout (pino-compatible fields). */
type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 20, info: 30, warn: 40, error: 50 };

function threshold(): number {
  const v = process.env.LOG_LEVEL as Level | undefined;
  return order[v && v in order ? v : "info"];
}

function write(level: Level, msg: string, fields?: Record<string, unknown>) {
  if (order[level] < threshold()) return;
  const line: Record<string, unknown> = { level: order[level], time: Date.now(), msg, ...fields };
  if (fields?.err instanceof Error) line.err = { message: fields.err.message, stack: fields.err.stack };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
