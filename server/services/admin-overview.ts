/** The dashboard overview: live numbers summed over every instance. */
import type { AdminOverview } from "@/lib/shared/moderation";
import { getDb } from "../db";
import { getIo } from "../realtime/registry";
import { getRedis } from "../redis";
import { localMessageStats, type LocalStats } from "./stats";

export const STATS_EVENT = "parley:stats";

interface StatsBus {
  local: { fetchSockets(): Promise<{ data: { user?: { id: string } } }[]> };
  serverSideEmit(event: string, ...args: unknown[]): boolean;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

const bus = () => getIo() as unknown as StatsBus | undefined;

export async function localStats(): Promise<LocalStats> {
  const io = bus();
  const sockets = io ? await io.local.fetchSockets() : [];
  const userIds = [...new Set(sockets.map((s) => s.data.user?.id).filter((id): id is string => typeof id === "string"))];
  return { ...localMessageStats(), sockets: sockets.length, userIds };
}

/** Answer other instances' requests for this instance's numbers (registered once at start-up). */
export function answerStatsRequests(io: unknown): void {
  (io as StatsBus).on(STATS_EVENT, (cb: unknown) => {
    if (typeof cb !== "function") return;
    void localStats().then((s) => (cb as (s: LocalStats) => void)(s));
  });
}

function isStats(v: unknown): v is LocalStats {
  const s = v as LocalStats;
  return !!s && Array.isArray(s.perMinute) && Array.isArray(s.rooms) && typeof s.sockets === "number" && Array.isArray(s.userIds);
}

async function clusterStats(): Promise<LocalStats[]> {
  const io = bus();
  const mine = await localStats();
  // Without Redis there are no other instances (and the in-memory adapter cannot ask).
  if (!io || !getRedis()) return [mine];
  const others = await new Promise<unknown[]>((resolve) => {
    // An instance that does not answer in time is left out rather than holding up the dashboard.
    const timer = setTimeout(() => resolve([]), 1500);
    io.serverSideEmit(STATS_EVENT, (_err: Error | null, responses: unknown) => {
      clearTimeout(timer);
      resolve(Array.isArray(responses) ? responses : []);
    });
  });
  return [mine, ...others.filter(isStats)];
}

/** Messages in the last 60 s, from per-minute buckets: this minute plus the part of the previous one still inside the window. */
function lastSixtySeconds(perMinute: number[], now = Date.now()): number {
  const elapsed = (now % 60_000) / 60_000;
  return (perMinute[59] ?? 0) + Math.round((perMinute[58] ?? 0) * (1 - elapsed));
}

export async function computeOverview(): Promise<AdminOverview> {
  const parts = await clusterStats();
  const perMinute = Array.from({ length: 60 }, (_, i) => parts.reduce((sum, p) => sum + (p.perMinute[i] ?? 0), 0));
  const rooms = new Map<string, number>();
  for (const p of parts) for (const [id, n] of p.rooms) rooms.set(id, (rooms.get(id) ?? 0) + n);
  const top = [...rooms].sort((a, b) => b[1] - a[1]).slice(0, 5);
  const db = getDb();
  const [names, openReports] = await Promise.all([
    top.length ? db.room.findMany({ where: { id: { in: top.map(([id]) => id) } }, select: { id: true, name: true } }) : [],
    db.report.count({ where: { status: "OPEN" } }),
  ]);
  const nameOf = new Map(names.map((r) => [r.id, r.name]));
  return {
    usersOnline: new Set(parts.flatMap((p) => p.userIds)).size,
    socketsConnected: parts.reduce((sum, p) => sum + p.sockets, 0),
    instances: parts.length,
    messagesLastMinute: lastSixtySeconds(perMinute),
    perMinute,
    busiestRooms: top.filter(([id]) => nameOf.has(id)).map(([id, n]) => ({ roomId: id, name: nameOf.get(id) ?? "", messages: n })),
    openReports,
    at: new Date().toISOString(),
  };
}
