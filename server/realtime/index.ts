/**
 * The Socket.IO server: handshake authentication (the next-auth session cookie) and origin
 * check, the Redis adapter when configured, per-user and per-room channels, presence and
 * typing. Handlers live in ./handlers.
 */
import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Server } from "socket.io";
import { isAppError } from "@/lib/shared/errors";
import { roomChannel, sessionChannel, userChannel } from "@/lib/shared/events";
import type { Env } from "../env";
import { clientIpOf } from "../http/request-context";
import type { RedisConnections } from "../redis";
import type { Runtime } from "../runtime";
import { answerStatsRequests } from "../services/admin-overview";
import { isUnavailable } from "../services/errors";
import { LastSeenTracker } from "../services/last-seen";
import { roomIdsOf } from "../services/rooms";
import { sessionOfCookies } from "../session";
import { selfSkippingParser } from "./adapter-parser";
import { registerAdminHandlers, startOverviewTicker } from "./admin.handlers";
import { registerConversationHandlers } from "./conversation.handlers";
import { Presence } from "./presence";
import { MemoryPresenceStore, RedisPresenceStore } from "./presence-store";
import { registerReactionPinHandlers } from "./reactions-pins.handlers";
import { registerReadStateHandlers } from "./read-state.handlers";
import { registerRoomHandlers } from "./rooms.handlers";
import { registerSyncHandlers } from "./sync.handlers";
import { MemoryTypingStore, RedisTypingStore } from "./typing-store";
import { TypingTracker } from "./typing-tracker";
import type { ParleyServer } from "./types";

/** Largest socket frame accepted: a 4,000-character message in 4-byte UTF-8 plus envelope. */
export const MAX_SOCKET_PAYLOAD_BYTES = 32 * 1024;

/**
 * Engine.IO's heartbeat, which is also the client's watchdog: the server pings every
 * SOCKET_PING_INTERVAL_MS, and a client that hears nothing for interval + timeout (2.5 s) drops
 * the connection and reconnects through the load balancer, which routes around an instance
 * that stopped answering (hung, or frozen by SIGSTOP; docs/delivery.md). The server drops a
 * client whose pong is SOCKET_PING_TIMEOUT_MS late. A ping and a pong are a few bytes each
 * (docs/performance.md).
 */
export const SOCKET_PING_INTERVAL_MS = 1000;
export const SOCKET_PING_TIMEOUT_MS = 1500;

export interface Realtime {
  /** `handOffMs`: first ask this instance's clients to move (`server:draining`) and give them that long. */
  close(opts?: { handOffMs?: number }): Promise<void>;
}

/**
 * Ask every socket on this instance to move, and wait until they have all left (each finishes
 * its calls in flight first, which this instance still answers) or `ms` have passed.
 */
async function handOff(io: ParleyServer, ms: number): Promise<void> {
  io.local.emit("server:draining");
  const deadline = Date.now() + ms;
  while (io.of("/").sockets.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

const OPEN_SOCKETS_WAIT_MS = 300;

/**
 * The user's sockets on every instance, or null when the count is not available within 300 ms
 * (Redis restarting, an instance gone): the cap is then not enforced rather than refusing a
 * reconnect, which socket.io-client would not retry.
 */
async function openSocketCount(io: ParleyServer, userId: string): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  // Short: every instance must answer, and a hung one never does; each handshake would wait this
  // long while it is hung (docs/delivery.md). A healthy cluster answers in milliseconds.
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), OPEN_SOCKETS_WAIT_MS)));
  try {
    return await Promise.race([io.in(userChannel(userId)).fetchSockets().then((s) => s.length), timeout]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** The Socket.IO server on `httpServer`, joined to the other instances through Redis when there is one. */
export function createIoServer(httpServer: HttpServer, env: Env, redis: RedisConnections | null): ParleyServer {
  const io: ParleyServer = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    maxHttpBufferSize: MAX_SOCKET_PAYLOAD_BYTES,
    // Leave other upgrade requests (Next's dev HMR) to their own handlers.
    destroyUpgrade: false,
    pingInterval: SOCKET_PING_INTERVAL_MS,
    pingTimeout: SOCKET_PING_TIMEOUT_MS,
    // Engine.IO's default, stated: compressing every frame costs CPU per recipient and chat
    // messages are small (docs/performance.md).
    perMessageDeflate: false,
  });
  if (redis) {
    const parser = selfSkippingParser();
    io.adapter(createAdapter(redis.pub, redis.sub, { key: env.REDIS_KEY_PREFIX, parser }));
    parser.setOwnUid(String((io.of("/").adapter as unknown as { uid: unknown }).uid));
  }
  return io;
}

/**
 * Sockets on `io` with the runtime: handshake authentication (the next-auth session cookie) and
 * origin check, per-user and per-room channels, presence, typing and every event handler.
 */
export function startRealtime(io: ParleyServer, rt: Runtime): Realtime {
  const { env, redis, log } = rt;
  // Writes reach PostgreSQL again: this instance's clients retry what it refused, now.
  rt.writability.onWritable(() => io.local.emit("server:writable"));
  if (redis) {
    // Invalidations published while this instance's subscriber was cut off from Redis are lost:
    // when it is back, forget every cached moderation state rather than serve it for up to a TTL.
    let missed = false;
    redis.sub.on("close", () => (missed = true));
    redis.sub.on("ready", () => {
      if (!missed) return;
      missed = false;
      rt.moderation.clear();
      rt.sessionStates.clear();
      // Events from the other instances were lost without a disconnect: every client here
      // resumes from the journal (session:resume) as after a reconnect.
      io.local.emit("server:resync");
      rt.log.info("redis subscriber reconnected: moderation and session caches cleared, clients told to resume");
    });
  }
  answerStatsRequests(rt);
  const stopOverview = startOverviewTicker(rt, io);
  const presence = new Presence(io, redis ? new RedisPresenceStore(redis.command, env.REDIS_KEY_PREFIX) : new MemoryPresenceStore(), log, {
    ttlMs: env.PRESENCE_TTL_MS,
  });
  presence.start();
  const lastSeen = new LastSeenTracker(rt.db, log);
  lastSeen.start();
  const typing = new TypingTracker(io, redis ? new RedisTypingStore(redis.command, env.REDIS_KEY_PREFIX) : new MemoryTypingStore(), log);
  const allowedOrigins = new Set(env.ALLOWED_ORIGINS);
  /** The rooms each handshaking socket will be subscribed to, read before it is accepted. */
  const roomsOnConnect = new WeakMap<object, string[]>();

  io.use(async (socket, next) => {
    // Browsers always send Origin on a WebSocket or XHR: a foreign one is Cross-Site WebSocket Hijacking.
    const origin = socket.handshake.headers.origin;
    if (origin && !allowedOrigins.has(origin)) return next(new Error("FORBIDDEN_ORIGIN"));
    try {
      // Counted before authenticating: handshakes with a forged or stale cookie count too.
      const ip = clientIpOf(socket.handshake.headers, socket.handshake.address, env.TRUST_PROXY);
      await rt.limits.consume("socket.connect:ip", ip);
      const session = await sessionOfCookies(rt, socket.handshake.headers.cookie);
      if (!session) return next(new Error("UNAUTHENTICATED"));
      const { user } = session;
      // Cluster-wide count: the user's channel spans every instance through the adapter.
      const open = await openSocketCount(io, user.id);
      if (open !== null && open >= env.MAX_SOCKETS_PER_USER) return next(new Error("TOO_MANY_CONNECTIONS"));
      // Read here, so that the socket is subscribed to its rooms in the same tick as it is
      // accepted: a client that refreshes its state on `connect` then misses no event after it.
      roomsOnConnect.set(socket, await roomIdsOf(rt, user.id));
      socket.data.user = { id: user.id, name: user.name, avatarUrl: user.avatarUrl };
      socket.data.ip = ip;
      socket.data.sessionId = session.sessionId;
      next();
    } catch (e) {
      if (isAppError(e) && e.code === "RATE_LIMITED") return next(new Error("RATE_LIMITED"));
      rt.log.warn("handshake failed", { socketId: socket.id, err: e });
      next(new Error(isUnavailable(e) ? "UNAVAILABLE" : "INTERNAL"));
    }
  });

  io.on("connection", async (socket) => {
    const user = socket.data.user;
    // Synchronous with the in-memory and Redis adapters alike (membership is local to each
    // instance), so no broadcast can come between the CONNECT the client got and the subscription.
    void socket.join([userChannel(user.id), sessionChannel(socket.data.sessionId), ...(roomsOnConnect.get(socket) ?? []).map(roomChannel)]);
    roomsOnConnect.delete(socket);
    // A revocation that landed during the handshake closed the session's sockets before this one
    // had joined its channel: look again now that it has (a cache read; the revocation cleared it).
    void rt.sessionStates.isActive(socket.data.sessionId, user.id).then(
      (active) => active || socket.disconnect(true),
      () => undefined,
    );
    // Shutting down: sends in flight finish, new ones are refused as retryable (nothing stored);
    // the client's outbox sends them again once it has moved to another instance.
    socket.use((packet, next) => {
      const ack = packet.at(-1);
      if (packet[0] !== "message:send" || !rt.lifecycle.shuttingDown) return next();
      if (typeof ack === "function") ack({ ok: false, error: { code: "UNAVAILABLE", message: "This server is restarting; nothing was stored. Try again." } });
    });
    lastSeen.connected(user.id);
    registerRoomHandlers(rt, socket, { presence, typing });
    registerConversationHandlers(rt, socket);
    registerReactionPinHandlers(rt, socket);
    registerReadStateHandlers(rt, socket);
    registerAdminHandlers(rt, socket);
    registerSyncHandlers(rt, socket);
    let joined = new Set<string>();
    socket.on("disconnecting", () => {
      joined = new Set([...socket.rooms].filter((r) => r.startsWith("room:")).map((r) => r.slice("room:".length)));
    });
    socket.on("disconnect", () => {
      for (const roomId of joined) void typing.stop(roomId, user.id);
      void presence.forget(socket.id);
      void lastSeen.disconnected(user.id);
    });
    try {
      await presence.sync(socket.id);
    } catch (e) {
      rt.log.warn("could not announce presence", { socketId: socket.id, err: e });
    }
  });

  return {
    async close({ handOffMs = 0 } = {}) {
      if (handOffMs > 0) await handOff(io, handOffMs);
      stopOverview();
      typing.close();
      presence.stop();
      lastSeen.stop();
      await io.close();
    },
  };
}
