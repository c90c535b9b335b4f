/**
 * RoomSync's transport over a Socket.IO client socket: the browser's (SocketProvider) and the
 * fault tests' clients in Node use this same code. Never emits while offline (socket.io would
 * buffer the emit and send it again on reconnect); an ack that does not come in time is a
 * TIMEOUT, one lost to a disconnect is DISCONNECTED.
 */
import type { Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/shared/events";
import type { ClientAck, RoomTransport } from "./roomSync";

export type ParleyClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const ACK_TIMEOUT_MS = 10_000;

const offline = { ok: false, error: { code: "DISCONNECTED", message: "Not connected" } } as const;
const timedOut = { ok: false, error: { code: "TIMEOUT", message: "The server did not answer in time" } } as const;

export function socketTransport(socket: ParleyClientSocket | null, ackTimeoutMs = ACK_TIMEOUT_MS): RoomTransport {
  async function call<T>(emit: (s: ParleyClientSocket) => Promise<ClientAck<T>>): Promise<ClientAck<T>> {
    if (!socket?.connected) return offline;
    try {
      return await emit(socket);
    } catch {
      return socket.connected ? timedOut : offline;
    }
  }
  return {
    get connected() {
      return socket?.connected ?? false;
    },
    join: (roomId) => call((s) => s.timeout(ackTimeoutMs).emitWithAck("room:join", { roomId })),
    leave: (roomId) => {
      if (socket?.connected) socket.timeout(ackTimeoutMs).emit("room:leave", { roomId }, () => undefined);
    },
    send: (payload) => call((s) => s.timeout(ackTimeoutMs).emitWithAck("message:send", payload)),
  };
}
