/**
 * Configuration: read and validated once, at start-up. A missing or invalid value stops the
 * process with one line naming it (see `loadEnv`). `.env.example` documents every variable.
 */
import { z } from "zod";

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({ message: "is required (e.g. postgresql://postgres@127.0.0.1:5432/parley)" })
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Namespace for every Redis key and pub/sub channel, so several deployments (or test runs) can share one Redis. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, "must be 1-64 letters, digits or _.:-")
    .default("parley"),
  AUTH_SECRET: z.string({ message: "is required (at least 32 random characters)" }).min(32, "must be at least 32 characters"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  APP_ORIGIN: z
    .url({ message: "must be a URL such as http://localhost:3000" })
    .optional()
    .transform((v) => (v ? new URL(v).origin : undefined)),
  /**
   * More origins browsers may use besides APP_ORIGIN (comma-separated, e.g. a second hostname
   * for the same deployment): their Socket.IO handshakes and REST writes are accepted too.
   */
  ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((v, ctx) => {
      const out: string[] = [];
      for (const part of v.split(",").map((p) => p.trim()).filter(Boolean)) {
        try {
          const u = new URL(part);
          if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("not http(s)");
          out.push(u.origin);
        } catch {
          ctx.addIssue({ code: "custom", message: `must be comma-separated http(s) origins; "${part}" is not one` });
          return z.NEVER;
        }
      }
      return out;
    }),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** How long a crashed instance's users stay online at most (refreshed every third of it). */
  PRESENCE_TTL_MS: z.coerce.number().int().min(1000).max(600_000).default(15_000),
  /** Multiplies every rate limit (server/services/rate-limit.ts). Tests and benchmarks raise it. */
  RATE_LIMIT_SCALE: z.coerce.number().positive("must be a positive number").default(1),
  /** Socket.IO connections one user may hold at once, across all instances. */
  MAX_SOCKETS_PER_USER: z.coerce.number().int().min(1).max(1000).default(20),
  /** Behind a reverse proxy (nginx): take the client IP from X-Forwarded-For. */
  TRUST_PROXY: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  /** When set, GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional().or(z.literal("").transform(() => undefined)),
  /** Largest accepted upload (attachments and avatars), in bytes. */
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Where the local storage backend keeps uploaded files (a volume in Docker). */
  UPLOAD_DIR: z.string().min(1).default(".data/uploads"),
  /** Database connections in this process's pool (the embedded database sets 1). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(20),
  /** Named prepared statements (server/db.ts); "0" turns them off, e.g. behind a pooler in transaction mode. */
  DATABASE_PREPARED_STATEMENTS: z
    .enum(["0", "1"])
    .default("1")
    .transform((v) => v === "1"),
  /** Group commit (server/services/message-writer.ts): rows per statement, and how long a batch waits for company. */
  MESSAGE_WRITER_MAX_BATCH: z.coerce.number().int().min(1).max(10_000).default(100),
  MESSAGE_WRITER_WINDOW_MS: z.coerce.number().int().min(0).max(1000).default(2),
});

export type Env = Omit<z.infer<typeof ZEnv>, "APP_ORIGIN"> & { APP_ORIGIN: string };

export class EnvError extends Error {}

/** Parse `source` (default `process.env`); throws EnvError whose message is one line per bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = ZEnv.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `Invalid configuration: ${i.path.map(String).join(".")} ${i.message}`);
    throw new EnvError(lines.join("\n"));
  }
  const env = result.data;
  const appOrigin = env.APP_ORIGIN ?? `http://localhost:${env.PORT}`;
  return { ...env, APP_ORIGIN: appOrigin, ALLOWED_ORIGINS: [...new Set([appOrigin, ...env.ALLOWED_ORIGINS])] };
}

