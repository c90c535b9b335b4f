/** The bench scenarios. Each takes running servers and a load pool and returns plain data. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { LoadPool, StepResult } from "./lib/load";
import { cpuPercent, sampleProc } from "./lib/proc";
import type { SocketSpec } from "./lib/protocol";
import { ROOT } from "./lib/servers";

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Past this send->receive p99 a step counts as saturated and the ladder stops. */
export const P99_LIMIT_MS = 100;

export interface ChatStep extends StepResult {
  serverCpuPct: number;
  serverRssMb: number;
}

export interface Ladder {
  steps: ChatStep[];
  /** Highest accepted msg/s of a step under the p99 limit with nothing lost. */
  saturation: number;
  /** send->receive p99 of the 1,000 msg/s step, when it ran. */
  p99At1000: number | null;
}

export function saturated(s: StepResult): boolean {
  return s.recv.p99 > P99_LIMIT_MS || s.acceptedPerSec < s.offered * 0.9 || s.lost > 0;
}

export async function chatLadder(label: string, pool: LoadPool, serverPids: number[], rates: number[], durationMs: number, log: (s: string) => void): Promise<Ladder> {
  const steps: ChatStep[] = [];
  for (const rate of rates) {
    const before = serverPids.map(sampleProc);
    const result = await pool.step(rate, durationMs);
    const after = serverPids.map(sampleProc);
    const step: ChatStep = {
      ...result,
      serverCpuPct: Math.round(before.reduce((sum, b, i) => sum + cpuPercent(b, after[i]!), 0) * 10) / 10,
      serverRssMb: Math.round(after.reduce((sum, a) => sum + a.rssKb, 0) / 102.4) / 10,
    };
    steps.push(step);
    log(
      `  ${label} ${rate} msg/s offered: ${step.acceptedPerSec} accepted, ${step.deliveriesPerSec} deliveries/s, ` +
        `ack p50/p99 ${step.ack.p50}/${step.ack.p99} ms, receive p50/p99 ${step.recv.p50}/${step.recv.p99} ms, ` +
        `cpu ${step.serverCpuPct}%, rss ${step.serverRssMb} MB, lost ${step.lost}, dup ${step.duplicated}, load cpu ${step.loadCpuMaxPct}%`,
    );
    if (saturated(step)) break;
  }
  const ok = steps.filter((s) => !saturated(s));
  return {
    steps,
    saturation: ok.reduce((m, s) => Math.max(m, s.acceptedPerSec), 0),
    p99At1000: steps.find((s) => s.offered === 1000)?.recv.p99 ?? null,
  };
}

export interface ConnectionsResult {
  target: number;
  connected: number;
  failed: number;
  errors: string[];
  connectMs: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  rssPerConnectionKb: number;
  limitNote: string;
}

export async function connections(pool: LoadPool, serverPid: number, specs: SocketSpec[], opts: { join: boolean }): Promise<ConnectionsResult> {
  await sleep(1000);
  const before = sampleProc(serverPid);
  const res = await pool.connect(specs, { join: opts.join, concurrency: 100 });
  await sleep(3000);
  const after = sampleProc(serverPid);
  await pool.disconnect();
  const perConn = res.ok > 0 ? (after.rssKb - before.rssKb) / res.ok : 0;
  return {
    target: specs.length,
    connected: res.ok,
    failed: res.failed,
    errors: res.errors,
    connectMs: Math.round(res.ms),
    rssBeforeMb: Math.round(before.rssKb / 102.4) / 10,
    rssAfterMb: Math.round(after.rssKb / 102.4) / 10,
    rssPerConnectionKb: Math.round(perConn * 10) / 10,
    limitNote: res.failed > 0 ? `stopped short: ${res.errors.join("; ")}` : "",
  };
}

export interface HttpResult {
  path: string;
  p50: number;
  p99: number;
  avg: number;
  rps: number;
  non2xx: number;
  errors: number;
}

/** autocannon in its own process (the CLI with --json). */
export async function autocannon(url: string, cookie: string, seconds: number, connections = 10): Promise<HttpResult> {
  const { stdout } = await run(
    process.execPath,
    [path.join(ROOT, "node_modules/autocannon/autocannon.js"), "-j", "-c", String(connections), "-d", String(seconds), "-H", `cookie=${cookie}`, url],
    { maxBuffer: 64 * 1024 * 1024, cwd: ROOT },
  );
  const r = JSON.parse(stdout) as {
    latency: { p50: number; p99: number; average: number };
    requests: { average: number };
    non2xx: number;
    errors: number;
  };
  return { path: new URL(url).pathname + new URL(url).search, p50: r.latency.p50, p99: r.latency.p99, avg: r.latency.average, rps: Math.round(r.requests.average), non2xx: r.non2xx, errors: r.errors };
}
