/** Process metrics from /proc (Linux): CPU time and resident memory of a process by pid. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

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
}

export function sampleProc(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rss = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  return { at: performance.now(), cpuMs: ((utime + stime) * 1000) / clkTck, rssKb: rss ? Number(rss[1]) : 0 };
}

/** CPU use between two samples, in percent of one core. */
export function cpuPercent(a: ProcSample, b: ProcSample): number {
  const wall = b.at - a.at;
  return wall > 0 ? Math.round(((b.cpuMs - a.cpuMs) / wall) * 1000) / 10 : 0;
}
