/**
 * The loopback cluster, the same topology as docker-compose.yml without Docker:
 *
 *   clients ──► nginx (:N) ──┬─► app 1 (dist/server.mjs, :A1) ──┬─► TCP proxy (:P) ─► PostgreSQL (own database)
 *                            └─► app 2 (dist/server.mjs, :A2) ──┴─► redis-server (own, :R)
 *
 * With `tls`, nginx ends TLS as in Compose: :N is HTTPS with a certificate from a CA made for
 * this run (scripts/make-certs.sh; `caFile`), and a second port redirects plain HTTP to it.
 *
 * Used by `npm run cluster` and by the fault tests (tests/cluster). Everything it starts has
 * its own port, files in a temp directory, and is stopped by PID; the machine's PostgreSQL
 * only gets one more database (dropped on stop), and the machine's Redis is never touched.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { findNginx, prepareLoopbackNginx } from "./nginx";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface ClusterOptions {
  /** A role that may create databases. Default $TEST_PG_ADMIN_URL or postgres@127.0.0.1:5432. */
  pgAdminUrl?: string;
  /** Create the development admin and #general (npm run db:seed). */
  seed?: boolean;
  /** Extra environment for the app instances (e.g. PRESENCE_TTL_MS). */
  appEnv?: Record<string, string>;
  /** HTTPS through nginx, as in Compose (APP_ORIGIN https, a CA of this run's own). */
  tls?: boolean;
  /** nginx refuses WebSocket upgrades (403): clients can only long-poll. */
  refuseWebSocket?: boolean;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number | undefined;
  readonly running: boolean;
  /** Resolves with the exit code (null when killed by a signal) of the current run. */
  readonly exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

export interface AppInstance extends ManagedProcess {
  readonly port: number;
  readonly url: string;
  /** Start it again (after a kill or a stop) on the same port; resolves when ready and nginx routes to it. */
  start(): Promise<void>;
  /** The log of every run so far. */
  logFile: string;
}

export interface RedisInstance extends ManagedProcess {
  readonly port: number;
  readonly url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface Cluster {
  /** The URL users and clients use: nginx (https:// with `tls`). */
  readonly url: string;
  /** With `tls`: nginx's plain-HTTP port, which redirects to `url`, and the CA that signed its certificate (PEM file). */
  readonly tls: { httpUrl: string; caFile: string; ca: string } | null;
  readonly dir: string;
  readonly apps: AppInstance[];
  readonly redis: RedisInstance;
  /** Between the apps and PostgreSQL: cut() makes the database unreachable. */
  readonly pgProxy: TcpProxy;
  readonly nginx: ManagedProcess;
  readonly databaseUrl: string;
  readonly authSecret: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>, alive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (!alive()) throw new Error(`${what} exited before it was ready`);
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

/** GET `url` (over https trusting `ca`): the status and the instance nginx chose. */
function probe(url: string, ca?: string): Promise<{ status: number; upstream: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = (url.startsWith("https:") ? https : http).get(url, { ca, timeout: 2000, agent: false }, (res) => {
      res.resume();
      res.once("end", () => resolve({ status: res.statusCode ?? 0, upstream: res.headers["x-parley-upstream"] as string | undefined }));
    });
    req.once("timeout", () => req.destroy(new Error(`GET ${url} timed out`)));
    req.once("error", reject);
  });
}

async function httpOk(url: string, ca?: string): Promise<boolean> {
  const { status } = await probe(url, ca);
  return status >= 200 && status < 300;
}

/** A local CA and a server certificate for 127.0.0.1 it signs, in `dir` (scripts/make-certs.sh). */
async function makeCerts(dir: string): Promise<{ caFile: string; ca: string }> {
  await new Promise<void>((resolve, reject) => {
    const c = spawn("bash", [path.join(ROOT, "scripts/make-certs.sh"), "-o", dir], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    c.stderr.on("data", (d: Buffer) => (err += d.toString()));
    c.once("error", reject);
    c.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`scripts/make-certs.sh failed (${code}): ${err}`))));
  });
  const caFile = path.join(dir, "ca.crt");
  return { caFile, ca: readFileSync(caFile, "utf8") };
}

function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1", () => s.write("PING\r\n"));
    s.setTimeout(1000, () => (s.destroy(), resolve(false)));
    s.on("data", (d) => (s.destroy(), resolve(String(d).startsWith("+PONG"))));
    s.on("error", () => resolve(false));
  });
}

/** Every child this process started, killed by PID if the process exits without stop(). */
const children = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess) {
  children.add(child);
  child.once("exit", () => children.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", () => {
      for (const c of children) if (c.pid) process.kill(c.pid, "SIGKILL");
    });
  }
}

interface SpawnSpec {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  logFile: string;
  uid?: number;
  gid?: number;
}

/** A restartable child process whose output is appended to a log file. */
function managed(spec: SpawnSpec): ManagedProcess & { spawn(): void } {
  let child: ChildProcess | null = null;
  let exited: Promise<number | null> = Promise.resolve(null);
  return {
    name: spec.name,
    get pid() {
      return child?.pid;
    },
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    get exited() {
      return exited;
    },
    spawn() {
      const out = createWriteStream(spec.logFile, { flags: "a" });
      const c = spawn(spec.command, spec.args, {
        cwd: ROOT,
        env: (spec.env ?? process.env) as NodeJS.ProcessEnv,
        stdio: ["ignore", "pipe", "pipe"],
        uid: spec.uid,
        gid: spec.gid,
      });
      c.stdout?.pipe(out, { end: false });
      c.stderr?.pipe(out, { end: false });
      exited = new Promise((resolve) => c.once("exit", (code) => resolve(code)));
      child = c;
      track(c);
    },
    kill(signal) {
      if (child?.pid && child.exitCode === null && child.signalCode === null) process.kill(child.pid, signal);
    },
  };
}

/** Send `signal`, then SIGKILL after `graceMs` if it is still running; resolves on exit. */
async function stopProcess(p: ManagedProcess, signal: NodeJS.Signals = "SIGTERM", graceMs = 15_000): Promise<number | null> {
  if (!p.running) return p.exited;
  p.kill(signal);
  const timer = setTimeout(() => p.kill("SIGKILL"), graceMs);
  const code = await p.exited;
  clearTimeout(timer);
  return code;
}

async function runPrisma(args: string[], databaseUrl: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const c = spawn(process.execPath, [path.join(ROOT, "node_modules/prisma/build/index.js"), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    c.stdout.on("data", (d: Buffer) => (out += d.toString()));
    c.stderr.on("data", (d: Buffer) => (out += d.toString()));
    c.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`prisma ${args.join(" ")} failed:\n${out}`))));
  });
}

async function runSeed(databaseUrl: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const c = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "prisma/seed.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "development" },
      stdio: "ignore",
    });
    c.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`seed failed (${code})`))));
  });
}

export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  const say = opts.log ?? (() => undefined);
  if (!existsSync(path.join(ROOT, "dist/server.mjs")) || !existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    throw new Error("No build: run `npm run build` first (the cluster runs dist/server.mjs).");
  }
  const nginxBin = findNginx();
  if (!nginxBin) throw new Error("nginx not found: install Debian's nginx (apt-get install nginx) or set PARLEY_NGINX.");

  const dir = mkdtempSync(path.join(os.tmpdir(), "parley-cluster-"));
  const cleanups: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
    cleanups.length = 0;
  };

  try {
    // ---- PostgreSQL: a database of our own on the machine's server, reached through a proxy.
    const adminUrl = new URL(opts.pgAdminUrl ?? process.env.TEST_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
    const dbName = `parley_cluster_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    await admin.end();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: adminUrl.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await c.end();
    });
    const direct = new URL(adminUrl);
    direct.pathname = `/${dbName}`;
    say(`PostgreSQL: database ${dbName} on ${adminUrl.host}`);
    await runPrisma(["migrate", "deploy"], direct.toString());
    if (opts.seed) await runSeed(direct.toString());

    const pgProxy = await startTcpProxy({ host: adminUrl.hostname, port: Number(adminUrl.port || 5432) });
    cleanups.push(() => pgProxy.close());
    const viaProxy = new URL(direct);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(pgProxy.port);

    // ---- Redis: our own server on a free port (never the machine's).
    const redisPort = await freePort();
    const redisProc = managed({
      name: "redis",
      command: "redis-server",
      args: ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--protected-mode", "no"],
      logFile: path.join(dir, "redis.log"),
    });
    const redis: RedisInstance = Object.assign(redisProc, {
      port: redisPort,
      url: `redis://127.0.0.1:${redisPort}`,
      async start() {
        redisProc.spawn();
        await waitFor("redis-server", 10_000, () => redisPing(redisPort), () => redisProc.running);
      },
      async stop() {
        await stopProcess(redisProc, "SIGTERM", 5000);
      },
    });
    await redis.start();
    cleanups.push(() => redis.stop());
    say(`Redis: ${redis.url} (pid ${redis.pid})`);

    // ---- nginx port first: the apps' APP_ORIGIN is the URL users type.
    const nginxPort = await freePort();
    const url = `${opts.tls ? "https" : "http"}://127.0.0.1:${nginxPort}`;
    const tls = opts.tls ? { httpUrl: `http://127.0.0.1:${await freePort()}`, ...(await makeCerts(path.join(dir, "certs"))) } : null;
    if (tls) say(`TLS: certificate signed by ${tls.caFile}; ${tls.httpUrl} redirects to HTTPS`);
    const authSecret = randomBytes(32).toString("base64url");

    // ---- two app instances.
    /**
     * After a restart, wait until nginx routes to the instance again: nginx only forgets a
     * failure when a request to the instance completes, and WebSockets complete late, so a
     * few short requests through it bring it back into the rotation at once.
     */
    let nginxUp = false;
    const rejoin = async (port: number) => {
      if (!nginxUp) return;
      await waitFor(`nginx routing to :${port}`, 15_000, async () => {
        const { upstream } = await probe(`${url}/api/health/ready`, tls?.ca);
        return upstream === `127.0.0.1:${port}`;
      });
    };
    const apps: AppInstance[] = [];
    for (let i = 1; i <= 2; i++) {
      const port = await freePort();
      const logFile = path.join(dir, `app${i}.log`);
      const proc = managed({
        name: `app${i}`,
        command: process.execPath,
        args: ["--enable-source-maps", path.join(ROOT, "dist/server.mjs")],
        env: {
          PATH: process.env.PATH ?? "",
          NODE_ENV: "production",
          NEXT_TELEMETRY_DISABLED: "1",
          DATABASE_URL: viaProxy.toString(),
          REDIS_URL: redis.url,
          AUTH_SECRET: authSecret,
          PORT: String(port),
          HOST: "127.0.0.1",
          APP_ORIGIN: url,
          // As in Compose: nginx sets X-Forwarded-For to the client's address.
          TRUST_PROXY: "1",
          LOG_LEVEL: "warn",
          // Test clients all come from 127.0.0.1: lift per-IP and per-user limits.
          RATE_LIMIT_SCALE: "1000",
          ...opts.appEnv,
        },
        logFile,
      });
      const app: AppInstance = Object.assign(proc, {
        port,
        url: `http://127.0.0.1:${port}`,
        logFile,
        async start() {
          proc.spawn();
          await waitFor(`app${i}`, 90_000, () => httpOk(`http://127.0.0.1:${port}/api/health/ready`), () => proc.running);
          await rejoin(port);
        },
      });
      apps.push(app);
    }
    await Promise.all(apps.map((a) => a.start()));
    cleanups.push(() => Promise.all(apps.map((a) => stopProcess(a))));
    for (const a of apps) say(`${a.name}: ${a.url} (pid ${a.pid})`);

    // ---- nginx, unprivileged: as root, drop to nobody (the files it writes are in dir).
    const launch = prepareLoopbackNginx(ROOT, {
      dir,
      port: nginxPort,
      upstreams: apps.map((a) => a.port),
      ...(tls ? { tls: { httpPort: Number(new URL(tls.httpUrl).port), certDir: path.join(dir, "certs") } } : {}),
      ...(opts.refuseWebSocket ? { refuseWebSocket: true } : {}),
    });
    const nginx = managed({ name: "nginx", ...launch, logFile: path.join(dir, "nginx.out") });
    nginx.spawn();
    cleanups.push(() => stopProcess(nginx, "SIGQUIT", 5000));
    await waitFor("nginx", 15_000, () => httpOk(`${url}/api/health/ready`, tls?.ca), () => nginx.running).catch((e: unknown) => {
      const errors = existsSync(path.join(dir, "nginx-error.log")) ? readFileSync(path.join(dir, "nginx-error.log"), "utf8") : "";
      throw new Error(`${e instanceof Error ? e.message : String(e)}\n${errors}`);
    });
    nginxUp = true;
    say(`nginx: ${url} (pid ${nginx.pid})`);

    // Files last: nothing may be left in the temp dir after stop().
    cleanups.unshift(async () => rmSync(dir, { recursive: true, force: true }));

    return {
      url,
      tls,
      dir,
      apps,
      redis,
      pgProxy,
      nginx,
      databaseUrl: direct.toString(),
      authSecret,
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Socket.IO connections each instance holds, by its own count (the parley_sockets_connected
 * gauge of its /metrics, read directly on its port), e.g. [10, 10]. A stopped instance counts 0.
 */
export async function socketsPerInstance(apps: readonly AppInstance[]): Promise<number[]> {
  return Promise.all(
    apps.map(async (a) => {
      if (!a.running) return 0;
      const res = await fetch(`${a.url}/metrics`, { signal: AbortSignal.timeout(3000) });
      const text = await res.text();
      const line = /^parley_sockets_connected(?:\{[^}]*\})? (\d+(?:\.\d+)?)$/m.exec(text);
      if (!line?.[1]) throw new Error(`${a.name}: no parley_sockets_connected in /metrics (HTTP ${res.status})`);
      return Number(line[1]);
    }),
  );
}
