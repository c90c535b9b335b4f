/**
 * Live numbers for the dashboard without touching the database on the send path: each
 * instance counts the messages it publishes in per-minute buckets (one hour kept), and the
 * overview asks every instance for its counts and sockets through Socket.IO server-side events
 * (over the Redis adapter), then adds them up.
 */
import type { InstanceStats } from "../broadcast";

const MINUTE = 60_000;
const KEEP_MINUTES = 60;

interface Bucket {
  minute: number;
  total: number;
  rooms: Map<string, number>;
}

/** This instance's message counts per minute (one hour kept). */
export class MessageStats {
  private readonly buckets = new Map<number, Bucket>();

  /** Called once per committed batch (cheap: a few map increments). */
  count(committed: readonly { msg: { roomId: string } }[], now = Date.now()): void {
    if (committed.length === 0) return;
    const minute = Math.floor(now / MINUTE);
    let b = this.buckets.get(minute);
    if (!b) {
      b = { minute, total: 0, rooms: new Map() };
      this.buckets.set(minute, b);
      for (const m of this.buckets.keys()) if (m <= minute - KEEP_MINUTES) this.buckets.delete(m);
    }
    b.total += committed.length;
    for (const { msg } of committed) b.rooms.set(msg.roomId, (b.rooms.get(msg.roomId) ?? 0) + 1);
  }

  /** Messages per minute (oldest first, the current minute last) and per room over the last 10 minutes. */
  local(now = Date.now()): Pick<InstanceStats, "perMinute" | "rooms"> {
    const current = Math.floor(now / MINUTE);
    const perMinute: number[] = [];
    for (let m = current - KEEP_MINUTES + 1; m <= current; m++) perMinute.push(this.buckets.get(m)?.total ?? 0);
    const rooms = new Map<string, number>();
    for (let m = current - 9; m <= current; m++) for (const [id, n] of this.buckets.get(m)?.rooms ?? []) rooms.set(id, (rooms.get(id) ?? 0) + n);
    return { perMinute, rooms: [...rooms] };
  }
}
