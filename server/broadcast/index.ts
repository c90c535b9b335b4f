/**
 * The broadcast port: how the domain says "tell the room", "tell this user", "move this user's
 * sockets", without knowing the transport. Services receive a `Broadcast` in the runtime
 * (server/runtime.ts) and never import server/realtime/, which implements it over Socket.IO
 * (server/realtime/broadcast.ts). With the Redis adapter every call reaches every instance.
 *
 * The cluster bus is the server-to-server side: events between Parley instances (cache
 * invalidations, renames, dashboard numbers), typed by ./cluster-events.ts.
 */
import type { ServerToClientEvents } from "@/lib/shared/events";
import type { UserSummary } from "@/lib/shared/types";
import type { ClusterEventArgs, ClusterEventName, ClusterRequestName, ClusterResponse } from "./cluster-events";

export type { ClusterEvents, ClusterRequests, Invalidation, InstanceStats } from "./cluster-events";

export type EventName = keyof ServerToClientEvents;
export type EventArgs<E extends EventName> = Parameters<ServerToClientEvents[E]>;

export interface Broadcast {
  /** Every socket subscribed to a chat room, on every instance. */
  toRoom<E extends EventName>(roomId: string, event: E, ...args: EventArgs<E>): void;
  /** Every socket of a user (all tabs), on every instance. */
  toUser<E extends EventName>(userId: string, event: E, ...args: EventArgs<E>): void;
  /** Everyone who sees a user: the user's own sockets and the members of `roomIds`, each once. */
  toAudience<E extends EventName>(userId: string, roomIds: readonly string[], event: E, ...args: EventArgs<E>): void;
  /** Subscribe every socket of a user to a chat room's channel (or unsubscribe). */
  subscribeUser(userId: string, roomId: string, subscribe: boolean): void;
  /** Unsubscribe every socket from a chat room's channel (the room is gone). */
  closeRoom(roomId: string): void;
  /** Close every socket of a user (ban, forced sign-out). */
  disconnectUser(userId: string): void;
  /** Close every socket opened with one of these sessions (sign-out, a revoked session), on every instance. */
  disconnectSessions(sessionIds: readonly string[]): void;
  /** Update the name and picture the user's open sockets carry (the messages they send use them). */
  refreshUser(user: UserSummary): void;
  /** This instance's open sockets: how many, and whose. */
  localSockets(): Promise<{ count: number; userIds: string[] }>;
}

export interface ClusterBus {
  /** Whether other instances can exist (the Redis adapter); false: every call is a no-op. */
  readonly clustered: boolean;
  /** Tell every other instance. */
  publish<E extends ClusterEventName>(event: E, ...args: ClusterEventArgs<E>): void;
  /** Handle what other instances publish. */
  on<E extends ClusterEventName>(event: E, listener: (...args: ClusterEventArgs<E>) => void): void;
  /** Ask every other instance; the answers that arrive within `timeoutMs` (an instance that is late is left out). */
  gather<R extends ClusterRequestName>(request: R, timeoutMs: number): Promise<ClusterResponse<R>[]>;
  /** Answer other instances' `gather` of `request`. */
  answer<R extends ClusterRequestName>(request: R, respond: () => Promise<ClusterResponse<R>>): void;
}
