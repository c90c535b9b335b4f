/**
 * createApplication: the whole Parley server on a given HTTP server. index.ts wires it to a
 * port and to Next; tests can start the real thing on an ephemeral port.
 */
import type { IncomingMessage, Server as HttpServer, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { disconnectDb } from "./db";
import type { Env } from "./env";
import { prepareRequest } from "./http/request-context";
import { log } from "./log";
import { markShuttingDown } from "./lifecycle";
import { serveMetrics } from "./metrics";
import { closeRedis, initRedis } from "./redis";
import { createRealtime } from "./realtime";
import { registerIo } from "./realtime/registry";
import { existingMessageWriter } from "./services/message-writer";
import { flushRateLimits } from "./services/rate-limit";

export interface AppDeps {
  env: Env;
  /** Next's request handler (or any handler for non-Socket.IO HTTP requests). */
  handleRequest: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
  /** Next's upgrade handler in development (HMR); Socket.IO's own upgrades never reach it. */
  handleUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void> | void;
}

export interface Application {
  /** Stop taking sockets, close them, release Redis and the database. */
  close(): Promise<void>;
}

export function createApplication(httpServer: HttpServer, deps: AppDeps): Application {
  const redis = initRedis(deps.env.REDIS_URL);
  const realtime = createRealtime(httpServer, deps.env, redis);
  registerIo(realtime.io);
  log.info(redis ? "Socket.IO joined to other instances through Redis" : "No REDIS_URL: single instance, in-memory Socket.IO adapter");

  httpServer.on("request", (req, res) => {
    // Socket.IO answers its own path (it registers first); everything else is Next.
    if (req.url?.startsWith("/socket.io/")) return;
    const requestId = prepareRequest(req, res, deps.env);
    if (req.url === "/metrics" || req.url?.startsWith("/metrics?")) {
      void serveMetrics(req, res, deps.env);
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
    async close() {
      // Readiness fails and new sends are refused (retryable) from here on.
      markShuttingDown();
      // Sends already accepted finish writing and are acked while their sockets are still open.
      await existingMessageWriter()?.idle();
      await realtime.close();
      await existingMessageWriter()?.idle();
      registerIo(undefined);
      // The other instances go on counting this one's last sends against their limits.
      await flushRateLimits().catch(() => undefined);
      await Promise.allSettled([closeRedis(), disconnectDb()]);
    },
  };
}
