/**
 * Embedded mode's local files: where they live, private writes, the session secret and the
 * data-folder lock. Node only (see ./index.ts).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export class EmbeddedError extends Error {}

export interface EmbeddedPaths {
  /** `./.parley`: the secret, admin.txt, and by default the data. */
  stateDir: string;
  /** The PGlite data folder: PARLEY_DATA_DIR, default `./.parley/data`. */
  dataDir: string;
}

/** `dataDirSetting`: PARLEY_DATA_DIR (readEmbeddedConfig), relative to `cwd`. */
export function embeddedPaths(dataDirSetting: string | undefined, cwd = process.cwd()): EmbeddedPaths {
  const stateDir = path.resolve(cwd, ".parley");
  const dataDir = dataDirSetting ? path.resolve(cwd, dataDirSetting) : path.join(stateDir, "data");
  return { stateDir, dataDir };
}

/** Creates `dir` (and parents) readable by this user only when it does not exist yet. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Writes `file` with mode 0600, whatever the umask or an earlier mode. */
export function writePrivateFile(file: string, content: string): void {
  ensurePrivateDir(path.dirname(file));
  fs.writeFileSync(file, content, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

/**
 * AUTH_SECRET for local use: the one in `<stateDir>/auth-secret`, created on first use, so
 * session cookies stay valid across restarts. Never called when AUTH_SECRET is set.
 */
export function readOrCreateAuthSecret(stateDir: string): string {
  const file = path.join(stateDir, "auth-secret");
  if (fs.existsSync(file)) {
    const secret = fs.readFileSync(file, "utf8").trim();
    if (secret.length < 32) throw new EmbeddedError(`${file} holds fewer than 32 characters; delete it to have a new secret generated (this signs everyone out).`);
    return secret;
  }
  const secret = randomBytes(48).toString("base64url");
  writePrivateFile(file, `${secret}\n`);
  return secret;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // alive, owned by someone else
  }
}

/**
 * Claims the data folder for this process (`<dataDir>/parley.pid`): PGlite has no lock of its
 * own, and two processes writing one data folder corrupt it. A lock left by a process that is
 * gone is taken over. Returns the release function (also run on process exit).
 */
export function lockDataDir(dataDir: string): () => void {
  ensurePrivateDir(dataDir);
  const file = path.join(dataDir, "parley.pid");
  const mine = `${process.pid}\n`;
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, mine, { flag: "wx", mode: 0o600 });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw e;
      const pid = Number.parseInt(fs.readFileSync(file, "utf8"), 10);
      if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) {
        throw new EmbeddedError(
          `Another process (pid ${pid}) is using the embedded database in ${dataDir}. Stop it first; if no Parley is running, delete ${file}.`,
        );
      }
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  const release = () => {
    process.off("exit", release);
    try {
      if (fs.readFileSync(file, "utf8") === mine) fs.rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
  process.on("exit", release);
  return release;
}
