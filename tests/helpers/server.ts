/** Start the real, built Parley server (dist/server.mjs, production mode) as a child process. */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { ROOT } from "./db";

/** Servers started by one test process share a Redis namespace; other test runs on this machine use their own. */
export const TEST_REDIS_PREFIX = `parley-test-${process.pid}-${Date.now().toString(36)}`;

export const TEST_AUTH_SECRET = "test-secret-test-secret-test-secret-0123456789";

export interface RunningServer {
  url: string;
  port: number;
  process: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface StartServerOptions {
  /** null: no DATABASE_URL, so the server runs its embedded database (docs/embedded.md). */
  databaseUrl: string | null;
  redisUrl?: string;
  port?: number;
  /** Default TEST_AUTH_SECRET; null leaves AUTH_SECRET unset. */
  authSecret?: string | null;
  /** Working directory of the server (embedded mode keeps ./.parley there). Default ROOT. */
  cwd?: string;
  env?: Record<string, string>;
}

export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const authSecret = opts.authSecret === undefined ? TEST_AUTH_SECRET : opts.authSecret;
  const child = spawn(process.execPath, ["--enable-source-maps", path.join(ROOT, "dist/server.mjs")], {
    cwd: opts.cwd ?? ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      ...(opts.databaseUrl !== null ? { DATABASE_URL: opts.databaseUrl } : {}),
      ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl, REDIS_KEY_PREFIX: TEST_REDIS_PREFIX } : {}),
      ...(authSecret !== null ? { AUTH_SECRET: authSecret } : {}),
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_ORIGIN: url,
      LOG_LEVEL: "warn",
      // Suites register many users from 127.0.0.1; the rate-limit tests pass their own scale.
      RATE_LIMIT_SCALE: "1000",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  // Generous: a loaded 2-core machine (or the embedded database's first start) can take a minute.
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not become healthy in 150 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    process: child,
    output: () => out,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
