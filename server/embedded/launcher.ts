/**
 * The embedded PostgreSQL: PGlite (PostgreSQL compiled to WebAssembly, in this process) with its
 * data in a local folder, served over the PostgreSQL wire protocol on a loopback port by
 * pglite-socket, so Parley reaches it through the same DATABASE_URL + @prisma/adapter-pg path as
 * a real server. Node only (see ./index.ts).
 *
 * One connection at a time: PGlite is a single PostgreSQL session, so two clients would share
 * session state (search_path, prepared statements) and could interleave each other's
 * extended-protocol messages. The socket server therefore accepts one client
 * (`maxConnections: 1`, its default) and Parley's pool is capped to 1 (DATABASE_POOL_MAX).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import type { EmbeddedConfig } from "../env";
import type { Logger } from "../log";
import { EmbeddedError, embeddedPaths, ensurePrivateDir, lockDataDir, readOrCreateAuthSecret } from "./files";
import { seedFirstRun, type FirstAdmin } from "./first-run";
import { migrateDeploy, needsMigrateDeploy } from "./migrate";

export interface EmbeddedDatabase {
  /** The loopback postgresql:// URL, also put in process.env.DATABASE_URL. */
  url: string;
  dataDir: string;
  /** Closes the socket and PGlite (flushing it) and releases the data folder. Idempotent. */
  stop(): Promise<void>;
}

/** The checkout or install root: the folder with prisma.config.ts and prisma/migrations. This
 *  module runs from server/embedded/ (tsx) or bundled into dist/server.mjs. */
function findRootDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (fs.existsSync(path.join(dir, "prisma.config.ts")) && fs.existsSync(path.join(dir, "prisma", "migrations"))) return dir;
    dir = path.dirname(dir);
  }
  throw new EmbeddedError("Cannot find prisma.config.ts and prisma/migrations above the server code; the embedded database needs them to migrate.");
}

function announce(appUrl: string, dataDir: string, stateDir: string, admin: FirstAdmin | null): void {
  const rel = (p: string) => path.relative(process.cwd(), p) || ".";
  const lines = [
    "",
    `Parley is running on an embedded PostgreSQL (PGlite), data in ${rel(dataDir)}.`,
    "It is meant for trying Parley and small single-instance use: see docs/embedded.md.",
  ];
  if (admin) {
    lines.push(
      `First start: created the admin account and #general. Sign in at ${appUrl} with`,
      `    email:    ${admin.email}`,
      `    password: ${admin.password}`,
      `This password is shown once; it is also saved in ${rel(admin.file)} (readable only by you).`,
    );
  } else {
    const adminFile = path.join(stateDir, "admin.txt");
    lines.push(fs.existsSync(adminFile) ? `Open ${appUrl}; the first admin's sign-in is in ${rel(adminFile)}.` : `Open ${appUrl}.`);
  }
  // Plain text for the person at the terminal (stdout carries JSON log lines).
  process.stderr.write(`${lines.join("\n")}\n\n`);
}

export async function startEmbedded(config: EmbeddedConfig, log: Logger): Promise<EmbeddedDatabase> {
  const started = Date.now();
  const rootDir = findRootDir();
  const { stateDir, dataDir } = embeddedPaths(config.dataDir);
  ensurePrivateDir(stateDir);
  if (config.redisUrlSet) {
    log.warn("REDIS_URL is set but DATABASE_URL is not: each instance gets its own embedded database; set DATABASE_URL to run several");
  }
  if (!config.authSecretSet) process.env.AUTH_SECRET = readOrCreateAuthSecret(stateDir);

  const release = lockDataDir(dataDir);
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      try {
        await server?.stop();
      } finally {
        try {
          if (db && !db.closed) await db.close();
        } finally {
          release();
        }
      }
    })());

  try {
    // Loaded only in embedded mode: PGlite is ~27 MB of WebAssembly and data.
    const { PGlite } = await import("@electric-sql/pglite");
    const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
    const firstStart = !fs.existsSync(path.join(dataDir, "PG_VERSION"));
    db = await PGlite.create({ dataDir });
    const migrate = await needsMigrateDeploy(db, rootDir);

    server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 1 });
    await server.start();
    const port = Number(server.getServerConn().split(":").pop());
    const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;

    if (migrate) {
      const output = await migrateDeploy(rootDir, url);
      log.debug("prisma migrate deploy", { output });
    }
    const admin = await seedFirstRun(url, stateDir, config.appOrigin, config.seed);

    process.env.DATABASE_URL = url;
    process.env.DATABASE_POOL_MAX = "1";
    // PGlite has one session, which outlives any one connection to it: a named statement that a
    // closed connection prepared still exists for the next one, which would prepare it again
    // ("prepared statement already exists"). So no named statements here.
    process.env.DATABASE_PREPARED_STATEMENTS = "0";
    log.info("embedded database ready", { dataDir, port, firstStart, migrated: migrate, seeded: admin !== null, ms: Date.now() - started });
    announce(config.appOrigin, dataDir, stateDir, admin);
    return { url, dataDir, stop };
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }
}
