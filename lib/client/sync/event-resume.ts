/**
 * Resuming events (docs/delivery.md "Resuming events"): every journaled event carries its
 * journal position (`{ sid }`). This keeps the newest position the page has seen and, on every
 * reconnect and on `server:resync` (the instance was cut off from the others), asks the server
 * for the events addressed to this user after it (`session:resume`) and hands each one it has
 * not applied yet to the socket's own listeners, exactly as if it had arrived live — so the code
 * that applies live events is the code that applies missed ones.
 *
 * The position lives with the page: a reload reads the whole state again over REST, and the
 * first connect of a page only learns the current position.
 */
import type { ClientToServerEvents, ResumedEvent, ResumeResult, ServerToClientEvents, SyncMeta } from "@/lib/shared/events";
import { isJournaled } from "@/lib/shared/events";
import type { Socket } from "socket.io-client";

type ResumeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Positions applied recently (a replay may repeat events that came live just before it). */
const SEEN_MAX = 2000;
const RESUME_TIMEOUT_MS = 10_000;

export interface EventResumeOptions {
  /** The events missed are no longer all kept: reload the state (default: reload the page). */
  onReset?: () => void;
  /** After each resume (tests, metrics). */
  onResumed?: (result: { replayed: number; reset: boolean }) => void;
}

const bigger = (a: string, b: string) => (BigInt(a) >= BigInt(b) ? a : b);

/** Start resuming on `socket`; returns a function that stops it. */
export function resumeEventsOn(socket: ResumeSocket, opts: EventResumeOptions = {}): () => void {
  let cursor: string | null = null;
  const seen = new Set<string>();
  let running = false;
  let again = false;

  const remember = (sid: string) => {
    seen.add(sid);
    if (seen.size > SEEN_MAX) seen.delete(seen.values().next().value as string);
    cursor = cursor === null ? sid : bigger(cursor, sid);
  };

  const onAny = (event: string, ...args: unknown[]) => {
    if (!isJournaled(event)) return;
    const meta = args[1] as SyncMeta | undefined;
    if (meta && typeof meta.sid === "string") remember(meta.sid);
  };

  /** Hand one missed event to the listeners; false when it was applied already. */
  const replay = (e: ResumedEvent): boolean => {
    if (seen.has(e.sid)) return false;
    remember(e.sid);
    const meta: SyncMeta = { sid: e.sid };
    for (const listener of socket.listeners(e.event)) (listener as (payload: unknown, meta: SyncMeta) => void)(e.payload, meta);
    return true;
  };

  const resume = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        if (!socket.connected) return;
        const after = cursor;
        const answer = (await socket.timeout(RESUME_TIMEOUT_MS).emitWithAck("session:resume", { after })) as
          | { ok: true; data: ResumeResult }
          | { ok: false; error: { code: string } };
        if (!answer.ok) continue;
        const { head, events, reset } = answer.data;
        if (reset) {
          opts.onResumed?.({ replayed: 0, reset: true });
          (opts.onReset ?? (() => window.location.reload()))();
          return;
        }
        let replayed = 0;
        for (const e of events) if (replay(e)) replayed++;
        cursor = cursor === null ? head : bigger(cursor, head);
        opts.onResumed?.({ replayed, reset: false });
      } while (again);
    } catch {
      // No answer (disconnected, timed out): the next connect resumes again.
    } finally {
      running = false;
    }
  };

  const onConnect = () => void resume();
  const onResync = () => void resume();
  socket.onAny(onAny);
  socket.on("connect", onConnect);
  socket.on("server:resync", onResync);
  if (socket.connected) void resume();
  return () => {
    socket.offAny(onAny);
    socket.off("connect", onConnect);
    socket.off("server:resync", onResync);
  };
}
