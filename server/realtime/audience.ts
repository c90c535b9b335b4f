/**
 * Everyone who sees a user: the members of the user's rooms (their sockets are subscribed to
 * `room:<id>`) and the user's own sockets. One emit to the union, so nobody gets it twice.
 */
import type { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from "@/lib/shared/events";
import { roomChannel, userChannel } from "@/lib/shared/events";
import { log } from "../log";
import { getIo, type ParleyServer } from "./registry";

type EventArgs<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>;

export function emitToAudience<E extends keyof ServerToClientEvents>(userId: string, roomIds: readonly string[], event: E, ...args: EventArgs<E>): void {
  getIo()
    ?.to([userChannel(userId), ...roomIds.map(roomChannel)])
    .emit(event, ...args);
}

/** Server-to-server events (through the adapter) of this module. */
interface ProfileServerEvents {
  "user:renamed": (userId: string, name: string) => void;
}
type ProfileIo = Server<ClientToServerEvents, ServerToClientEvents, ProfileServerEvents, SocketData>;

/** Update the name carried by this instance's sockets of the user (messages they send use it). */
async function renameLocalSockets(io: ParleyServer, userId: string, name: string): Promise<void> {
  // Local sockets come back as the live Socket objects, whose data the handlers read.
  const sockets = await io.local.in(userChannel(userId)).fetchSockets();
  for (const s of sockets) s.data.user.name = name;
}

/**
 * A rename must reach sockets on every instance: handled here, and sent to the others with
 * serverSideEmit (a no-op without the Redis adapter, where there are no others).
 */
export function renameUserSockets(userId: string, name: string): void {
  const io = getIo();
  if (!io) return;
  renameLocalSockets(io, userId, name).catch((err: unknown) => log.warn("rename of local sockets failed", { userId, err }));
  try {
    (io as unknown as ProfileIo).serverSideEmit("user:renamed", userId, name);
  } catch (err) {
    log.warn("could not tell other instances about a rename", { userId, err });
  }
}

/** Listen for renames made on other instances (called once at start-up). */
export function listenForRenames(io: ParleyServer): void {
  (io as unknown as ProfileIo).on("user:renamed", (userId, name) => {
    renameLocalSockets(io, userId, name).catch((err: unknown) => log.warn("rename of local sockets failed", { userId, err }));
  });
}
