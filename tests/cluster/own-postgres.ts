/**
 * A PostgreSQL server of the test's own (initdb into a temp directory, on a free port), so a
 * test can stop it, restart it and crash it without touching the machine's server. Runs the
 * postmaster in the foreground as the `postgres` user when the test runs as root; every process
 * is stopped by its own PID.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "../../scripts/cluster/topology";

const run = promisify(execFile);

/** The newest PostgreSQL binaries installed (Debian's layout), or $PG_BIN. */
function pgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? execFileSync("ls", [root]).toString().split(/\s+/).filter(Boolean).sort((a, b) => Number(b) - Number(a)) : [];
  const dir = versions.map((v) => path.join(root, v, "bin")).find((d) => existsSync(path.join(d, "initdb")));
  if (!dir) throw new Error("No PostgreSQL binaries (initdb) found under /usr/lib/postgresql; set PG_BIN.");
  return dir;
}

export interface OwnPostgres {
  readonly port: number;
  /** postgres@127.0.0.1:<port>/postgres (trust). */
  readonly adminUrl: string;
  readonly running: boolean;
  /** Start the postmaster; resolves when it accepts connections (after any crash recovery). */
  start(): Promise<void>;
  /** `pg_ctl stop -m fast`: sessions are ended, a clean shutdown. */
  stopFast(): Promise<void>;
  /** kill -9 of the postmaster: no shutdown at all; the next start runs crash recovery. */
  crash(): Promise<void>;
  /** Stop it (if running) and remove its files. */
  close(): Promise<void>;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = pgBin();
  const dir = mkdtempSync(path.join(os.tmpdir(), "parley-own-pg-"));
  const data = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot ? { uid: Number(execFileSync("id", ["-u", "postgres"]).toString()), gid: Number(execFileSync("id", ["-g", "postgres"]).toString()) } : {};
  if (asRoot) chownSync(dir, ids.uid ?? 0, ids.gid ?? 0);
  await run(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], { ...ids, timeout: 60_000 });
  const port = await freePort();
  const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const alive = () => child !== null && child.exitCode === null && child.signalCode === null;

  const accepts = async () => {
    const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
    try {
      await c.connect();
      await c.query("SELECT 1");
      return true;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => undefined);
    }
  };

  const spawnOnce = () => {
    const c = spawn(path.join(bin, "postgres"), ["-D", data, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "shared_buffers=32MB", "-c", "max_connections=60"], {
      ...ids,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    c.stderr?.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    exited = new Promise((resolve) => c.once("exit", () => resolve()));
    child = c;
    process.once("exit", () => {
      if (c.exitCode === null && c.signalCode === null && c.pid) process.kill(c.pid, "SIGKILL");
    });
    return () => err;
  };

  const self: OwnPostgres = {
    port,
    adminUrl,
    get running() {
      return alive();
    },
    async start() {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const log = spawnOnce();
        // Ready, or exited (e.g. orphaned backends of a crashed postmaster still hold its shared memory: try again).
        for (;;) {
          if (await accepts()) return;
          if (!alive()) break;
          if (Date.now() > deadline) throw new Error(`own PostgreSQL did not start:\n${log()}`);
          await new Promise((r) => setTimeout(r, 50));
        }
        if (Date.now() > deadline) throw new Error(`own PostgreSQL did not start:\n${log()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stopFast() {
      if (!alive()) return;
      await run(path.join(bin, "pg_ctl"), ["stop", "-D", data, "-m", "fast", "-w"], { ...ids, timeout: 60_000 });
      await exited;
    },
    async crash() {
      const c = child;
      if (!c?.pid || !alive()) return;
      process.kill(c.pid, "SIGKILL");
      await exited;
    },
    async close() {
      if (alive()) await self.stopFast().catch(async () => self.crash());
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await self.start();
  return self;
}
