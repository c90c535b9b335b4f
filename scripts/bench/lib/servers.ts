/**
 * Starting the servers under test as child processes: the real built Parley (dist/server.mjs,
 * production mode) and the bare Socket.IO reference. Each runs under `ulimit -n` raised to the
 * hard limit, so the connections scenario is not stopped by the soft limit.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../../..");

export interface RunningProcess {
  name: string;
  url: string;
  pid: number;
  child: ChildProcess;
  /** Spawn to first successful health check, ms. */
  startMs: number;
  output(): string;
  stop(): Promise<void>;
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

/** `exec` the command after raising the soft open-files limit to the hard one. */
function spawnWithNoFile(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn("bash", ["-c", 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', "bench", command, ...args], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * Until `/api/health` answers 200 — and, with `fully`, says `status: "ok"` (PostgreSQL and Redis
 * both up: a Parley answers 200 "degraded" while Redis is not yet connected, and measuring it then
 * would measure the degraded path).
 */
async function waitHealthy(name: string, url: string, child: ChildProcess, out: () => string, timeoutMs = 90_000, fully = false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${out().slice(-4000)}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200 && (!fully || ((await res.json()) as { status?: string }).status === "ok")) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${name} did not become healthy in ${timeoutMs / 1000} s:\n${out().slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

function track(name: string, url: string, child: ChildProcess, started: number, out: () => string): Omit<RunningProcess, "startMs"> & { started: number } {
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    name,
    url,
    pid: child.pid ?? 0,
    child,
    started,
    output: out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function capture(child: ChildProcess): () => string {
  let out = "";
  const keep = (d: Buffer) => {
    if (process.env.BENCH_SERVER_LOG) appendFileSync(process.env.BENCH_SERVER_LOG, d);
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return () => out;
}

export interface ParleyOptions {
  name: string;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  authSecret: string;
  port?: number;
  /** Node options before the script (default: those of `npm start`, see START_NODE_ARGS). */
  nodeArgs?: string[];
  env?: Record<string, string>;
}

/** The Node options `npm start` uses (package.json); BENCH_NODE_ARGS overrides them to compare. */
export const START_NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? "--enable-source-maps").split(" ").filter(Boolean);

/**
 * A Parley on its own port, once healthy with Redis connected. One whose Redis connection never
 * becomes usable (seen once in CI: connected, commands never answered, health "degraded" for
 * minutes) is killed and started again, once, with a warning: the bench measures Parley, and the
 * failure itself is recorded for the reliability work (docs/performance.md "Known issues").
 */
export async function startParley(opts: ParleyOptions): Promise<RunningProcess> {
  try {
    return await startParleyOnce(opts, 30_000);
  } catch (e) {
    console.warn(`warning: ${opts.name} was not fully healthy within 30 s; starting it again once (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`);
    return startParleyOnce(opts, 90_000);
  }
}

async function startParleyOnce(opts: ParleyOptions, timeoutMs: number): Promise<RunningProcess> {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawnWithNoFile(process.execPath, [...(opts.nodeArgs ?? START_NODE_ARGS), path.join(ROOT, "dist/server.mjs")], {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: opts.databaseUrl,
    REDIS_URL: opts.redisUrl,
    REDIS_KEY_PREFIX: opts.redisPrefix,
    AUTH_SECRET: opts.authSecret,
    PORT: String(port),
    HOST: "127.0.0.1",
    APP_ORIGIN: url,
    LOG_LEVEL: "warn",
    // Every user and IP limit scaled up: the bench is one IP with many users at full speed.
    RATE_LIMIT_SCALE: "100000",
    MAX_SOCKETS_PER_USER: "20",
    ...opts.env,
  });
  const out = capture(child);
  const t = track(opts.name, url, child, started, out);
  await waitHealthy(opts.name, url, child, out, timeoutMs, opts.redisUrl !== "");
  return { ...t, startMs: performance.now() - started };
}

/** Extra Node options for the bare server (e.g. a CPU profile to compare with Parley's). */
const BARE_NODE_ARGS = (process.env.BENCH_BARE_NODE_ARGS ?? "").split(" ").filter(Boolean);

export async function startBare(opts: { parser?: "default" | "msgpack" } = {}): Promise<RunningProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawnWithNoFile(process.execPath, [...BARE_NODE_ARGS, "--import", "tsx", path.join(ROOT, "scripts/bench/bare-server/index.ts")], {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production",
    PORT: String(port),
    ...(opts.parser === "msgpack" ? { PARSER: "msgpack" } : {}),
  });
  const out = capture(child);
  const t = track("bare", url, child, started, out);
  await waitHealthy("bare", url, child, out);
  return { ...t, startMs: performance.now() - started };
}
