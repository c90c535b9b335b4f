"use client";

/**
 * One typed Socket.IO connection per tab, shared through context. The session cookie
 * authenticates the handshake; a refused handshake (UNAUTHENTICATED, FORBIDDEN_ORIGIN) is not
 * retried automatically by socket.io, any other failure is.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/shared/events";
import type { RoomTransport } from "@/lib/client/roomSync";
import { resumeEventsOn } from "@/lib/client/sync/event-resume";
import { handOffOnDrain, isTransientRefusal, reconnectAfterTransientRefusals, SOCKET_OPTIONS, socketTransport } from "@/lib/client/socketTransport";

export type ParleySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** connecting: never connected yet; reconnecting: connected before, lost it; refused: the server said no. */
export type ConnectionState = "connecting" | "connected" | "reconnecting" | "refused";

interface SocketContextValue {
  socket: ParleySocket | null;
  state: ConnectionState;
  /** The server's reason when state is "refused". */
  refusal: string | null;
  /** Socket operations RoomSync needs (reports offline when there is no socket). */
  transport: RoomTransport;
}

const SocketContext = createContext<SocketContextValue | null>(null);

export { ACK_TIMEOUT_MS } from "@/lib/client/socketTransport";

function createSocket(): ParleySocket | null {
  // Rendered on the server too, where there is no socket to open.
  if (typeof window === "undefined") return null;
  // Transports, reconnection and the watchdog: SOCKET_OPTIONS (lib/client/socketTransport.ts).
  return io({ ...SOCKET_OPTIONS, transports: [...SOCKET_OPTIONS.transports], autoConnect: false });
}

export function SocketProvider({ children }: { children: ReactNode }) {
  const [socket] = useState(createSocket);
  const [state, setState] = useState<ConnectionState>("connecting");
  const [refusal, setRefusal] = useState<string | null>(null);
  const transport = useMemo(() => socketTransport(socket), [socket]);

  useEffect(() => {
    if (!socket) return;
    const s = socket;
    let everConnected = false;
    const onConnect = () => {
      everConnected = true;
      setRefusal(null);
      setState("connected");
    };
    const onDisconnect = () => setState(s.active ? (everConnected ? "reconnecting" : "connecting") : "refused");
    const onConnectError = (err: Error) => {
      // A transient refusal (database briefly unreachable) is retried below, not final.
      if (s.active || isTransientRefusal(err.message)) {
        setState(everConnected ? "reconnecting" : "connecting");
      } else {
        setRefusal(err.message);
        setState("refused");
      }
    };
    s.on("connect", onConnect);
    s.on("disconnect", onDisconnect);
    s.on("connect_error", onConnectError);
    const stopRetrying = reconnectAfterTransientRefusals(s);
    const stopHandOff = handOffOnDrain(s);
    // Events missed while disconnected (or while this instance was cut off from the others)
    // are replayed from the server's journal on every reconnect.
    const stopResume = resumeEventsOn(s);
    s.connect();
    return () => {
      stopRetrying();
      stopHandOff();
      stopResume();
      s.off("connect", onConnect);
      s.off("disconnect", onDisconnect);
      s.off("connect_error", onConnectError);
      s.disconnect();
    };
  }, [socket]);

  const value = useMemo(() => ({ socket, state, refusal, transport }), [socket, state, refusal, transport]);
  return <SocketContext.Provider value={value}>{children}</SocketContext.Provider>;
}

export function useSocket(): SocketContextValue {
  const value = useContext(SocketContext);
  if (!value) throw new Error("useSocket needs a <SocketProvider>");
  return value;
}
