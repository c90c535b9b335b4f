import type { Server, Socket } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from "@/lib/shared/events";
import type { ServerToServerEvents } from "../broadcast/cluster-events";

/** The Socket.IO server, typed both ways with clients and with the other instances. */
export type ParleyServer = Server<ClientToServerEvents, ServerToClientEvents, ServerToServerEvents, SocketData>;
export type ParleySocket = Socket<ClientToServerEvents, ServerToClientEvents, ServerToServerEvents, SocketData>;
