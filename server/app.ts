/**
 * createApplication: the composition root. It builds the one runtime (server/runtime.ts) of a
 * Parley server on a given HTTP server — configuration, logger, database, Redis, Socket.IO with
 * its broadcast port and cluster bus, message writer, caches, limits, storage, metrics — and hands
 * each part what it needs. index.ts wires it to a port and to Next; tests start the real thing
 * on an ephemeral port.
 */
import type { IncomingMessage, Server as HttpServer, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { createPrismaClient, dbPoolStats } from "./db";
import type { Env } from "./env";
import { prepareRequest } from "./http/request-context";
import { Lifecycle } from "./lifecycle";
import { createLogger, type Logger } from "./log";
import { createMetrics, serveMetrics } from "./metrics";
import { closeRedis, connectRedis } from "./redis";
import { createIoServer, startRealtime } from "./realtime";
import { createClusterBus, createSocketBroadcast } from "./realtime/broadcast";
import { installRuntime, type Runtime } from "./runtime";
import { createMailer } from "./services/mailer";
import { MessageWriter } from "./services/message-writer";
import { Writability } from "./services/writability";
import { publishCommitted } from "./services/messages";
import { publishRoots } from "./services/threads";
import { ModerationCaches } from "./services/moderation-state";
import { RateLimits } from "./services/rate-limit";
import { SessionStates } from "./services/session-states";
import { SessionDecoder } from "./services/sessions";
import { SlowMode } from "./services/slow-mode";
import { SyncJournal } from "./services/sync-journal";
import { MessageStats } from "./services/stats";
import { WordFilterCache } from "./services/word-filter-cache";
import { createStore } from "./storage";

export interface AppDeps {
  env: Env;
  /** Next's request handler (or any handler for non-Socket.IO HTTP requests). */
  handleRequest: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
  /** Next's upgrade handler in development (HMR); Socket.IO's own upgrades never reach it. */
  handleUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void> | void;
  /** The process's logger, if it already has one (index.ts logs before the app exists). */
  log?: Logger;
}

export interface Application {
  runtime: Runtime;
  /**
   * Stop taking sockets, close them, release Redis and the database. `handOffMs`: first ask the
   * clients to move to another instance and give them that long (SIGTERM; see docs/delivery.md).
   */
  close(opts?: { handOffMs?: number }): Promise<void>;
}

export function createApplication(httpServer: HttpServer, deps: AppDeps): Application {
  const { env } = deps;
  const log = deps.log ?? createLogger(env.LOG_LEVEL);
  const db = createPrismaClient(env.DATABASE_URL, { poolMax: env.DATABASE_POOL_MAX, preparedStatements: env.DATABASE_PREPARED_STATEMENTS });
  const redis = connectRedis(env.REDIS_URL, log);
  const io = createIoServer(httpServer, env, redis);
  const bus = createClusterBus(io, redis !== null);
  const journal = new SyncJournal(db, log, { retentionMs: env.SYNC_RETENTION_MINUTES * 60_000 });
  const broadcast = createSocketBroadcast(io, bus, log, journal);
  const metrics = createMetrics({ sockets: () => io.of("/").sockets.size, pool: () => dbPoolStats(db) });
  const stats = new MessageStats();
  const moderation = new ModerationCaches(db, bus);
  const writability = new Writability(() => db.$queryRaw`SELECT 1`);
  const rt: Runtime = {
    env,
    log,
    db,
    redis,
    broadcast,
    bus,
    journal,
    writer: new MessageWriter(db, metrics, publishCommitted(broadcast, stats, (rootIds) => void publishRoots({ db, broadcast, log }, rootIds)), { maxBatch: env.MESSAGE_WRITER_MAX_BATCH, windowMs: env.MESSAGE_WRITER_WINDOW_MS }, writability),
    writability,
    moderation,
    wordFilter: new WordFilterCache(db, moderation),
    limits: new RateLimits(redis?.command ?? null, { scale: env.RATE_LIMIT_SCALE, keyPrefix: env.REDIS_KEY_PREFIX }),
    slowMode: new SlowMode(redis?.command ?? null, env.REDIS_KEY_PREFIX),
    stats,
    sessions: new SessionDecoder(env.AUTH_SECRET),
    sessionStates: new SessionStates(db, bus, log),
    storage: createStore(env),
    mailer: createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM }, db, log),
    metrics,
    lifecycle: new Lifecycle(),
  };
  const realtime = startRealtime(io, rt);
  journal.start();
  // Next's route handlers (a separate bundle) find the runtime here.
  installRuntime(rt);
  log.info(redis ? "Socket.IO joined to other instances through Redis" : "No REDIS_URL: single instance, in-memory Socket.IO adapter");

  httpServer.on("request", (req, res) => {
    // Socket.IO answers its own path (it registers first); everything else is Next.
    if (req.url?.startsWith("/socket.io/")) return;
    // Liveness for the load balancer: answered by this process's event loop, nothing else (nginx
    // asks it before a new Socket.IO connection, so a hung instance gets none; deploy/nginx.conf).
    if (req.url === "/api/health/live") {
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      res.end('{"live":true}');
      return;
    }
    const requestId = prepareRequest(req, res, env);
    if (req.url === "/metrics" || req.url?.startsWith("/metrics?")) {
      void serveMetrics(req, res, env, metrics);
      return;
    }
    Promise.resolve(deps.handleRequest(req, res)).catch((err: unknown) => {
      log.error("request failed", { url: req.url, requestId, err });
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "INTERNAL", message: "Something went wrong on our side." } }));
    });
  });
  if (deps.handleUpgrade) {
    const handleUpgrade = deps.handleUpgrade;
    httpServer.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/socket.io/")) void handleUpgrade(req, socket, head);
    });
  }

  return {
    runtime: rt,
    async close(opts = {}) {
      // Readiness fails and new sends are refused (retryable) from here on.
      rt.lifecycle.markShuttingDown();
      // Sends already accepted finish writing and are acked while their sockets are still open.
      await rt.writer.idle();
      await realtime.close(opts);
      await rt.writer.idle();
      await journal.close();
      // The other instances go on counting this one's last sends against their limits.
      await rt.limits.flush().catch(() => undefined);
      writability.stop();
      rt.mailer.close();
      await Promise.allSettled([closeRedis(redis), db.$disconnect()]);
      installRuntime(undefined);
    },
  };
}
