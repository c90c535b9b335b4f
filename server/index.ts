/**
 * Entry point: validate configuration, start Next and Socket.IO on one HTTP port, and shut
 * down gracefully on SIGTERM/SIGINT. `npm run dev` runs this with tsx (watch mode);
 * `npm start` runs the bundled dist/server.mjs with NODE_ENV=production.
 */
// First: merges ./.env into process.env before any other module reads it.
import { dotenvFile, fromDotenv } from "./load-dotenv";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { createApplication } from "./app";
import { startEmbeddedIfNeeded } from "./embedded";
import { EnvError, parseEnv } from "./env";
import { createLogger } from "./log";
import { removeOrphans } from "./services/attachments";

// Until the configuration is read (LOG_LEVEL with it), the process logs at info.
const startupLog = createLogger("info");

async function main() {
  // Embedded mode: no DATABASE_URL -> start a local PGlite database and point DATABASE_URL (and a
  // missing AUTH_SECRET) at it before the configuration is read. Null when DATABASE_URL is set.
  // See server/embedded/index.ts and docs/embedded.md.
  const embedded = await startEmbeddedIfNeeded(startupLog);
  let env;
  try {
    env = parseEnv(process.env);
  } catch (e) {
    if (e instanceof EnvError) {
      process.stderr.write(`${e.message}\n(see .env.example)\n`);
      process.exit(1);
    }
    throw e;
  }
  // next-auth reads these; they derive from Parley's own configuration.
  process.env.NEXTAUTH_URL ??= env.APP_ORIGIN;
  process.env.NEXTAUTH_SECRET ??= env.AUTH_SECRET;
  // Parley phones home to nobody; self-hosted installs are often offline.
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";

  const dev = env.NODE_ENV === "development";
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const nextApp = next({ dev, dir, hostname: env.HOST, port: env.PORT });
  await nextApp.prepare();

  const httpServer = createServer();
  // Requests and headers: refuse slow-loris style clients, keep WebSockets open.
  httpServer.headersTimeout = 20_000;
  httpServer.requestTimeout = 60_000;
  const log = createLogger(env.LOG_LEVEL);
  const app = createApplication(httpServer, {
    env,
    log,
    handleRequest: nextApp.getRequestHandler(),
    handleUpgrade: dev ? nextApp.getUpgradeHandler() : undefined,
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code !== "EADDRINUSE") return reject(err);
      process.stderr.write(`Port ${env.PORT} on ${env.HOST} is already in use; stop what listens there or choose another port, e.g. PORT=${env.PORT + 1}.\n`);
      process.exit(1);
    });
    httpServer.listen(env.PORT, env.HOST, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  // The address that works is the configured origin: writes from other origins are refused.
  log.info(`Parley ready on ${env.APP_ORIGIN}`, {
    host: env.HOST,
    port,
    origin: env.APP_ORIGIN,
    mode: env.NODE_ENV,
    ...(fromDotenv.length > 0 ? { envFile: dotenvFile, fromEnvFile: fromDotenv.length } : {}),
  });

  // Uploads never sent with a message: removed a day after upload (now, then every hour).
  const sweepOrphans = () =>
    removeOrphans(app.runtime)
      .then((n) => n > 0 && log.info("removed unsent uploads", { count: n }))
      .catch((err: unknown) => log.warn("could not remove unsent uploads", { err }));
  void sweepOrphans();
  setInterval(() => void sweepOrphans(), 3600_000).unref();

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down", { signal });
    // Readiness fails at once; the listener closes so the load balancer sends new connections elsewhere.
    app.runtime.lifecycle.markShuttingDown();
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    httpServer.close();
    app
      // Clients get up to 3 s to finish their calls in flight and move to another instance.
      .close({ handOffMs: 3000 })
      .then(() => nextApp.close?.())
      // Embedded mode: close PGlite last, once the app has released its connection.
      .then(() => embedded?.stop())
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  startupLog.error("failed to start", { err });
  process.exit(1);
});
