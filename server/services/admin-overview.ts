/** The dashboard overview: live numbers summed over every instance. */
import type { AdminOverview } from "@/lib/shared/moderation";
import type { InstanceStats } from "../broadcast";
import type { Runtime } from "../runtime";

/** This instance's numbers (also what it answers when another instance gathers them). */
export async function localStats(rt: Runtime): Promise<InstanceStats> {
  const sockets = await rt.broadcast.localSockets();
  return { ...rt.stats.local(), sockets: sockets.count, userIds: sockets.userIds };
}

/** Answer other instances' requests for this instance's numbers (registered once at start-up). */
export function answerStatsRequests(rt: Runtime): void {
  rt.bus.answer("parley:stats", () => localStats(rt));
}

function isStats(v: unknown): v is InstanceStats {
  const s = v as InstanceStats;
  return !!s && Array.isArray(s.perMinute) && Array.isArray(s.rooms) && typeof s.sockets === "number" && Array.isArray(s.userIds);
}

async function clusterStats(rt: Runtime): Promise<InstanceStats[]> {
  // Without Redis there are no other instances (the bus then answers at once with none).
  const [mine, others] = await Promise.all([localStats(rt), rt.bus.gather("parley:stats", 1500)]);
  return [mine, ...others.filter(isStats)];
}

/** Messages in the last 60 s, from per-minute buckets: this minute plus the part of the previous one still inside the window. */
function lastSixtySeconds(perMinute: number[], now = Date.now()): number {
  const elapsed = (now % 60_000) / 60_000;
  return (perMinute[59] ?? 0) + Math.round((perMinute[58] ?? 0) * (1 - elapsed));
}

export async function computeOverview(rt: Runtime): Promise<AdminOverview> {
  const parts = await clusterStats(rt);
  const perMinute = Array.from({ length: 60 }, (_, i) => parts.reduce((sum, p) => sum + (p.perMinute[i] ?? 0), 0));
  const rooms = new Map<string, number>();
  for (const p of parts) for (const [id, n] of p.rooms) rooms.set(id, (rooms.get(id) ?? 0) + n);
  const top = [...rooms].sort((a, b) => b[1] - a[1]).slice(0, 5);
  const [names, openReports] = await Promise.all([
    top.length ? rt.db.room.findMany({ where: { id: { in: top.map(([id]) => id) } }, select: { id: true, name: true } }) : [],
    rt.db.report.count({ where: { status: "OPEN" } }),
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
