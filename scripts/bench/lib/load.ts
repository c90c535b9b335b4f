/**
 * The coordinator's side of the load generators: N worker processes (./load-worker.ts, forked,
 * so the load never runs in the server's process nor in this one), each given a share of the
 * sockets; steps run in all of them at once and their reports are merged here.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { Histogram } from "./histogram";
import type { FromWorker, SocketSpec, StepReport, ToWorker } from "./protocol";
import { ROOT } from "./servers";

export interface StepResult {
  offered: number;
  windowMs: number;
  sent: number;
  acked: number;
  /** Acked per second while the step ran. */
  acceptedPerSec: number;
  deliveriesPerSec: number;
  expectedDeliveries: number;
  delivered: number;
  lost: number;
  duplicated: number;
  /** Delivered without an ok ack (e.g. the ack timed out). */
  unacked: number;
  seqGaps: number;
  rejected: Record<string, number>;
  ackTimeouts: number;
  ack: ReturnType<Histogram["summary"]>;
  recv: ReturnType<Histogram["summary"]>;
  /** Load generators' CPU, percent of one core each (max over workers). */
  loadCpuMaxPct: number;
}

class Worker {
  private waiters: { resolve: (m: FromWorker) => void; reject: (e: Error) => void }[] = [];
  constructor(readonly child: ChildProcess) {
    child.on("message", (m: FromWorker) => this.waiters.shift()?.resolve(m));
    child.once("exit", (code) => {
      for (const w of this.waiters.splice(0)) w.reject(new Error(`load worker exited (${code})`));
    });
  }
  next(): Promise<FromWorker> {
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }
  send(m: ToWorker) {
    this.child.send(m);
  }
}

export class LoadPool {
  private constructor(private readonly workers: Worker[]) {}
  private members = new Map<string, number>();

  static async start(count: number): Promise<LoadPool> {
    const workers = Array.from({ length: count }, (_, i) => {
      const child = fork(path.join(ROOT, "scripts/bench/load-worker.ts"), [], {
        cwd: ROOT,
        execArgv: ["--import", "tsx"],
        env: { ...process.env, BENCH_WORKER_ID: `w${i}` },
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      return new Worker(child);
    });
    await Promise.all(workers.map((w) => w.next()));
    return new LoadPool(workers);
  }

  get pids(): number[] {
    return this.workers.map((w) => w.child.pid ?? 0);
  }

  /** Deal the sockets round-robin over the workers and connect them. */
  async connect(specs: SocketSpec[], opts: { parser?: "default" | "msgpack"; join?: boolean; concurrency?: number } = {}) {
    this.members = new Map();
    for (const s of specs) this.members.set(s.roomId, (this.members.get(s.roomId) ?? 0) + 1);
    const shares = this.workers.map(() => [] as SocketSpec[]);
    specs.forEach((s, i) => shares[i % shares.length]!.push(s));
    const replies = await Promise.all(
      this.workers.map((w, i) => {
        const reply = w.next();
        w.send({ type: "connect", sockets: shares[i]!, parser: opts.parser ?? "default", concurrency: opts.concurrency ?? 50, join: opts.join ?? true });
        return reply;
      }),
    );
    let ok = 0;
    let failed = 0;
    let ms = 0;
    const errors: string[] = [];
    for (const r of replies) {
      if (r.type !== "connected") throw new Error(`unexpected ${r.type}`);
      ok += r.ok;
      failed += r.failed;
      ms = Math.max(ms, r.ms);
      errors.push(...r.errors);
    }
    return { ok, failed, ms, errors: [...new Set(errors)].slice(0, 5) };
  }

  async step(rate: number, durationMs: number, bodyBytes = 120): Promise<StepResult> {
    const reports = (await Promise.all(
      this.workers.map((w) => {
        const reply = w.next();
        w.send({ type: "step", rate: rate / this.workers.length, durationMs, bodyBytes });
        return reply;
      }),
    )) as StepReport[];
    return merge(rate, reports, this.members);
  }

  async disconnect() {
    await Promise.all(
      this.workers.map((w) => {
        const reply = w.next();
        w.send({ type: "disconnect" });
        return reply;
      }),
    );
  }

  async close() {
    for (const w of this.workers) w.child.kill("SIGTERM");
  }
}

const bitSet = (map: Buffer, n: number) => (n >> 3) < map.length && (map[n >> 3]! & (1 << (n & 7))) !== 0;

function merge(offered: number, reports: StepReport[], members: Map<string, number>): StepResult {
  const ack = new Histogram();
  const recv = new Histogram();
  const rejected: Record<string, number> = {};
  const receipts = new Map<string, Uint32Array>();
  let sent = 0, acked = 0, ackedInWindow = 0, receivedInWindow = 0, duplicated = 0, seqGaps = 0, ackTimeouts = 0, delivered = 0;
  let windowMs = 0;
  let loadCpuMaxPct = 0;
  for (const r of reports) {
    sent += r.sent;
    acked += r.acked;
    ackedInWindow += r.ackedInWindow;
    receivedInWindow += r.receivedInWindow;
    duplicated += r.duplicates;
    seqGaps += r.seqGaps;
    ackTimeouts += r.ackTimeouts;
    windowMs = Math.max(windowMs, r.windowMs);
    loadCpuMaxPct = Math.max(loadCpuMaxPct, Math.round((r.cpuMs / r.windowMs) * 1000) / 10);
    ack.merge(r.ack);
    recv.merge(r.recv);
    for (const [code, n] of Object.entries(r.rejected)) rejected[code] = (rejected[code] ?? 0) + n;
    for (const [key, b64] of Object.entries(r.receipts)) {
      const buf = Buffer.from(b64, "base64");
      const counts = new Uint16Array(buf.buffer, buf.byteOffset, buf.byteLength / 2);
      let sum = receipts.get(key);
      if (!sum || sum.length < counts.length) {
        const grown = new Uint32Array(Math.max(counts.length, sum?.length ?? 0));
        if (sum) grown.set(sum);
        receipts.set(key, (sum = grown));
      }
      for (let i = 0; i < counts.length; i++) sum[i]! += counts[i]!;
    }
  }
  // Every acked message must reach every socket of its room exactly once.
  let expected = 0;
  let lost = 0;
  let unacked = 0;
  for (const r of reports) {
    for (const [key, s] of Object.entries(r.senders)) {
      const ackedMap = Buffer.from(s.acked, "base64");
      const roomSize = members.get(s.roomId) ?? 0;
      const got = receipts.get(key);
      for (let n = 0; n < s.sent; n++) {
        const count = got?.[n] ?? 0;
        delivered += count;
        if (bitSet(ackedMap, n)) {
          expected += roomSize;
          lost += Math.max(0, roomSize - count);
        } else {
          unacked += count;
        }
      }
    }
  }
  const secs = windowMs / 1000;
  return {
    offered,
    windowMs: Math.round(windowMs),
    sent,
    acked,
    acceptedPerSec: Math.round(ackedInWindow / secs),
    deliveriesPerSec: Math.round(receivedInWindow / secs),
    expectedDeliveries: expected,
    delivered,
    lost,
    duplicated,
    unacked,
    seqGaps,
    rejected,
    ackTimeouts,
    ack: ack.summary(),
    recv: recv.summary(),
    loadCpuMaxPct,
  };
}
