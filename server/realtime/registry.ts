/**
 * Where services find the Socket.IO server to emit through. The custom server registers it at
 * start-up; Next's route handlers run in the same process but in a separate bundle, so the
 * reference lives on globalThis. With the Redis adapter, emits reach every instance.
 */
import type { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from "@/lib/shared/events";
import { roomChannel, userChannel } from "@/lib/shared/events";

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type ParleyServer = Server<ClientToServerEvents, ServerToClientEvents, {}, SocketData>;

const holder = globalThis as unknown as { __parleyIo?: ParleyServer };

export function registerIo(io: ParleyServer | undefined): void {
  holder.__parleyIo = io;
}

export function getIo(): ParleyServer | undefined {
  return holder.__parleyIo;
}

type EventArgs<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>;

/** Emit to every socket subscribed to a chat room, on every instance. No-op before start-up. */
export function emitToRoom<E extends keyof ServerToClientEvents>(roomId: string, event: E, ...args: EventArgs<E>): void {
  getIo()
    ?.to(roomChannel(roomId))
    .emit(event, ...args);
}

/** Emit to every socket of a user, on every instance. No-op before start-up. */
export function emitToUser<E extends keyof ServerToClientEvents>(userId: string, event: E, ...args: EventArgs<E>): void {
  getIo()
    ?.to(userChannel(userId))
    .emit(event, ...args);
}

/** Subscribe every socket of a user (on every instance) to a chat room's channel, or unsubscribe. */
export function subscribeUser(userId: string, roomId: string, subscribe: boolean): void {
  const target = getIo()?.in(userChannel(userId));
  if (!target) return;
  if (subscribe) target.socketsJoin(roomChannel(roomId));
  else target.socketsLeave(roomChannel(roomId));
}

/** Close every socket of a user on every instance (ban, forced sign-out). */
export function disconnectUser(userId: string): void {
  getIo()?.in(userChannel(userId)).disconnectSockets(true);
}
