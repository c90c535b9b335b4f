/**
 * Fault-test clients that run the browser's own sync logic: each is a user with a Socket.IO
 * client (through nginx, transports as in the browser) driving a RoomSync (outbox, retries
 * with the same clientId, catch-up, gap fill) with the transport the browser uses
 * (lib/client/socketTransport). A conversation keeps every client writing; `verify` then
 * compares what every client ended up showing with what PostgreSQL stored.
 */
import pg from "pg";
import { io } from "socket.io-client";
import type { HistoryQuery } from "@/lib/client/api";
import { ClientErrorCode } from "@/lib/shared/errors";
import { onNewMessages } from "@/lib/client/newMessages";
import { RoomSync } from "@/lib/client/roomSync";
import { handOffOnDrain, reconnectAfterTransientRefusals, SOCKET_OPTIONS, socketTransport, type ParleyClientSocket } from "@/lib/client/socketTransport";
import type { HistoryPage, MessageDTO, RoomDTO } from "@/lib/shared/types";
import { api, registerUser, sleep, type TestUser } from "../helpers/clients";

export interface FaultClient {
  index: number;
  user: TestUser;
  socket: ParleyClientSocket;
  sync: RoomSync | null;
  /** Times this client's socket dropped, and when it last came back. */
  disconnects: number;
  connectedAt: number;
  disconnectedAt: number;
  /** Failed connection attempts, by reason. */
  connectErrors: string[];
  /** First time each message id reached this client's log (ack, live event or history). */
  firstSeen: Map<string, number>;
  /** Message ids that arrived as live `message:new` / `messages:new` events. */
  live: Set<string>;
  /** Every live arrival, counted per message id before any de-duplication (a second one is a raw duplicate). */
  rawLive: Map<string, number>;
  /** When each live arrival came (for the longest stretch without live delivery). */
  liveAt: number[];
  /** Sends emitted on a connected socket whose answer never came (lost to a disconnect or a timeout). */
  unanswered: number;
  /** clientIds acknowledged ok (and when the first ok came), and refusals by error code. */
  acked: Set<string>;
  ackedAt: Map<string, number>;
  refusals: Map<string, number>;
  /** Messages this client wrote: clientId -> body, and when. */
  written: Map<string, { body: string; at: number }>;
  /** Gap-fill and catch-up requests (`?after=`) this client made. */
  historyAfter: number;
  /** Of those, the ones answered (a catch-up that reached the database). */
  catchUps: number;
  /** With `stickyCookie`: the instance nginx first routed this client to (its X-Parley-Upstream). */
  upstream: string | null;
}

export interface ClientOptions {
  /**
   * Carry nginx's balancer cookie (parley_lb) as a browser does: fetched once before connecting
   * and sent with every request, so HTTP long-polling keeps reaching the instance that holds
   * the session.
   */
  stickyCookie?: boolean;
}

/** nginx's sticky cookie for a new client, and the instance it routes that client to. */
async function balancerCookie(baseUrl: string): Promise<{ cookie: string; upstream: string | null }> {
  const res = await fetch(`${baseUrl}/api/health`);
  await res.arrayBuffer();
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0] ?? "").find((c) => c.startsWith("parley_lb="));
  if (!cookie) throw new Error("nginx set no parley_lb cookie");
  return { cookie, upstream: res.headers.get("x-parley-upstream") };
}

export async function createClients(baseUrl: string, count: number, opts: ClientOptions = {}): Promise<FaultClient[]> {
  const users: TestUser[] = [];
  // A few at a time: registration hashes a password (argon2) on a 2-core machine.
  for (let i = 0; i < count; i += 5) {
    users.push(...(await Promise.all(Array.from({ length: Math.min(5, count - i) }, (_, k) => registerUser(baseUrl, `Fault ${i + k + 1}`, "fault")))));
  }
  const sticky = opts.stickyCookie ? await Promise.all(users.map(() => balancerCookie(baseUrl))) : [];
  const clients = users.map((user, index) => {
    const lb = sticky[index];
    const socket: ParleyClientSocket = io(baseUrl, {
      // As the browser connects (SocketProvider): WebSocket first, long-polling when it fails, the same reconnection.
      ...SOCKET_OPTIONS,
      transports: [...SOCKET_OPTIONS.transports],
      extraHeaders: { cookie: lb ? `${user.cookie}; ${lb.cookie}` : user.cookie, origin: baseUrl },
      forceNew: true,
    });
    const client: FaultClient = {
      index,
      user,
      socket,
      sync: null,
      disconnects: 0,
      connectedAt: 0,
      disconnectedAt: 0,
      connectErrors: [],
      firstSeen: new Map(),
      live: new Set(),
      rawLive: new Map(),
      liveAt: [],
      unanswered: 0,
      acked: new Set(),
      ackedAt: new Map(),
      refusals: new Map(),
      written: new Map(),
      historyAfter: 0,
      catchUps: 0,
      upstream: lb?.upstream ?? null,
    };
    // As SocketProvider does: a handshake refused for a transient reason is tried again.
    reconnectAfterTransientRefusals(socket);
    // As SocketProvider does: a draining server's clients finish their calls, then move.
    handOffOnDrain(socket);
    socket.on("connect", () => {
      client.connectedAt = Date.now();
      client.sync?.onConnect();
    });
    socket.on("connect_error", (e) => client.connectErrors.push(`${Date.now()}:${e.message}`));
    socket.on("disconnect", () => {
      client.disconnects++;
      client.disconnectedAt = Date.now();
      client.sync?.onDisconnect();
    });
    onNewMessages(socket, (m) => {
      if (m.roomId !== client.sync?.roomId) return;
      client.live.add(m.id);
      client.rawLive.set(m.id, (client.rawLive.get(m.id) ?? 0) + 1);
      client.liveAt.push(Date.now());
      seen(client, [m]);
      client.sync.receive(m);
    });
    socket.on("message:updated", (m) => client.sync?.receiveUpdate(m));
    // As RoomSyncProvider does: the server can write again, the outbox retries now.
    socket.on("server:writable", () => client.sync?.onWritable());
    socket.on("presence", ({ roomId, online }) => roomId === client.sync?.roomId && client.sync.onPresence(online));
    socket.on("typing", ({ roomId, userIds }) => roomId === client.sync?.roomId && client.sync.onTyping(userIds));
    return client;
  });
  await waitUntil("every client connected", 30_000, () => clients.every((c) => c.socket.connected));
  return clients;
}

function seen(client: FaultClient, messages: readonly MessageDTO[]) {
  const now = Date.now();
  for (const m of messages) if (!client.firstSeen.has(m.id)) client.firstSeen.set(m.id, now);
}

/** The history API for a Node client: the REST endpoint with the user's cookie; throws on failure like lib/client/api. */
function historyApi(baseUrl: string, client: FaultClient) {
  return {
    async history(roomId: string, q: HistoryQuery = {}): Promise<HistoryPage> {
      if (q.after !== undefined) client.historyAfter++;
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, String(v));
      let res: Response;
      try {
        res = await fetch(`${baseUrl}/api/rooms/${roomId}/messages?${params}`, { headers: { cookie: client.user.cookie }, signal: AbortSignal.timeout(10_000) });
      } catch {
        throw { code: "NETWORK", message: "Could not reach the server" };
      }
      const body = (await res.json().catch(() => null)) as (HistoryPage & { error?: { code: string; message: string } }) | null;
      if (!res.ok || !body) throw body?.error ?? { code: "INTERNAL", message: `HTTP ${res.status}` };
      if (q.after !== undefined) client.catchUps++;
      seen(client, body.messages);
      return body;
    },
  };
}

/** A fresh room every client is a member of, with a RoomSync per client subscribed to it. */
export async function openRoom(baseUrl: string, clients: FaultClient[], name: string): Promise<string> {
  const [owner, ...others] = clients;
  if (!owner) throw new Error("no clients");
  const created = await api<{ room: RoomDTO }>(baseUrl, owner.user, "POST", "/api/rooms", { name });
  if (created.status !== 201) throw new Error(`room creation failed: ${created.status}`);
  const roomId = created.body.room.id;
  for (const c of others) {
    const joined = await api(baseUrl, c.user, "POST", `/api/rooms/${roomId}/join`);
    if (joined.status !== 200) throw new Error(`join failed: ${joined.status}`);
  }
  for (const c of clients) {
    c.sync?.stop();
    c.firstSeen.clear();
    c.live.clear();
    c.rawLive.clear();
    c.liveAt.length = 0;
    c.unanswered = 0;
    c.acked.clear();
    c.ackedAt.clear();
    c.refusals.clear();
    c.written.clear();
    c.historyAfter = 0;
    c.catchUps = 0;
    c.disconnects = 0;
    const transport = socketTransport(c.socket);
    const send = transport.send.bind(transport);
    const recording = Object.assign(Object.create(transport) as typeof transport, {
      async send(payload: Parameters<typeof send>[0]) {
        const wasConnected = transport.connected;
        const ack = await send(payload);
        if (!ack.ok && wasConnected && (ack.error.code === ClientErrorCode.DISCONNECTED || ack.error.code === ClientErrorCode.TIMEOUT)) c.unanswered++;
        if (ack.ok) {
          c.acked.add(payload.clientId);
          if (!c.ackedAt.has(payload.clientId)) c.ackedAt.set(payload.clientId, Date.now());
          seen(c, [ack.data.message]);
        } else c.refusals.set(ack.error.code, (c.refusals.get(ack.error.code) ?? 0) + 1);
        return ack;
      },
    });
    c.sync = new RoomSync({ roomId, self: { id: c.user.user.id, name: c.user.user.name, avatarUrl: null }, transport: recording, api: historyApi(baseUrl, c), pageSize: 100 });
    c.sync.start();
  }
  await waitUntil("every client loaded the room", 30_000, () => clients.every((c) => c.sync?.getSnapshot().phase === "ready"));
  return roomId;
}

export interface Conversation {
  stop(): void;
}

/** Every client writes a message about every `everyMs` (with jitter), until stopped. */
export function converse(clients: FaultClient[], tag: string, everyMs = 1500): Conversation {
  let running = true;
  const timers = new Set<NodeJS.Timeout>();
  for (const c of clients) {
    let n = 0;
    const tick = () => {
      if (!running || !c.sync) return;
      const body = `${tag} c${c.index} #${++n}`;
      const clientId = c.sync.send(body);
      if (clientId) c.written.set(clientId, { body, at: Date.now() });
      const t = setTimeout(tick, everyMs * (0.5 + Math.random()));
      timers.add(t);
    };
    const t = setTimeout(tick, Math.random() * everyMs);
    timers.add(t);
  }
  return {
    stop() {
      running = false;
      for (const t of timers) clearTimeout(t);
    },
  };
}

export async function waitUntil(what: string, timeoutMs: number, check: () => boolean | Promise<boolean>): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for: ${what}`);
    await sleep(100);
  }
}

interface StoredRow {
  id: string;
  seq: number;
  clientId: string;
  body: string;
}

export async function storedMessages(databaseUrl: string, roomId: string): Promise<StoredRow[]> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const { rows } = await c.query<StoredRow>(`SELECT id, seq, "clientId", body FROM "Message" WHERE "roomId" = $1 ORDER BY seq`, [roomId]);
    return rows;
  } finally {
    await c.end();
  }
}

/** Stop writing, then wait until every outbox is empty and every client holds everything stored. */
export async function settle(databaseUrl: string, roomId: string, clients: FaultClient[], timeoutMs = 45_000): Promise<void> {
  await waitUntil("every outbox empty", timeoutMs, () => clients.every((c) => (c.sync?.getSnapshot().log.pending.length ?? 0) === 0)).catch((e: unknown) => {
    const stuck = clients
      .filter((c) => (c.sync?.getSnapshot().log.pending.length ?? 0) > 0)
      .map((c) => `client ${c.index}: connected=${c.socket.connected} pending=${JSON.stringify(c.sync?.getSnapshot().log.pending.map((p) => [p.status, p.error]))} refusals=${JSON.stringify([...c.refusals])}`);
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${stuck.join("\n")}`);
  });
  const stored = await storedMessages(databaseUrl, roomId);
  const last = stored.at(-1)?.seq ?? 0;
  await waitUntil(`every client holding seq 1..${last}`, timeoutMs, () =>
    clients.every((c) => {
      const log = c.sync?.getSnapshot().log;
      return !!log && log.messages.length >= last && (log.messages.at(-1)?.seq ?? 0) >= last;
    }),
  ).catch(() => undefined); // verify() reports who is missing what
}

export interface FaultReport {
  fault: string;
  clients: number;
  sent: number;
  /** Sends acknowledged ok (a first ack or a duplicate: true one for a retry). */
  acknowledged: number;
  /** Written messages whose sender ended up holding them stored: acked, or found stored in
   *  history before its ack came (the outbox then drops it: the server had it). */
  confirmed: number;
  stored: number;
  /** Acknowledged messages missing from the database or from any member's final view. */
  lost: number;
  /** Written messages never stored (the outbox gave up, or they vanished). */
  unstored: number;
  duplicated: number;
  outOfOrder: number;
  failed: number;
  /** Refusals seen by the clients (retried by the outbox), by error code. */
  refusals: Record<string, number>;
  /** Clients whose socket dropped and came back. */
  reconnected: number;
  /** Connections per app instance when the fault hit, e.g. "10/10". */
  spread: string;
  /** Fault -> the first message written after it had reached every member. */
  recoverMs: number | null;
  /** The longest stretch any client went without a live event from the fault to the end of the injection. */
  liveGapMs?: number;
  /** With `liveFrom`: deliveries of messages written since then that did not arrive as live events. */
  notLive?: number;
  /** Live events that delivered a message a second time to the same client (before any de-duplication). */
  rawDuplicates: number;
  /** Sends emitted on a connected socket that never got an answer (lost to a disconnect or a timeout). */
  unanswered: number;
  /** Deliveries (a stored message reaching one client) and the `?after=` requests made for them. */
  deliveries: number;
  historyRequests: number;
  /** historyRequests / deliveries. */
  historyPerDelivery: number;
  /** The most answered `?after=` requests one client made (a catch-up is one, or one per 100 messages missed). */
  catchUpsMax: number;
}

/**
 * The longest stretch any client went without a live message event between `from` and `to`
 * (while everyone keeps writing, a healthy client hears one every fraction of a second).
 */
export function longestLiveGapMs(clients: readonly FaultClient[], from: number, to: number): { ms: number; client: number } {
  let worst = { ms: 0, client: -1 };
  for (const c of clients) {
    let last = from;
    for (const t of [...c.liveAt.filter((t) => t > from && t < to), to]) {
      if (t - last > worst.ms) worst = { ms: t - last, client: c.index };
      last = t;
    }
  }
  return worst;
}

/** Compare every client's final log with the database. */
export async function verify(
  fault: string,
  databaseUrl: string,
  roomId: string,
  clients: FaultClient[],
  faultAt: number,
  opts: { liveFrom?: number } = {},
): Promise<FaultReport> {
  const stored = await storedMessages(databaseUrl, roomId);
  const storedByClientId = new Map(stored.map((r) => [r.clientId, r]));
  const bodies = new Map<string, number>();
  for (const r of stored) bodies.set(r.body, (bodies.get(r.body) ?? 0) + 1);

  let sent = 0;
  let acknowledged = 0;
  let confirmed = 0;
  let unstored = 0;
  let lost = 0;
  let duplicated = [...bodies.values()].reduce((n, k) => n + (k - 1), 0);
  let outOfOrder = 0;
  let failed = 0;
  const refusals: Record<string, number> = {};
  const ackedIds = new Set<string>();
  for (const c of clients) {
    sent += c.written.size;
    acknowledged += c.acked.size;
    const held = new Set(c.sync?.getSnapshot().log.messages.filter((m) => m.author.id === c.user.user.id).map((m) => m.clientId));
    for (const clientId of c.written.keys()) {
      if (c.acked.has(clientId) || held.has(clientId)) confirmed++;
      if (!storedByClientId.has(clientId)) unstored++;
    }
    for (const [code, n] of c.refusals) refusals[code] = (refusals[code] ?? 0) + n;
    failed += c.sync?.getSnapshot().log.pending.filter((p) => p.status === "failed").length ?? 0;
    for (const clientId of c.acked) {
      const row = storedByClientId.get(clientId);
      if (row) ackedIds.add(row.id);
      else lost++; // acknowledged but not stored
    }
  }
  for (const c of clients) {
    const log = c.sync?.getSnapshot().log.messages ?? [];
    const ids = new Set(log.map((m) => m.id));
    duplicated += log.length - ids.size;
    for (const id of ackedIds) if (!ids.has(id)) lost++;
    // In order: exactly the stored sequence, seq 1, 2, 3, … with the stored message at each.
    const inOrder = log.length === stored.length && log.every((m, i) => m.seq === i + 1 && stored[i]?.id === m.id);
    if (!inOrder) outOfOrder++;
  }

  // Recovery: the first message written after the fault, and when the last member got it.
  let recoverMs: number | null = null;
  const after = clients
    .flatMap((c) => [...c.written].map(([clientId, w]) => ({ clientId, at: w.at })))
    .filter((w) => w.at >= faultAt)
    .sort((a, b) => a.at - b.at)[0];
  const firstRow = after && storedByClientId.get(after.clientId);
  if (firstRow) {
    const times = clients.map((c) => c.firstSeen.get(firstRow.id));
    if (times.every((t) => t !== undefined)) recoverMs = Math.max(...(times as number[])) - faultAt;
  }

  let notLive: number | undefined;
  if (opts.liveFrom !== undefined) {
    const liveFrom = opts.liveFrom;
    notLive = 0;
    for (const author of clients) {
      for (const [clientId, w] of author.written) {
        const row = storedByClientId.get(clientId);
        if (!row || w.at < liveFrom) continue;
        for (const c of clients) if (c !== author && !c.live.has(row.id)) notLive++;
      }
    }
  }

  let rawDuplicates = 0;
  for (const c of clients) for (const n of c.rawLive.values()) rawDuplicates += n - 1;
  const deliveries = clients.reduce((n, c) => n + (c.sync?.getSnapshot().log.messages.length ?? 0), 0);
  const historyRequests = clients.reduce((n, c) => n + c.historyAfter, 0);
  return {
    fault,
    clients: clients.length,
    deliveries,
    historyRequests,
    historyPerDelivery: deliveries === 0 ? 0 : Number((historyRequests / deliveries).toFixed(4)),
    catchUpsMax: Math.max(0, ...clients.map((c) => c.catchUps)),
    sent,
    acknowledged,
    confirmed,
    stored: stored.length,
    lost,
    unstored,
    duplicated,
    rawDuplicates,
    unanswered: clients.reduce((n, c) => n + c.unanswered, 0),
    outOfOrder,
    failed,
    refusals,
    reconnected: clients.filter((c) => c.disconnects > 0).length,
    spread: "",
    recoverMs,
    ...(notLive !== undefined ? { notLive } : {}),
  };
}

export function closeClients(clients: FaultClient[]): void {
  for (const c of clients) {
    c.sync?.stop();
    c.socket.close();
  }
}
