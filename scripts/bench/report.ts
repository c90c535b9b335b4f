/**
 * The results: bench-results.json's shape, the targets from the issue, and the markdown table
 * (printed by the bench and pasted into docs/performance.md). `tsx scripts/bench/report.ts
 * [bench-results.json]` prints the markdown of an earlier run again.
 */
import { readFileSync } from "node:fs";
import { saturated, type ChatStep, type ConnectionsResult, type HttpResult, type Ladder } from "./scenarios";

export interface BenchResults {
  meta: { date: string; quick: boolean; commit: string; node: string; cpus: number; cpuModel: string; memGb: number; loadWorkers: number; roomSize: number; rooms: number; sendersPerRoom: number; stepSeconds: number; note: string };
  /** bareMsgpack: the bare server and its clients with socket.io-msgpack-parser (full runs). */
  chat: { parley: Ladder; bare: Ladder; bareMsgpack?: Ladder | null; ratio: number };
  /** machineBound: one instance at its saturation already used `onePct` of the machine's CPU (% of a
   *  core), so 1.6 times its rate would need about `needPct` of the `capacityPct` there is. */
  cluster: (Ladder & { ratioVsOne: number; loadGeneratorBound: boolean; machineBound?: { onePct: number; needPct: number; capacityPct: number } | null }) | null;
  connections: { parley: ConnectionsResult; bare: ConnectionsResult } | null;
  /** newest/deep: one connection at a steady `rate` requests/s (the latency targets); newestMax/deepMax: 10 connections flat out. */
  history: { messages: number; seedMs: number; rate: number; newest: HttpResult; deep: HttpResult; newestMax: HttpResult; deepMax: HttpResult } | null;
  coldStart: { runsMs: number[]; medianMs: number };
  correctness: { lost: number; duplicated: number; seqGaps: number; ok: boolean };
  targets: Target[];
}

export interface Target {
  name: string;
  goal: string;
  value: string;
  met: boolean | null;
}

const fmt = (n: number | null | undefined, digits = 1) => (n === null || n === undefined ? "—" : Number.isInteger(n) ? String(n) : n.toFixed(digits));

export function targets(r: Omit<BenchResults, "targets">): Target[] {
  const out: Target[] = [];
  const ratio = r.chat.ratio;
  out.push({ name: "Saturation throughput vs bare", goal: "≥ 0.8 × bare", value: `${r.chat.parley.saturation} vs ${r.chat.bare.saturation} msg/s = ${ratio.toFixed(2)}×`, met: ratio >= 0.8 });
  const p = r.chat.parley.p99At1000;
  out.push({ name: "send→receive p99 at 1,000 msg/s, rooms of 50", goal: "≤ 30 ms", value: p === null ? "step not reached" : `${fmt(p)} ms (bare ${fmt(r.chat.bare.p99At1000)} ms)`, met: p === null ? false : p <= 30 });
  if (r.connections) {
    const c = r.connections.parley;
    out.push({ name: "Idle sockets on one instance", goal: "≥ 10,000 at ≤ 40 KB RSS each", value: `${c.connected} at ${fmt(c.rssPerConnectionKb)} KB each (bare ${fmt(r.connections.bare.rssPerConnectionKb)} KB)`, met: c.connected >= 10_000 && c.rssPerConnectionKb <= 40 });
  }
  if (r.history) {
    out.push({ name: `History newest page p99 (${r.history.messages.toLocaleString("en")} messages, 1 reader at ${r.history.rate} req/s)`, goal: "≤ 20 ms", value: `${fmt(r.history.newest.p99)} ms`, met: r.history.newest.p99 <= 20 && r.history.messages >= 1_000_000 });
    out.push({ name: `History deep page p99 (${r.history.messages.toLocaleString("en")} messages, 1 reader at ${r.history.rate} req/s)`, goal: "≤ 50 ms", value: `${fmt(r.history.deep.p99)} ms`, met: r.history.deep.p99 <= 50 && r.history.messages >= 1_000_000 });
  }
  if (r.cluster) {
    const mb = r.cluster.machineBound;
    out.push({
      name: "Two instances via Redis vs one",
      goal: "≥ 1.6 × one instance (load generator not the bottleneck)",
      value:
        `${r.cluster.saturation} vs ${r.chat.parley.saturation} msg/s = ${r.cluster.ratioVsOne.toFixed(2)}×${r.cluster.loadGeneratorBound ? " (load generator bound)" : ""}` +
        (mb ? `; not measurable on this machine: one instance at its saturation used ${fmt(mb.onePct)} % of the machine's ${mb.capacityPct} % CPU, 1.6× needs ~${mb.needPct} %` : ""),
      met: r.cluster.ratioVsOne >= 1.6 ? true : mb ? null : false,
    });
  }
  out.push({ name: "Lost / duplicated messages", goal: "0 / 0", value: `${r.correctness.lost} / ${r.correctness.duplicated}`, met: r.correctness.ok });
  return out;
}

function stepRow(server: string, s: ChatStep): string {
  return `| ${server} | ${s.offered}${(s.attempt ?? 1) > 1 ? " (run 2)" : ""} | ${s.acceptedPerSec} | ${s.deliveriesPerSec.toLocaleString("en")} | ${fmt(s.ack.p50)} / ${fmt(s.ack.p95)} / ${fmt(s.ack.p99)} | ${fmt(s.recv.p50)} / ${fmt(s.recv.p95)} / ${fmt(s.recv.p99)} | ${fmt(s.serverCpuPct)} (${fmt(s.serverCpuMsPerMsg, 3)}) | ${fmt(s.machineCpuPct)} (${fmt(s.postgresCpuPct)} / ${fmt(s.redisCpuPct)}) | ${fmt(s.writesPerDelivery, 2)} | ${fmt(s.serverRssMb)} | ${s.lost} / ${s.duplicated} | ${fmt(s.loadCpuMaxPct)} | ${s.writer ? `${fmt(s.writer.avgBatch)} (${fmt(s.writer.writeMs)} ms)` : "—"} |`;
}

/** The saturation had every step run once (the ladder stopping at the first step over the limit). */
export function oneRunSaturation(l: Ladder): number {
  let best = 0;
  for (const s of l.steps) {
    if ((s.attempt ?? 1) > 1) continue;
    if (saturated(s)) break;
    best = Math.max(best, s.acceptedPerSec);
  }
  return best;
}

export function markdown(r: BenchResults): string {
  const m = r.meta;
  const lines: string[] = [];
  lines.push(`Run ${m.date}${m.quick ? " (--quick: reduced, not comparable)" : ""}, commit ${m.commit}, Node ${m.node}, ${m.cpus} × ${m.cpuModel}, ${m.memGb} GB. ` + `${m.rooms} rooms × ${m.roomSize} members, ${m.sendersPerRoom} senders per room, ${m.loadWorkers} load-generator processes, ${m.stepSeconds} s per step.`);
  if (m.note) lines.push("", m.note);
  lines.push("", "### Targets", "", "| target | goal | measured | met |", "|---|---|---|---|");
  for (const t of r.targets) lines.push(`| ${t.name} | ${t.goal} | ${t.value} | ${t.met === null ? "not measurable here" : t.met ? "yes" : "**no**"} |`);
  lines.push("", "### Chat load (per step)", "", "| server | offered msg/s | accepted msg/s | deliveries/s | send→ack p50 / p95 / p99 ms | send→receive p50 / p95 / p99 ms | server CPU % (ms per msg) | machine CPU % (PostgreSQL / Redis) | server writes per delivery | server RSS MB | lost / dup | load-gen CPU % (max) | msgs per commit (write ms) |", "|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const s of r.chat.parley.steps) lines.push(stepRow("Parley", s));
  for (const s of r.chat.bare.steps) lines.push(stepRow("bare Socket.IO", s));
  for (const s of r.chat.bareMsgpack?.steps ?? []) lines.push(stepRow("bare + msgpack parser", s));
  if (r.cluster) for (const s of r.cluster.steps) lines.push(stepRow("Parley × 2 + Redis", s));
  lines.push("", "### Summary", "", "| server | saturation msg/s (p99 < 100 ms) | the same, one run per step | p99 at 1,000 msg/s | idle socket RSS | connect time |", "|---|---|---|---|---|---|");
  const c = r.connections;
  lines.push(`| bare Socket.IO 4.8 | ${r.chat.bare.saturation} | ${oneRunSaturation(r.chat.bare)} | ${fmt(r.chat.bare.p99At1000)} ms | ${c ? `${fmt(c.bare.rssPerConnectionKb)} KB (${c.bare.connected} sockets)` : "—"} | ${c ? `${c.bare.connectMs} ms` : "—"} |`);
  if (r.chat.bareMsgpack) lines.push(`| bare Socket.IO 4.8 + msgpack parser | ${r.chat.bareMsgpack.saturation} | ${oneRunSaturation(r.chat.bareMsgpack)} | ${fmt(r.chat.bareMsgpack.p99At1000)} ms | — | — |`);
  const oneRunRatio = oneRunSaturation(r.chat.bare) > 0 ? oneRunSaturation(r.chat.parley) / oneRunSaturation(r.chat.bare) : 0;
  lines.push(`| Parley | ${r.chat.parley.saturation} (${r.chat.ratio.toFixed(2)}× bare) | ${oneRunSaturation(r.chat.parley)} (${oneRunRatio.toFixed(2)}×) | ${fmt(r.chat.parley.p99At1000)} ms | ${c ? `${fmt(c.parley.rssPerConnectionKb)} KB (${c.parley.connected} sockets)` : "—"} | ${c ? `${c.parley.connectMs} ms` : "—"} |`);
  if (r.cluster) lines.push(`| Parley × 2 + Redis adapter | ${r.cluster.saturation} (${r.cluster.ratioVsOne.toFixed(2)}× one) | ${oneRunSaturation(r.cluster)} | ${fmt(r.cluster.p99At1000)} ms | — | — |`);
  if (r.history) {
    const h = r.history;
    lines.push("", `### History (${h.messages.toLocaleString("en")} messages in the room, autocannon)`, "", "| page | load | p50 ms | p99 ms | requests/s | non-2xx |", "|---|---|---|---|---|---|");
    const deepName = `deep (\`${h.deep.path.replace(/^.*\?/, "?")}\`)`;
    for (const [name, res, load] of [["newest", h.newest, `1 connection, ${h.rate} req/s`], [deepName, h.deep, `1 connection, ${h.rate} req/s`], ["newest", h.newestMax, "10 connections, flat out"], [deepName, h.deepMax, "10 connections, flat out"]] as const) {
      lines.push(`| ${name} | ${load} | ${fmt(res.p50)} | ${fmt(res.p99)} | ${res.rps} | ${res.non2xx} |`);
    }
  }
  lines.push("", `Cold start (process start → first healthy \`/api/health\`): median ${fmt(r.coldStart.medianMs, 0)} ms over ${r.coldStart.runsMs.length} starts (${r.coldStart.runsMs.map((x) => Math.round(x)).join(", ")} ms).`);
  return lines.join("\n");
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const file = process.argv[2] ?? "bench-results.json";
  console.log(markdown(JSON.parse(readFileSync(file, "utf8")) as BenchResults));
}
