/**
 * Presence derived from the sockets themselves: a user is online in a room while at least one
 * of their sockets (on any instance, through the adapter) is subscribed to it. Several tabs
 * count once; the user goes offline when the last one closes. Every change is announced as
 * the room's full online list, so a lost or reordered update heals with the next one.
 */
import { roomChannel } from "@/lib/shared/events";
import { log } from "../log";
import type { ParleyServer } from "./registry";

export class Presence {
  constructor(private readonly io: ParleyServer) {}

  async onlineIn(roomId: string): Promise<string[]> {
    const sockets = await this.io.in(roomChannel(roomId)).fetchSockets();
    return [...new Set(sockets.map((s) => s.data.user.id))];
  }

  /** Broadcast a room's online list that the caller has just computed. */
  publish(roomId: string, online: string[]): void {
    this.io.to(roomChannel(roomId)).emit("presence", { roomId, online });
  }

  /** Recompute and broadcast the online list of each room (fire and forget). */
  announce(roomIds: Iterable<string>): void {
    for (const roomId of roomIds) {
      this.onlineIn(roomId)
        .then((online) => this.publish(roomId, online))
        .catch((err: unknown) => log.warn("presence update failed", { roomId, err }));
    }
  }
}
