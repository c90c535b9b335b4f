/** Process metrics from /proc (Linux): CPU time and resident memory of a process by pid. */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

let clkTck = 100;
try {
  clkTck = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
} catch {
  // 100 on every Linux we know of
}

export interface ProcSample {
  at: number;
  /** utime + stime, milliseconds. */
  cpuMs: number;
  rssKb: number;
  /** Write system calls so far (write, writev, sendmsg...): /proc/<pid>/io syscw. */
  syscw: number;
  /** Time the main thread has spent runnable but waiting for a core: /proc/<pid>/task/<pid>/schedstat, ms. */
  runWaitMs: number;
}

export function sampleProc(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rss = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  let syscw = 0;
  try {
    syscw = Number(/syscw:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/io`, "utf8"))?.[1] ?? 0);
  } catch {
    // /proc/<pid>/io needs the same user (or ptrace rights); 0 means unknown
  }
  let runWaitMs = 0;
  try {
    runWaitMs = Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").split(" ")[1]) / 1e6 || 0;
  } catch {
    // a kernel without sched_info; 0 means unknown
  }
  return { at: performance.now(), cpuMs: ((utime + stime) * 1000) / clkTck, rssKb: rss ? Number(rss[1]) : 0, syscw, runWaitMs };
}

/** CPU use between two samples, in percent of one core. */
export function cpuPercent(a: ProcSample, b: ProcSample): number {
  const wall = b.at - a.at;
  return wall > 0 ? Math.round(((b.cpuMs - a.cpuMs) / wall) * 1000) / 10 : 0;
}

/** Whole-machine CPU time (all cores, busy = everything but idle, iowait and steal), milliseconds. */
export interface MachineSample {
  at: number;
  busyMs: number;
  /** Time the hypervisor gave the machine's virtual CPUs to someone else (steal), all cores, ms. */
  stealMs: number;
  /** CPU time of every PostgreSQL and Redis process (each backend), by pid, milliseconds. */
  services: Map<number, { kind: "postgres" | "redis"; ms: number }>;
}

const SERVICE_COMMANDS: Record<string, "postgres" | "redis"> = { postgres: "postgres", "redis-server": "redis" };

export function sampleMachine(): MachineSample {
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user)
  const busyTicks = cpu.slice(0, 8).reduce((a, b) => a + b, 0) - (cpu[3] ?? 0) - (cpu[4] ?? 0) - (cpu[7] ?? 0);
  const services: MachineSample["services"] = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const kind = SERVICE_COMMANDS[stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"))];
      if (!kind) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      services.set(Number(entry), { kind, ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / clkTck });
    } catch {
      // the process ended between readdir and read
    }
  }
  return { at: performance.now(), busyMs: (busyTicks * 1000) / clkTck, stealMs: ((cpu[7] ?? 0) * 1000) / clkTck, services };
}

/**
 * Machine CPU between two samples in percent of one core (at most 100 × cores), and PostgreSQL's
 * and Redis's shares: processes present in both samples count their difference, new ones all
 * of their time, ended ones nothing (their last moments are lost, a small undercount).
 */
export function machinePercent(a: MachineSample, b: MachineSample): { busyPct: number; stealPct: number; postgresPct: number; redisPct: number } {
  const wall = b.at - a.at;
  if (wall <= 0) return { busyPct: 0, stealPct: 0, postgresPct: 0, redisPct: 0 };
  const spent = { postgres: 0, redis: 0 };
  for (const [pid, now] of b.services) spent[now.kind] += now.ms - (a.services.get(pid)?.ms ?? 0);
  const pct = (ms: number) => Math.round((ms / wall) * 1000) / 10;
  return { busyPct: pct(b.busyMs - a.busyMs), stealPct: pct(b.stealMs - a.stealMs), postgresPct: pct(spent.postgres), redisPct: pct(spent.redis) };
}
