/**
 * The broadcast port and the cluster bus (server/broadcast/) over Socket.IO: rooms `room:<id>`
 * and `user:<id>` span every instance through the adapter; server-side events reach the other
 * instances (the in-memory adapter has none, so the bus is then inert).
 */
import { isJournaled, roomChannel, sessionChannel, userChannel } from "@/lib/shared/events";
import type { Broadcast, ClusterBus } from "../broadcast";
import type { ClusterRequestName } from "../broadcast/cluster-events";
import type { UserSummary } from "@/lib/shared/types";
import type { Logger } from "../log";
import type { Audience, SyncJournal } from "../services/sync-journal";
import type { ParleyServer } from "./types";

/**
 * Requests through Socket.IO's server-side acks. Socket.IO types the answer per event, but not
 * for an event name that is itself generic; the ClusterBus signature carries the types instead.
 */
interface RequestChannel {
  serverSideEmit(request: ClusterRequestName, done: (err: Error | null, responses: unknown[]) => void): boolean;
  on(request: ClusterRequestName, listener: (reply: unknown) => void): unknown;
}

export function createClusterBus(io: ParleyServer, clustered: boolean): ClusterBus {
  const requests = io as unknown as RequestChannel;
  return {
    clustered,
    publish(event, ...args) {
      if (!clustered) return;
      io.serverSideEmit(event, ...args);
    },
    on(event, listener) {
      io.on(event, listener as never);
    },
    async gather(request, timeoutMs) {
      if (!clustered) return [];
      return new Promise((resolve) => {
        // An instance that does not answer in time is left out rather than holding up the caller.
        const timer = setTimeout(() => resolve([]), timeoutMs);
        requests.serverSideEmit(request, (err, responses) => {
          clearTimeout(timer);
          resolve(err || !Array.isArray(responses) ? [] : (responses as never[]));
        });
      });
    },
    answer(request, respond) {
      requests.on(request, (reply) => {
        if (typeof reply !== "function") return;
        void respond().then((answer) => (reply as (a: typeof answer) => void)(answer));
      });
    },
  };
}

/** What an emit goes through: Socket.IO's operator, its arguments checked by the port's signature. */
interface Emitter {
  emit(event: string, ...args: unknown[]): boolean;
}

/**
 * `journal`: journaled events (JOURNALED_EVENTS) are appended first and go out with their
 * position as a second argument (`{ sid }`); the others go out at once.
 */
export function createSocketBroadcast(io: ParleyServer, bus: ClusterBus, log: Logger, journal?: SyncJournal): Broadcast {
  const send = (target: Emitter, audience: Audience, event: string, args: readonly unknown[]) => {
    if (!journal || !isJournaled(event)) {
      target.emit(event, ...args);
      return;
    }
    void journal.append(event, args[0], audience).then((sid) => {
      if (sid) target.emit(event, args[0], { sid });
      else target.emit(event, ...args);
    });
  };

  /** Update the name and picture carried by this instance's sockets of the user (messages they send use them). */
  const refreshLocal = async (user: UserSummary) => {
    // Local sockets come back as the live Socket objects, whose data the handlers read.
    const sockets = await io.local.in(userChannel(user.id)).fetchSockets();
    // Changed in place: the handlers hold this object (their actor) since the socket connected.
    for (const s of sockets) Object.assign(s.data.user, { name: user.name, avatarUrl: user.avatarUrl });
  };
  bus.on("user:refreshed", (user) => {
    refreshLocal(user).catch((err: unknown) => log.warn("refresh of local sockets failed", { userId: user.id, err }));
  });

  return {
    toRoom(roomId, event, ...args) {
      send(io.to(roomChannel(roomId)) as unknown as Emitter, { userId: null, roomIds: [roomId] }, event, args);
    },
    toUser(userId, event, ...args) {
      send(io.to(userChannel(userId)) as unknown as Emitter, { userId, roomIds: [] }, event, args);
    },
    toAudience(userId, roomIds, event, ...args) {
      send(io.to([userChannel(userId), ...roomIds.map(roomChannel)]) as unknown as Emitter, { userId, roomIds }, event, args);
    },
    subscribeUser(userId, roomId, subscribe) {
      const target = io.in(userChannel(userId));
      if (subscribe) target.socketsJoin(roomChannel(roomId));
      else target.socketsLeave(roomChannel(roomId));
    },
    closeRoom(roomId) {
      io.in(roomChannel(roomId)).socketsLeave(roomChannel(roomId));
    },
    disconnectUser(userId) {
      io.in(userChannel(userId)).disconnectSockets(true);
    },
    disconnectSessions(sessionIds) {
      if (sessionIds.length > 0) io.in(sessionIds.map(sessionChannel)).disconnectSockets(true);
    },
    refreshUser(user) {
      // Here, and on the other instances through the bus.
      refreshLocal(user).catch((err: unknown) => log.warn("refresh of local sockets failed", { userId: user.id, err }));
      try {
        bus.publish("user:refreshed", user);
      } catch (err) {
        log.warn("could not tell other instances about a profile change", { userId: user.id, err });
      }
    },
    async localSockets() {
      const sockets = await io.local.fetchSockets();
      const userIds = [...new Set(sockets.map((s) => s.data.user?.id).filter((id): id is string => typeof id === "string"))];
      return { count: sockets.length, userIds };
    },
  };
}
