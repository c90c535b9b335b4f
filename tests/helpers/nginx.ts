/**
 * The shipped proxy in front of a test server: deploy/nginx.conf on loopback (as `npm run
 * cluster` runs it, scripts/cluster/nginx.ts) on a free port, with its files in a temp dir.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareLoopbackNginx } from "@/scripts/cluster/nginx";
import { ROOT } from "./db";
import { freePort } from "./server";

export interface RunningNginx {
  /** http://127.0.0.1:<port>, nginx's address. */
  url: string;
  stop(): Promise<void>;
}

export async function startNginx(upstreams: number[]): Promise<RunningNginx> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "parley-nginx-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const launch = prepareLoopbackNginx(ROOT, { dir, port, upstreams });
  const child = spawn(launch.command, launch.args, { stdio: "ignore", uid: launch.uid, gid: launch.gid });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGQUIT");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    const ok = await fetch(`${url}/nginx-health`).then((r) => r.ok, () => false);
    if (ok) return { url, stop };
    if (child.exitCode !== null || Date.now() > deadline) {
      const errors = existsSync(path.join(dir, "nginx-error.log")) ? readFileSync(path.join(dir, "nginx-error.log"), "utf8") : "";
      await stop();
      throw new Error(`nginx did not start:\n${errors}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
