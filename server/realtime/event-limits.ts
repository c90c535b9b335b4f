/**
 * Applies SOCKET_EVENT_LIMITS (server/services/limits-table.ts) to one socket event, for `acked`:
 * counts it against its rate limits (RATE_LIMITED over them), or coalesces it per room —
 * `drop` runs one call per window and acks the others ok without doing anything, `latest` runs
 * the first call of a window at once and the latest of the rest when the window ends.
 * Coalescing windows are per socket, in this process's memory.
 */
import type { AckData, ClientEventName } from "@/lib/shared/events";
import type { Runtime } from "../runtime";
import { SOCKET_EVENT_LIMITS } from "../services/rate-limit";
import type { ParleySocket } from "./types";

/** What a dropped call is acked with (only events whose ack carries no data may be dropped). */
const DROPPED: { [E in ClientEventName]?: AckData<E> } = { "typing:start": null, "typing:stop": null };

interface Window {
  /** When the last call of this key ran. */
  at: number;
  /** `latest`: the payload waiting for the end of the window, and the run it will get. */
  pending?: unknown;
  trailing?: Promise<unknown>;
}

const windows = new WeakMap<ParleySocket, Map<string, Window>>();

function roomOf(payload: unknown): string | null {
  if (typeof payload !== "object" || payload === null || !("roomId" in payload)) return null;
  return typeof payload.roomId === "string" ? payload.roomId : null;
}

const seqOf = (payload: unknown): number => (typeof payload === "object" && payload !== null && "seq" in payload && typeof payload.seq === "number" ? payload.seq : -1);

/** For each event, the coalesced events whose window it ends (`resetBy`). */
const RESETS = new Map<ClientEventName, ClientEventName[]>();
for (const [event, spec] of Object.entries(SOCKET_EVENT_LIMITS) as [ClientEventName, (typeof SOCKET_EVENT_LIMITS)[ClientEventName]][]) {
  if (spec.kind !== "coalesce") continue;
  for (const by of spec.resetBy ?? []) RESETS.set(by, [...(RESETS.get(by) ?? []), event]);
}

export async function limitedRun<E extends ClientEventName>(rt: Runtime, socket: ParleySocket, event: E, payload: unknown, run: (payload: unknown) => Promise<AckData<E>>): Promise<AckData<E>> {
  const spec = SOCKET_EVENT_LIMITS[event];
  const roomId = roomOf(payload);
  const ended = RESETS.get(event);
  if (ended && roomId !== null) for (const e of ended) windows.get(socket)?.delete(`${e}\n${roomId}`);
  if (spec.kind === "limit") {
    // The current role from the invalidated cache (staff exemptions), never the one at connect.
    const actor = { id: socket.data.user.id, role: (await rt.moderation.userState(socket.data.user.id)).role };
    await Promise.all(spec.names.map((name) => rt.limits.consumeAs(name, actor, socket.data.ip)));
    return run(payload);
  }
  if (roomId === null) return run(payload); // malformed: the handler refuses it (VALIDATION_FAILED)
  let perSocket = windows.get(socket);
  if (!perSocket) windows.set(socket, (perSocket = new Map()));
  const key = `${event}\n${roomId}`;
  const now = Date.now();
  const w = perSocket.get(key);
  if (!w || (now - w.at >= spec.windowMs && !w.trailing)) {
    perSocket.set(key, { at: now });
    return run(payload);
  }
  if (spec.mode === "drop" && event in DROPPED) return DROPPED[event] as AckData<E>;
  // `latest`: the highest seq waiting wins (read markers never move back).
  if (w.trailing === undefined || seqOf(payload) >= seqOf(w.pending)) w.pending = payload;
  w.trailing ??= new Promise((resolve) => setTimeout(resolve, Math.max(0, w.at + spec.windowMs - now))).then(() => {
    const latest = w.pending;
    w.pending = undefined;
    w.trailing = undefined;
    w.at = Date.now();
    return run(latest);
  });
  return w.trailing as Promise<AckData<E>>;
}
