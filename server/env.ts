/**
 * Configuration: read and validated once, at start-up. A missing or invalid value stops the
 * process with one line naming it (see `parseEnv`). `.env.example` documents every variable.
 * This is the one module that reads configuration from `process.env`: the server's (`parseEnv`),
 * the embedded launcher's, which runs before there is a DATABASE_URL (`readEmbeddedConfig`), and
 * the seed scripts' (`readSeedConfig`); `.env` is merged into the environment by `loadDotenv`.
 */
import fs from "node:fs";
import { z } from "zod";

/** An integer variable; unset or empty takes the default. */
const int = (min: number, fallback: number) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(min).default(fallback));
/** "1"/"true" or "0"/"false"; unset or empty takes the default. */
const flag = (fallback: boolean) =>
  z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .enum(["0", "1", "true", "false"], { message: "must be 0 or 1" })
      .optional()
      .transform((v) => (v === undefined ? fallback : v === "1" || v === "true")),
  );

const REDIS_KEY_PREFIX_CHARS = /^[A-Za-z0-9_.:-]{1,64}$/;

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
  /**
   * Namespace for every Redis key and pub/sub channel, so several deployments (or test runs) can
   * share one Redis. Default `parley:<database name>` (see `defaultRedisKeyPrefix`).
   */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(REDIS_KEY_PREFIX_CHARS, "must be 1-64 letters, digits or _.:-")
    .optional(),
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
  /** How long the event journal keeps events for `session:resume` (docs/delivery.md); a client away longer reloads. */
  SYNC_RETENTION_MINUTES: z.coerce.number().int().min(1).max(10_080).default(120),
  PRESENCE_TTL_MS: z.coerce.number().int().min(1000).max(600_000).default(15_000),
  /** Multiplies every rate limit (server/services/rate-limit.ts). Tests and benchmarks raise it. */
  RATE_LIMIT_SCALE: z.coerce.number().positive("must be a positive number").default(1),
  /** Socket.IO connections one user may hold at once, across all instances. */
  MAX_SOCKETS_PER_USER: z.coerce.number().int().min(1).max(1000).default(20),
  /**
   * Trusted proxy hops in front of the app (nginx: 1): the client IP is the X-Forwarded-For
   * entry that many from the right, the one the nearest trusted proxy appended. 0 = the TCP peer.
   * The old boolean spellings still work: "true" is 1, "false" is 0.
   */
  TRUST_PROXY: z.preprocess(
    (v) => (v === "" || v === undefined ? "0" : v === "true" ? "1" : v === "false" ? "0" : v),
    z.string().regex(/^\d{1,2}$/, "must be the number of trusted proxy hops (0 = none, 1 = one proxy such as nginx)").transform(Number),
  ),
  /**
   * "1": global staff may read DMs and private rooms they are not in through the admin message
   * search (each such read is audited). Default off: staff see only what members report.
   */
  STAFF_READ_PRIVATE: flag(false),
  /** When set, GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional().or(z.literal("").transform(() => undefined)),
  /** Largest accepted upload (attachments and avatars), in bytes. */
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Where the local storage backend keeps uploaded files (a volume in Docker). */
  UPLOAD_DIR: z.string().min(1).default(".data/uploads"),
  /**
   * Outgoing mail (password reset links) through this SMTP server, e.g.
   * smtp://user:pass@mail.example.com:587 or smtps://…:465. Unset: each mail is written to the
   * server log and listed for admins on the dashboard's "Outgoing mail" page.
   */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/\s]+/, "must be an smtp:// or smtps:// URL (e.g. smtp://user:pass@mail.example.com:587)")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The From address of outgoing mail. */
  MAIL_FROM: z.string().min(3).max(200).default("Parley <parley@localhost>"),
  /**
   * Single sign-on through an OpenID Connect provider (docs/accounts.md "Single sign-on"): its
   * issuer URL (discovery at <issuer>/.well-known/openid-configuration), the client registered
   * there (redirect URI <APP_ORIGIN>/api/auth/callback/oidc) and the name on the sign-in button.
   */
  OIDC_ISSUER: z
    .url({ message: "must be the provider's issuer URL, e.g. https://accounts.google.com" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  OIDC_CLIENT_ID: z.string().min(1).optional().or(z.literal("").transform(() => undefined)),
  OIDC_CLIENT_SECRET: z.string().min(1).optional().or(z.literal("").transform(() => undefined)),
  OIDC_NAME: z.string().min(1).max(60).default("single sign-on"),
  /** "1": people sign in only through OIDC_ISSUER: no password sign-in, sign-up or reset. */
  AUTH_SSO_ONLY: flag(false),
  /**
   * What happens to a deleted account's messages (docs/accounts.md "Your data and leaving"):
   * "keep" them under the name "Deleted user", or "remove" them (each shown as "message deleted").
   */
  ACCOUNT_DELETION_MESSAGES: z.enum(["keep", "remove"], { message: 'must be "keep" or "remove"' }).default("keep"),
  /** PostgreSQL connections in the pool (the embedded database sets 1). */
  DATABASE_POOL_MAX: int(1, 20),
  /** Named prepared statements (off behind a pooler in transaction mode; the embedded database turns them off). */
  DATABASE_PREPARED_STATEMENTS: flag(true),
  /** Group commit: rows per INSERT of the message writer (docs/performance.md). */
  MESSAGE_WRITER_MAX_BATCH: int(1, 100),
  /** Group commit: how long (ms) a batch waits for company; 0 writes at once. */
  MESSAGE_WRITER_WINDOW_MS: int(0, 2),
  /** "0": never fall back to the embedded database; a missing DATABASE_URL stops the server. */
  PARLEY_EMBEDDED: flag(true),
  /** The embedded database's data folder (relative to the working directory); default ./.parley/data. */
  PARLEY_DATA_DIR: z.string().min(1).optional().or(z.literal("").transform(() => undefined)),
});

export type Env = Omit<z.infer<typeof ZEnv>, "APP_ORIGIN" | "REDIS_KEY_PREFIX"> & { APP_ORIGIN: string; REDIS_KEY_PREFIX: string };

export class EnvError extends Error {}

/** The origin browsers use when APP_ORIGIN is not set. */
export function defaultAppOrigin(port: number | string): string {
  return `http://localhost:${port}`;
}

const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"] as const;

/**
 * The loopback rule: when `origin`'s host is a loopback name, every loopback spelling of it
 * (same scheme and port: localhost, 127.0.0.1, [::1]), else nothing. A browser sends such an
 * Origin only from a page on this very machine, so accepting the other spellings lets whoever
 * opens http://127.0.0.1:3000 instead of http://localhost:3000 write, and opens nothing to
 * another site. Applied whatever NODE_ENV is: `npm run go` and Docker Compose run production
 * on loopback too. A public APP_ORIGIN never gets aliases.
 */
export function loopbackAliases(origin: string): string[] {
  const url = new URL(origin);
  if (!(LOOPBACK_HOSTS as readonly string[]).includes(url.hostname)) return [];
  const port = url.port ? `:${url.port}` : "";
  return LOOPBACK_HOSTS.map((host) => `${url.protocol}//${host}${port}`);
}

/**
 * `parley:<database name>`, the name reduced to the prefix's characters: two deployments on one
 * Redis with different databases then never share channels, presence or rate limits, while the
 * instances of one deployment (one database) do. `parley` when the URL names no database.
 */
export function defaultRedisKeyPrefix(databaseUrl: string): string {
  let name = "";
  try {
    name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ""));
  } catch {
    // an unparsable URL is reported by DATABASE_URL's own check
  }
  const safe = name.replace(/[^A-Za-z0-9_.-]/g, "_");
  return safe ? `parley:${safe}`.slice(0, 64) : "parley";
}

/** Parse `source` (default `process.env`); throws EnvError whose message is one line per bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = ZEnv.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `Invalid configuration: ${i.path.map(String).join(".")} ${i.message}`);
    throw new EnvError(lines.join("\n"));
  }
  const env = result.data;
  const sso: string[] = [];
  if (env.OIDC_ISSUER && (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET)) sso.push("Invalid configuration: OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required with OIDC_ISSUER");
  if (!env.OIDC_ISSUER && (env.OIDC_CLIENT_ID || env.OIDC_CLIENT_SECRET)) sso.push("Invalid configuration: OIDC_ISSUER is required with OIDC_CLIENT_ID and OIDC_CLIENT_SECRET");
  if (env.AUTH_SSO_ONLY && !env.OIDC_ISSUER) sso.push("Invalid configuration: AUTH_SSO_ONLY needs single sign-on configured (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)");
  if (sso.length) throw new EnvError(sso.join("\n"));
  const appOrigin = env.APP_ORIGIN ?? defaultAppOrigin(env.PORT);
  return {
    ...env,
    APP_ORIGIN: appOrigin,
    ALLOWED_ORIGINS: [...new Set([appOrigin, ...loopbackAliases(appOrigin), ...env.ALLOWED_ORIGINS])],
    REDIS_KEY_PREFIX: env.REDIS_KEY_PREFIX ?? defaultRedisKeyPrefix(env.DATABASE_URL),
  };
}

/** What the embedded launcher (server/embedded) needs, read before DATABASE_URL exists. */
export interface EmbeddedConfig {
  /** Embedded mode runs: no DATABASE_URL, and PARLEY_EMBEDDED is not "0" (whatever NODE_ENV is). */
  wanted: boolean;
  /** PARLEY_DATA_DIR, relative to the working directory; unset = ./.parley/data. */
  dataDir: string | undefined;
  authSecretSet: boolean;
  redisUrlSet: boolean;
  /** The origin to print for signing in (APP_ORIGIN, else its default). */
  appOrigin: string;
  seed: { email: string; password: string | undefined };
}

export function readEmbeddedConfig(source: Record<string, string | undefined> = process.env): EmbeddedConfig {
  return {
    wanted: !source.DATABASE_URL && source.PARLEY_EMBEDDED !== "0" && source.PARLEY_EMBEDDED !== "false",
    dataDir: source.PARLEY_DATA_DIR || undefined,
    authSecretSet: Boolean(source.AUTH_SECRET),
    redisUrlSet: Boolean(source.REDIS_URL),
    appOrigin: source.APP_ORIGIN || defaultAppOrigin(source.PORT || 3000),
    seed: readSeedConfig(source),
  };
}

export const DEFAULT_ADMIN_EMAIL = "admin@parley.local";
/** The seed's admin password outside production when SEED_ADMIN_PASSWORD is unset. */
export const DEVELOPMENT_ADMIN_PASSWORD = "parley-admin";

/** SEED_ADMIN_EMAIL (normalised, default admin@parley.local) and SEED_ADMIN_PASSWORD (unset when empty). */
export function readSeedConfig(source: Record<string, string | undefined> = process.env): { email: string; password: string | undefined } {
  return { email: (source.SEED_ADMIN_EMAIL || DEFAULT_ADMIN_EMAIL).trim().toLowerCase(), password: source.SEED_ADMIN_PASSWORD || undefined };
}

/** What the scripts that write to the database without the server (seed, admin:create) need. */
export function readScriptConfig(source: Record<string, string | undefined> = process.env): { databaseUrl: string | undefined; production: boolean } {
  return { databaseUrl: source.DATABASE_URL || undefined, production: source.NODE_ENV === "production" };
}

/**
 * `.env` syntax as scripts/setup.sh reads it: `KEY=value` lines, `export ` allowed, one pair of
 * surrounding quotes stripped, blank lines and `#` comments skipped, anything else ignored.
 */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\r$/, "").replace(/^\s*export\s+/, "");
    if (/^\s*(#|$)/.test(line)) continue;
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    const key = line.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) continue;
    let value = line.slice(eq + 1);
    const quoted = /^"(.*)"$/.exec(value) ?? /^'(.*)'$/.exec(value);
    if (quoted) value = quoted[1] ?? "";
    out[key] = value;
  }
  return out;
}

/**
 * Merges `file` into `target` (default `process.env`) without overriding what is set there: the
 * real environment wins over `.env`. A missing file is no error. Returns the names it set.
 */
export function loadDotenv(file: string, target: Record<string, string | undefined> = process.env): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  const applied: string[] = [];
  for (const [key, value] of Object.entries(parseDotenv(text))) {
    if (target[key] !== undefined) continue;
    target[key] = value;
    applied.push(key);
  }
  return applied;
}
