/**
 * The server-to-server contract: what one Parley instance tells or asks the others (through
 * Socket.IO's server-side events over the Redis adapter). Like lib/shared/events.ts for clients,
 * the one place these shapes are written; the Socket.IO server is typed with
 * `ServerToServerEvents`, so a wrong payload fails `npm run typecheck`.
 */
import type { UserSummary } from "@/lib/shared/types";

/** A moderation state (or the word filter) changed: forget the cached copy. */
export type Invalidation =
  | { kind: "user"; userId: string }
  | { kind: "room"; roomId: string }
  | { kind: "member"; roomId: string; userId: string }
  | { kind: "wordFilter" };

/** One instance's live numbers for the dashboard (server/services/admin-overview.ts). */
export interface InstanceStats {
  /** Messages per minute, oldest first, the last entry being the current minute. */
  perMinute: number[];
  /** Messages per room over the last 10 minutes. */
  rooms: [string, number][];
  sockets: number;
  userIds: string[];
}

/** Fire-and-forget events: name -> arguments. */
export interface ClusterEvents {
  "parley:moderation:invalidate": (msg: Invalidation) => void;
  "user:refreshed": (user: UserSummary) => void;
  /** These server-side sessions were revoked (sign-out, revoke, ban): forget their cached state. */
  "parley:sessions:revoked": (sessionIds: string[]) => void;
}

/** Requests every other instance answers: name -> the answer's type. */
export interface ClusterRequests {
  "parley:stats": InstanceStats;
}

export type ClusterEventName = keyof ClusterEvents;
export type ClusterEventArgs<E extends ClusterEventName> = Parameters<ClusterEvents[E]>;
export type ClusterRequestName = keyof ClusterRequests;
export type ClusterResponse<R extends ClusterRequestName> = ClusterRequests[R];

/** Both, as Socket.IO's third type parameter (a request is an event whose one argument is the reply). */
export type ServerToServerEvents = ClusterEvents & {
  [R in ClusterRequestName]: (reply: (answer: ClusterResponse<R>) => void) => void;
};
