/**
 * The real Parley in the test's own process: createApplication (server/app.ts) on an ephemeral
 * port, with Next's request handler over the production build (.next), against real PostgreSQL
 * and Redis. Cheaper than spawning dist/server.mjs per file (no second Node, no bundle load);
 * the spawned path stays for the smoke, embedded, fault and cluster tests (tests/helpers/server.ts).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { createApplication } from "@/server/app";
import { parseEnv } from "@/server/env";
import { ROOT } from "./db";
import { TEST_AUTH_SECRET, TEST_REDIS_PREFIX } from "./server";

export interface InProcessServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startInProcess(opts: { databaseUrl: string; redisUrl?: string; env?: Record<string, string> }): Promise<InProcessServer> {
  const httpServer = createServer();
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(0, "127.0.0.1", resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const vars: Record<string, string> = {
    NODE_ENV: "production",
    DATABASE_URL: opts.databaseUrl,
    ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl, REDIS_KEY_PREFIX: TEST_REDIS_PREFIX } : {}),
    AUTH_SECRET: TEST_AUTH_SECRET,
    PORT: String(port),
    HOST: "127.0.0.1",
    APP_ORIGIN: url,
    LOG_LEVEL: "warn",
    // Suites register many users from 127.0.0.1; the rate-limit tests pass their own scale.
    RATE_LIMIT_SCALE: "1000",
    ...opts.env,
  };
  const env = parseEnv(vars);
  // next-auth (in Next's route bundle) reads these from the process, as server/index.ts sets them.
  process.env.NEXTAUTH_URL = env.APP_ORIGIN;
  process.env.NEXTAUTH_SECRET = env.AUTH_SECRET;
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const nextApp = next({ dev: false, dir: ROOT, hostname: "127.0.0.1", port });
  await nextApp.prepare();
  const app = createApplication(httpServer, { env, handleRequest: nextApp.getRequestHandler() });
  return {
    url,
    port,
    async stop() {
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await app.close();
      await closed;
      await nextApp.close?.();
    },
  };
}
