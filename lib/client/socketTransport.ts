/**
 * RoomSync's transport over a Socket.IO client socket: the browser's (SocketProvider) and the
 * fault tests' clients in Node use this same code. Never emits while offline (socket.io would
 * buffer the emit and send it again on reconnect); an ack that does not come in time is a
 * TIMEOUT, one lost to a disconnect is DISCONNECTED.
 */
import type { ManagerOptions, Socket, SocketOptions } from "socket.io-client";
import { ClientErrorCode } from "@/lib/shared/errors";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/shared/events";
import type { ClientAck, RoomTransport } from "./sync/types";

export type ParleyClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const ACK_TIMEOUT_MS = 10_000;

/**
 * How every Parley client connects (the browser's SocketProvider and the fault tests' clients):
 * WebSocket first; where a proxy or firewall refuses it, HTTP long-polling (tryAllTransports:
 * without it socket.io-client would retry the WebSocket for ever). nginx's parley_lb cookie
 * keeps the polling requests on one instance.
 *
 * The watchdog is Engine.IO's heartbeat: the server pings every second (server/realtime), and a
 * client that hears nothing for 2.5 s closes the connection. It then reconnects soon (0.15–0.45 s,
 * randomised so a crowd does not arrive at once; at most 3 s between later attempts) through the
 * load balancer, which sends the new handshake past an instance that does not answer. A
 * handshake that gets no answer in 5 s is given up and tried again.
 */
export const SOCKET_OPTIONS = {
  transports: ["websocket", "polling"],
  tryAllTransports: true,
  withCredentials: true,
  reconnectionDelay: 300,
  randomizationFactor: 0.5,
  reconnectionDelayMax: 3000,
  timeout: 5000,
} as const satisfies Partial<ManagerOptions & SocketOptions>;

const offline = { ok: false, error: { code: ClientErrorCode.DISCONNECTED, message: "Not connected" } } as const;
const timedOut = { ok: false, error: { code: ClientErrorCode.TIMEOUT, message: "The server did not answer in time" } } as const;

/**
 * Per socket: the calls awaiting their ack, and whether its server asked the client to move
 * (`server:draining`). A side table keyed by the socket, so every transport made over one
 * socket (the browser makes one; the fault tests one per room) and its hand-off share it.
 */
interface SocketFlow {
  inFlight: number;
  draining: boolean;
  whenIdle: Array<() => void>;
}
const flows = new WeakMap<ParleyClientSocket, SocketFlow>();

function flowOf(socket: ParleyClientSocket): SocketFlow {
  let flow = flows.get(socket);
  if (!flow) {
    flow = { inFlight: 0, draining: false, whenIdle: [] };
    flows.set(socket, flow);
  }
  return flow;
}

export function socketTransport(socket: ParleyClientSocket | null, ackTimeoutMs = ACK_TIMEOUT_MS): RoomTransport {
  const flow = socket ? flowOf(socket) : null;
  async function call<T>(emit: (s: ParleyClientSocket) => Promise<ClientAck<T>>): Promise<ClientAck<T>> {
    // While the server hands this socket over, nothing new goes out on it: the outbox waits
    // for the connection to the next instance.
    if (!socket?.connected || !flow || flow.draining) return offline;
    flow.inFlight++;
    try {
      return await emit(socket);
    } catch {
      return socket.connected ? timedOut : offline;
    } finally {
      if (--flow.inFlight === 0) for (const run of flow.whenIdle.splice(0)) run();
    }
  }
  return {
    get connected() {
      return (socket?.connected ?? false) && !flow?.draining;
    },
    join: (roomId) => call((s) => s.timeout(ackTimeoutMs).emitWithAck("room:join", { roomId })),
    leave: (roomId) => {
      if (socket?.connected) socket.timeout(ackTimeoutMs).emit("room:leave", { roomId }, () => undefined);
    },
    send: (payload) => call((s) => s.timeout(ackTimeoutMs).emitWithAck("message:send", payload)),
  };
}

/**
 * A server shutting down (SIGTERM) sends `server:draining` before it closes its sockets: stop
 * sending on this socket, wait for the answers to the calls in flight (the draining server still
 * answers them: acked if it had accepted them, refused as retryable if not), then drop the
 * connection so Socket.IO reconnects through the load balancer, which sends it to another
 * instance. No send is left without an answer. Register once per socket; returns a function
 * that stops it.
 */
export function handOffOnDrain(socket: ParleyClientSocket): () => void {
  const flow = flowOf(socket);
  const onDraining = () => {
    if (flow.draining) return;
    flow.draining = true;
    const move = () => {
      // Closing the engine (not socket.disconnect()) is a transport close: the manager reconnects by itself.
      if (flow.draining && socket.connected) socket.io.engine.close();
    };
    if (flow.inFlight === 0) move();
    else flow.whenIdle.push(move);
  };
  const onConnect = () => {
    flow.draining = false;
    flow.whenIdle.length = 0;
  };
  socket.on("server:draining", onDraining);
  socket.on("connect", onConnect);
  return () => {
    socket.off("server:draining", onDraining);
    socket.off("connect", onConnect);
  };
}

/** Handshake refusals that say nothing about the session: the server could not check it just now. */
const TRANSIENT_REFUSALS = new Set(["UNAVAILABLE", "INTERNAL"]);

export function isTransientRefusal(message: string): boolean {
  return TRANSIENT_REFUSALS.has(message);
}

/**
 * Socket.IO never reconnects by itself after the server's middleware refused the handshake.
 * When the refusal was transient (the database unreachable for a moment, a server restarting),
 * connect again with backoff (0.5, 1, 2, 2 … s, jittered to 50–100 %) until it works or the
 * refusal is final. The cap is low so a client refused during a database outage is back within
 * about 2 s of the database (docs/delivery.md "Recovery"); a refused handshake is cheap for the
 * server (one failed session lookup), and the jitter spreads a crowd's retries.
 * Returns a function that stops it.
 */
export function reconnectAfterTransientRefusals(socket: ParleyClientSocket, baseMs = 500, maxMs = 2000): () => void {
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const onError = (err: Error) => {
    if (socket.active || !isTransientRefusal(err.message) || timer !== null) return;
    const delay = Math.min(maxMs, baseMs * 2 ** attempt++) * (0.5 + Math.random() / 2);
    timer = setTimeout(() => {
      timer = null;
      if (!socket.connected) socket.connect();
    }, delay);
  };
  const onConnect = () => {
    attempt = 0;
  };
  socket.on("connect_error", onError);
  socket.on("connect", onConnect);
  return () => {
    if (timer !== null) clearTimeout(timer);
    socket.off("connect_error", onError);
    socket.off("connect", onConnect);
  };
}
