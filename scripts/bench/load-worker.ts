/**
 * A load-generator process: opens the sockets it is given, joins their rooms, then runs steps
 * at the offered rate it is told, recording send->ack and send->receive latencies and which
 * messages each socket received (for lost / duplicated counts). Runs as a child process of
 * the bench (never inside the server's process); talks to it over IPC (./lib/protocol.ts).
 */
import { io, type Socket } from "socket.io-client";
import msgpackParser from "socket.io-msgpack-parser";
import { Histogram } from "./lib/histogram";
import type { FromWorker, SenderReport, SocketSpec, StepReport, ToWorker } from "./lib/protocol";

interface Conn {
  socket: Socket;
  spec: SocketSpec;
  /** senderKey -> bitmap of n received (duplicates detection). */
  seen: Map<string, Uint8Array>;
  lastSeq: number;
}

interface Sender {
  key: string;
  conn: Conn;
  n: number;
  acked: Uint8Array;
}

const now = () => performance.timeOrigin + performance.now();
const send = (m: FromWorker) => process.send?.(m);
const workerId = process.env.BENCH_WORKER_ID ?? String(process.pid);

let conns: Conn[] = [];
let senders: Sender[] = [];
let step: Step | null = null;

function setBit(map: Uint8Array, n: number): Uint8Array {
  let out = map;
  if ((n >> 3) >= out.length) {
    out = new Uint8Array(Math.max(out.length * 2, (n >> 3) + 64));
    out.set(map);
  }
  out[n >> 3]! |= 1 << (n & 7);
  return out;
}
const hasBit = (map: Uint8Array, n: number) => (n >> 3) < map.length && (map[n >> 3]! & (1 << (n & 7))) !== 0;

class Step {
  sent = 0;
  acked = 0;
  ackedInWindow = 0;
  rejected: Record<string, number> = {};
  ackTimeouts = 0;
  pending = 0;
  received = 0;
  receivedInWindow = 0;
  duplicates = 0;
  seqGaps = 0;
  ack = new Histogram();
  recv = new Histogram();
  receipts = new Map<string, Uint16Array>();
  lastReceiveAt = now();
  running = true;
  readonly startedAt = now();
  endedAt = 0;
  readonly cpuStart = process.cpuUsage();

  receipt(senderKey: string, n: number) {
    let counts = this.receipts.get(senderKey);
    if (!counts || n >= counts.length) {
      const grown = new Uint16Array(Math.max((counts?.length ?? 0) * 2, n + 256));
      if (counts) grown.set(counts);
      this.receipts.set(senderKey, (counts = grown));
    }
    counts[n]! += 1;
  }
}

function onMessage(conn: Conn, message: { seq?: number; body?: string }) {
  const s = step;
  const t = now();
  if (typeof message.seq === "number") {
    if (conn.lastSeq !== 0 && message.seq !== conn.lastSeq + 1 && s) s.seqGaps += 1;
    conn.lastSeq = Math.max(conn.lastSeq, message.seq);
  }
  if (!s || typeof message.body !== "string") return;
  const [senderKey, nText, tText] = message.body.split("|", 3);
  if (!senderKey || nText === undefined || tText === undefined) return;
  const n = Number(nText);
  s.received += 1;
  s.lastReceiveAt = t;
  if (s.running) s.receivedInWindow += 1;
  const seen = conn.seen.get(senderKey) ?? new Uint8Array(64);
  if (hasBit(seen, n)) {
    s.duplicates += 1;
    return;
  }
  conn.seen.set(senderKey, setBit(seen, n));
  s.receipt(senderKey, n);
  s.recv.record(t - Number(tText));
}

async function connectAll(specs: SocketSpec[], parser: "default" | "msgpack", concurrency: number, join: boolean) {
  const started = now();
  let ok = 0;
  let failed = 0;
  const errors: string[] = [];
  let next = 0;
  const one = async (spec: SocketSpec): Promise<void> => {
    const headers: Record<string, string> = { origin: spec.url };
    if (spec.cookie) headers.cookie = spec.cookie;
    const socket = io(spec.url, {
      transports: ["websocket"],
      extraHeaders: headers,
      reconnection: false,
      forceNew: true,
      timeout: 60_000,
      ...(parser === "msgpack" ? { parser: msgpackParser } : {}),
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", (e) => reject(e));
      });
      const conn: Conn = { socket, spec, seen: new Map(), lastSeq: 0 };
      socket.on("message:new", (m: { seq?: number; body?: string }) => onMessage(conn, m));
      // Parley sends a group commit's messages as one frame; the bare server never does.
      socket.on("messages:new", (b: { messages?: { seq?: number; body?: string }[] }) => {
        for (const m of b.messages ?? []) onMessage(conn, m);
      });
      if (join) {
        const ack = (await socket.timeout(60_000).emitWithAck("room:join", { roomId: spec.roomId })) as { ok: boolean; error?: { code: string } };
        if (!ack.ok) throw new Error(`room:join refused: ${ack.error?.code}`);
      }
      conns.push(conn);
      if (spec.sender) senders.push({ key: `${workerId}.${senders.length}`, conn, n: 0, acked: new Uint8Array(64) });
      ok += 1;
    } catch (e) {
      failed += 1;
      socket.disconnect();
      if (errors.length < 5) errors.push(e instanceof Error ? e.message : String(e));
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, specs.length) }, async () => {
      while (next < specs.length) {
        const spec = specs[next++]!;
        await one(spec);
      }
    }),
  );
  send({ type: "connected", ok, failed, ms: now() - started, errors });
}

function sendOne(s: Step, sender: Sender, bodyBytes: number) {
  const n = sender.n++;
  const t = now();
  let body = `${sender.key}|${n}|${t.toFixed(3)}|`;
  if (body.length < bodyBytes) body += "x".repeat(bodyBytes - body.length);
  s.sent += 1;
  s.pending += 1;
  const clientId = `b${sender.key.replace(/\W/g, "")}n${n}t${Math.floor(t)}`;
  sender.conn.socket.timeout(30_000).emit("message:send", { roomId: sender.conn.spec.roomId, clientId, body }, (err: unknown, ack: { ok: boolean; error?: { code: string } }) => {
    s.pending -= 1;
    if (err) {
      s.ackTimeouts += 1;
      return;
    }
    if (!ack.ok) {
      const code = ack.error?.code ?? "UNKNOWN";
      s.rejected[code] = (s.rejected[code] ?? 0) + 1;
      return;
    }
    s.acked += 1;
    if (s.running) s.ackedInWindow += 1;
    sender.acked = setBit(sender.acked, n);
    s.ack.record(now() - t);
  });
}

async function runStep(rate: number, durationMs: number, bodyBytes: number) {
  const s = new Step();
  step = s;
  for (const sender of senders) {
    sender.n = 0;
    sender.acked = new Uint8Array(64);
  }
  for (const c of conns) c.seen.clear();
  let rr = 0;
  if (senders.length > 0 && rate > 0) {
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const elapsed = now() - s.startedAt;
        const due = Math.min(Math.floor((rate * Math.min(elapsed, durationMs)) / 1000), Math.floor((rate * durationMs) / 1000));
        while (s.sent < due) sendOne(s, senders[rr++ % senders.length]!, bodyBytes);
        if (elapsed >= durationMs) {
          clearInterval(timer);
          resolve();
        }
      }, 2);
    });
  } else {
    await new Promise((r) => setTimeout(r, durationMs));
  }
  s.running = false;
  s.endedAt = now();
  // Drain: every ack back, then no delivery for 1.5 s (a starved server can still be fanning
  // out the tail of a step long after its last ack).
  const ackDeadline = now() + 60_000;
  while (s.pending > 0 && now() < ackDeadline) await new Promise((r) => setTimeout(r, 20));
  const drainDeadline = now() + 120_000;
  while (now() - s.lastReceiveAt < 1_500 && now() < drainDeadline) await new Promise((r) => setTimeout(r, 50));
  const cpu = process.cpuUsage(s.cpuStart);
  const senderReports: Record<string, SenderReport> = {};
  for (const sender of senders) senderReports[sender.key] = { roomId: sender.conn.spec.roomId, acked: Buffer.from(sender.acked).toString("base64"), sent: sender.n };
  const receipts: Record<string, string> = {};
  for (const [key, counts] of s.receipts) receipts[key] = Buffer.from(counts.buffer, counts.byteOffset, counts.byteLength).toString("base64");
  const report: StepReport = {
    type: "stepResult",
    sent: s.sent,
    acked: s.acked,
    rejected: s.rejected,
    ackTimeouts: s.ackTimeouts + s.pending,
    ackedInWindow: s.ackedInWindow,
    receivedInWindow: s.receivedInWindow,
    received: s.received,
    duplicates: s.duplicates,
    seqGaps: s.seqGaps,
    ack: s.ack.toJSON(),
    recv: s.recv.toJSON(),
    senders: senderReports,
    receipts,
    cpuMs: (cpu.user + cpu.system) / 1000,
    windowMs: s.endedAt - s.startedAt,
  };
  step = null;
  send(report);
}

process.on("message", (raw: ToWorker) => {
  if (raw.type === "connect") void connectAll(raw.sockets, raw.parser, raw.concurrency, raw.join);
  else if (raw.type === "step") void runStep(raw.rate, raw.durationMs, raw.bodyBytes);
  else if (raw.type === "disconnect") {
    for (const c of conns) c.socket.disconnect();
    conns = [];
    senders = [];
    send({ type: "disconnected" });
  }
});
process.on("disconnect", () => process.exit(0));
send({ type: "ready" });
