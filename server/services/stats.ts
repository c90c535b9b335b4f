/**
 * Live numbers for the dashboard without touching the database on the send path: each
 * instance counts the messages it publishes in per-minute buckets (one hour kept), and the
 * overview asks every instance for its counts and sockets through Socket.IO server-side events
 * (over the Redis adapter), then adds them up.
 */
const MINUTE = 60_000;
const KEEP_MINUTES = 60;

interface Bucket {
  minute: number;
  total: number;
  rooms: Map<string, number>;
}

const holder = globalThis as unknown as { __parleyStats?: Map<number, Bucket> };

function buckets(): Map<number, Bucket> {
  holder.__parleyStats ??= new Map();
  return holder.__parleyStats;
}

/** Called once per committed batch (cheap: a few map increments). */
export function countPublished(committed: readonly { msg: { roomId: string } }[], now = Date.now()): void {
  if (committed.length === 0) return;
  const minute = Math.floor(now / MINUTE);
  const all = buckets();
  let b = all.get(minute);
  if (!b) {
    b = { minute, total: 0, rooms: new Map() };
    all.set(minute, b);
    for (const m of all.keys()) if (m <= minute - KEEP_MINUTES) all.delete(m);
  }
  b.total += committed.length;
  for (const { msg } of committed) b.rooms.set(msg.roomId, (b.rooms.get(msg.roomId) ?? 0) + 1);
}

export interface LocalStats {
  /** Messages per minute, oldest first, the last entry being the current minute. */
  perMinute: number[];
  /** Messages per room over the last 10 minutes. */
  rooms: [string, number][];
  sockets: number;
  userIds: string[];
}

export function localMessageStats(now = Date.now()): Pick<LocalStats, "perMinute" | "rooms"> {
  const current = Math.floor(now / MINUTE);
  const all = buckets();
  const perMinute: number[] = [];
  for (let m = current - KEEP_MINUTES + 1; m <= current; m++) perMinute.push(all.get(m)?.total ?? 0);
  const rooms = new Map<string, number>();
  for (let m = current - 9; m <= current; m++) for (const [id, n] of all.get(m)?.rooms ?? []) rooms.set(id, (rooms.get(id) ?? 0) + n);
  return { perMinute, rooms: [...rooms] };
}
