/**
 * `npm run bench [-- --quick] [-- --only=chat,parley,bare,msgpack,cluster,history,connections,coldstart]`
 * (`chat` is Parley's and the bare server's ladders; `parley` and `bare` one of them)
 *
 * Starts the real built Parley (dist/server.mjs) against a fresh database and Redis namespace,
 * drives it with socket.io-client load generators in separate processes, drives a bare
 * Socket.IO broadcast server with the same load in the same run, prints a table (markdown,
 * for docs/performance.md) and writes bench-results.json. Exits non-zero if any acknowledged
 * message was lost or duplicated. See docs/performance.md.
 */
import { execFileSync, execSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestDatabase, REDIS_URL } from "../../tests/helpers/db";
import { addMembers, bulkUsers, createRooms, registerOwner, seedHistory, writerMetrics } from "./lib/fixtures";
import { LoadPool } from "./lib/load";
import type { SocketSpec } from "./lib/protocol";
import { ROOT, startBare, startParley, type RunningProcess } from "./lib/servers";
import { markdown, targets, type BenchResults } from "./report";
import { autocannon, chatLadder, connections, saturated, type Ladder } from "./scenarios";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = flag("quick");
const only = option("only")?.split(",");
const want = (s: string) => !only || only.includes(s);
/** The msgpack comparison runs in the full bench and when asked for (--only=msgpack). */
const wantMsgpack = () => (only ? only.includes("msgpack") : !flag("quick"));
const outFile = path.resolve(option("out") ?? "bench-results.json");

const ROOM_SIZE = 50;
const config = quick
  ? { rooms: 2, sendersPerRoom: 5, rates: [100, 300], stepSeconds: 3, clusterRates: [200], connections: 400, historyMessages: 20_000, historySeconds: 2, coldStarts: 1 }
  : { rooms: 10, sendersPerRoom: 10, rates: [250, 500, 1000, 1500, 1750, 2000, 2250, 2500, 2750, 3000, 3500, 4000, 5000, 6000, 7000], stepSeconds: 8, clusterRates: [500, 1000, 1500, 1750, 2000, 2250, 2500, 2750, 3000, 3500, 4000, 5000], connections: 10_000, historyMessages: 1_000_000, historySeconds: 10, coldStarts: 3 };
if (option("rates")) config.rates = option("rates")!.split(",").map(Number);
if (option("connections")) config.connections = Number(option("connections"));
if (option("history-messages")) config.historyMessages = Number(option("history-messages"));
const LOAD_WORKERS = Number(option("workers") ?? 2);
/** The steady request rate (one connection) at which history latency is measured. */
const HISTORY_RATE = Number(option("history-rate") ?? 100);
/** Extra server environment for experiments, e.g. --server-env=DATABASE_PREPARED_STATEMENTS=0,WRITER_MAX_BATCH=50 */
const SERVER_ENV = Object.fromEntries((option("server-env") ?? "").split(",").filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));
const AUTH_SECRET = `bench-secret-${process.pid}-0123456789abcdef0123456789`;
const REDIS_PREFIX = `parley-bench-${process.pid}-${Date.now().toString(36)}`;

const log = (s: string) => console.log(s);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function ensureBuilt() {
  if (existsSync(path.join(ROOT, "dist/server.mjs")) && existsSync(path.join(ROOT, ".next/BUILD_ID"))) return;
  log("No build found: running npm run build");
  execSync("npm run build", { cwd: ROOT, stdio: "inherit" });
}

/** Sockets for the chat rooms: every member of a room gets a socket, the first few send. */
function chatSpecs(urls: string[], rooms: { id: string; members: { cookie: string }[] }[], sendersPerRoom: number, bare: boolean): SocketSpec[] {
  const specs: SocketSpec[] = [];
  for (const room of rooms) {
    room.members.forEach((m, i) => {
      // Alternate members over the instances, so every room has members (and senders) on each.
      const url = urls[i % urls.length]!;
      specs.push({ url, roomId: room.id, sender: i < sendersPerRoom, ...(bare ? {} : { cookie: m.cookie }) });
    });
  }
  return specs;
}

async function main() {
  ensureBuilt();
  const started = Date.now();
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  log(`Parley bench${quick ? " (quick)" : ""}: ${config.rooms} rooms × ${ROOM_SIZE} members, ${LOAD_WORKERS} load workers, commit ${commit}`);
  const db = await createTestDatabase("parley_bench");
  // Experiments: SQL run on the fresh database before any server starts (a per-database setting, an index dropped).
  if (process.env.BENCH_SETUP_SQL) execFileSync("psql", [db.url, "-c", process.env.BENCH_SETUP_SQL], { stdio: "inherit" });
  const servers: RunningProcess[] = [];
  const pool = await LoadPool.start(LOAD_WORKERS);
  const coldStarts: number[] = [];
  const startServer = async (name: string) => {
    const s = await startParley({ name, databaseUrl: db.url, redisUrl: REDIS_URL, redisPrefix: REDIS_PREFIX, authSecret: AUTH_SECRET, env: SERVER_ENV });
    servers.push(s);
    coldStarts.push(s.startMs);
    log(`${name} up in ${Math.round(s.startMs)} ms (pid ${s.pid})`);
    return s;
  };
  const stop = async (s: RunningProcess) => {
    await s.stop();
    servers.splice(servers.indexOf(s), 1);
  };
  try {
    const a = await startServer("parley-a");
    const owner = await registerOwner(a.url);
    const roomIds = await createRooms(a.url, owner, config.rooms, "bench");
    const users = await bulkUsers(db.url, config.rooms * ROOM_SIZE, "chat", owner.user.id, AUTH_SECRET);
    const rooms = roomIds.map((id, r) => ({ id, members: users.slice(r * ROOM_SIZE, (r + 1) * ROOM_SIZE) }));
    for (const room of rooms) await addMembers(db.url, room.id, room.members.map((m) => m.id));

    const empty: Ladder = { steps: [], saturation: 0, p99At1000: null };
    let parley = empty;
    let bare = empty;
    if (want("chat") || want("parley")) {
      log("Chat load: Parley");
      const c = await pool.connect(chatSpecs([a.url], rooms, config.sendersPerRoom, false));
      if (c.failed > 0) throw new Error(`chat sockets failed to connect: ${c.errors.join("; ")}`);
      parley = await chatLadder("parley", pool, [a.pid], config.rates, config.stepSeconds * 1000, log, () => writerMetrics([a.url]));
      await pool.disconnect();
    }
    if (want("chat") || want("bare")) {
      log("Chat load: bare Socket.IO");
      const b = await startBare();
      try {
        await pool.connect(chatSpecs([b.url], rooms, config.sendersPerRoom, true));
        bare = await chatLadder("bare", pool, [b.pid], config.rates, config.stepSeconds * 1000, log);
        await pool.disconnect();
      } finally {
        await b.stop();
      }
    }

    // socket.io-msgpack-parser, compared where it matters most: the bare server's fan-out.
    let bareMsgpack: Ladder | null = null;
    if (wantMsgpack()) {
      log("Chat load: bare Socket.IO with socket.io-msgpack-parser");
      const b = await startBare({ parser: "msgpack" });
      try {
        await pool.connect(chatSpecs([b.url], rooms, config.sendersPerRoom, true), { parser: "msgpack" });
        bareMsgpack = await chatLadder("bare+msgpack", pool, [b.pid], config.rates, config.stepSeconds * 1000, log);
        await pool.disconnect();
      } finally {
        await b.stop();
      }
    }

    let cluster: BenchResults["cluster"] = null;
    if (want("cluster")) {
      log("Chat load: two Parley instances joined by the Redis adapter");
      const b = await startServer("parley-b");
      await pool.connect(chatSpecs([a.url, b.url], rooms, config.sendersPerRoom, false));
      const ladder = await chatLadder("parley×2", pool, [a.pid, b.pid], config.clusterRates, config.stepSeconds * 1000, log, () => writerMetrics([a.url, b.url]));
      await pool.disconnect();
      await stop(b);
      const top = ladder.steps.at(-1);
      // The whole machine's CPU at one instance's saturation: 1.6 times that rate needs about 1.6
      // times the CPU (servers, PostgreSQL, Redis and load generators all scale with the rate).
      const oneTop = parley.steps.filter((s) => !saturated(s)).sort((x, y) => y.acceptedPerSec - x.acceptedPerSec)[0];
      const capacityPct = os.cpus().length * 100;
      const needPct = Math.round((oneTop?.machineCpuPct ?? 0) * 1.6);
      cluster = {
        ...ladder,
        ratioVsOne: parley.saturation > 0 ? ladder.saturation / parley.saturation : 0,
        // A load generator near a full core cannot offer more: the ratio then says little.
        loadGeneratorBound: (top?.loadCpuMaxPct ?? 0) >= 85,
        machineBound: needPct > capacityPct * 0.95 ? { onePct: oneTop?.machineCpuPct ?? 0, needPct, capacityPct } : null,
      };
    }

    let history: BenchResults["history"] = null;
    if (want("history")) {
      log(`History: seeding ${config.historyMessages.toLocaleString("en")} messages`);
      const [historyRoom] = await createRooms(a.url, owner, 1, "history");
      const seedMs = await seedHistory(db.url, historyRoom!, owner.user.id, config.historyMessages);
      log(`  seeded in ${Math.round(seedMs)} ms`);
      const base = `${a.url}/api/rooms/${historyRoom}/messages`;
      const deepUrl = `${base}?before=${Math.floor(config.historyMessages / 2)}`;
      // Warm-up (JIT, prepared statements, the index's pages in cache), not reported.
      for (const url of [base, deepUrl]) await autocannon(url, owner.cookie, 2);
      // Latency: one reader at a steady HISTORY_RATE requests/s (autocannon fires a rate-limited
      // run's connections in step, so with 10 the latency would be the burst's queue); then the
      // most one instance serves: 10 connections flat out.
      const newest = await autocannon(base, owner.cookie, config.historySeconds, { connections: 1, rate: HISTORY_RATE });
      const deep = await autocannon(deepUrl, owner.cookie, config.historySeconds, { connections: 1, rate: HISTORY_RATE });
      const newestMax = await autocannon(base, owner.cookie, config.historySeconds);
      const deepMax = await autocannon(deepUrl, owner.cookie, config.historySeconds);
      log(`  at ${HISTORY_RATE} req/s: newest p50/p99 ${newest.p50}/${newest.p99} ms, deep p50/p99 ${deep.p50}/${deep.p99} ms`);
      log(`  flat out: newest ${newestMax.rps} req/s (p50/p99 ${newestMax.p50}/${newestMax.p99} ms), deep ${deepMax.rps} req/s (p50/p99 ${deepMax.p50}/${deepMax.p99} ms)`);
      history = { messages: config.historyMessages, seedMs: Math.round(seedMs), rate: HISTORY_RATE, newest, deep, newestMax, deepMax };
    }
    await stop(a);

    let conns: BenchResults["connections"] = null;
    if (want("connections")) {
      const n = config.connections;
      log(`Connections: ${n} idle authenticated sockets on a fresh instance`);
      const c = await startServer("parley-c");
      // Ten sockets per user, under MAX_SOCKETS_PER_USER (20).
      const idleUsers = await bulkUsers(db.url, Math.ceil(n / 10), "idle", owner.user.id, AUTH_SECRET);
      const specs: SocketSpec[] = Array.from({ length: n }, (_, i) => ({ url: c.url, cookie: idleUsers[i % idleUsers.length]!.cookie, roomId: "", sender: false }));
      const parleyConns = await connections(pool, c.pid, specs, { join: false });
      log(`  parley: ${parleyConns.connected}/${n} in ${parleyConns.connectMs} ms, ${parleyConns.rssPerConnectionKb} KB each ${parleyConns.limitNote}`);
      await stop(c);
      const b = await startBare();
      const bareConns = await connections(pool, b.pid, specs.map((s) => ({ ...s, url: b.url, cookie: undefined })), { join: false });
      log(`  bare: ${bareConns.connected}/${n} in ${bareConns.connectMs} ms, ${bareConns.rssPerConnectionKb} KB each`);
      await b.stop();
      conns = { parley: parleyConns, bare: bareConns };
    }

    if (want("coldstart")) {
      while (coldStarts.length < config.coldStarts) await stop(await startServer("parley-cold"));
    }

    const all = [...parley.steps, ...bare.steps, ...(bareMsgpack?.steps ?? []), ...(cluster?.steps ?? [])];
    const correctness = {
      lost: all.reduce((s, x) => s + x.lost, 0),
      duplicated: all.reduce((s, x) => s + x.duplicated, 0),
      seqGaps: all.reduce((s, x) => s + x.seqGaps, 0),
      ok: all.every((x) => x.lost === 0 && x.duplicated === 0 && x.unacked === 0),
    };
    const partial: Omit<BenchResults, "targets"> = {
      meta: {
        date: new Date().toISOString(),
        quick,
        commit,
        node: process.version,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model.trim() ?? "?",
        memGb: Math.round(os.totalmem() / 2 ** 30),
        loadWorkers: LOAD_WORKERS,
        roomSize: ROOM_SIZE,
        rooms: config.rooms,
        sendersPerRoom: config.sendersPerRoom,
        stepSeconds: config.stepSeconds,
        note: option("note") ?? "",
      },
      chat: { parley, bare, bareMsgpack, ratio: bare.saturation > 0 ? parley.saturation / bare.saturation : 0 },
      cluster,
      connections: conns,
      history,
      coldStart: { runsMs: coldStarts.map(Math.round), medianMs: Math.round(median(coldStarts)) },
      correctness,
    };
    const results: BenchResults = { ...partial, targets: targets(partial) };
    mkdirSync(path.dirname(outFile), { recursive: true });
    writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
    log("");
    log(markdown(results));
    log("");
    log(`Wrote ${path.relative(process.cwd(), outFile)} in ${Math.round((Date.now() - started) / 1000)} s. Lost ${correctness.lost}, duplicated ${correctness.duplicated}.`);
    if (!correctness.ok) process.exitCode = 1;
  } finally {
    await pool.close();
    for (const s of [...servers]) await s.stop();
    if (!flag("keep-db")) await db.drop().catch(() => undefined);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
