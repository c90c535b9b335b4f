/**
 * The event journal (docs/delivery.md "Resuming events"): every journaled server -> client event
 * (JOURNALED_EVENTS: edits, reactions, membership, room settings, moderation, read state,
 * mentions, profiles) is appended to `SyncEvent` before it is emitted, and goes out carrying its
 * position (`{ sid }`). A client that was away — a reconnect, or an instance cut off from Redis
 * (`server:resync`) — asks with `session:resume` for what came after the last `sid` it saw and
 * gets exactly the events that were addressed to it, in order; when those are no longer all kept
 * it is told to reload (`reset`).
 *
 * Appends are group-committed: the events queued while one INSERT is in flight go in the next
 * one, and each batch is emitted in the order its events were queued, so the journal costs one
 * round trip per batch, not per event, and never reorders what one instance emits.
 */
import type { ResumedEvent, ResumeResult, JournaledEvent } from "@/lib/shared/events";
import { ZResume } from "@/lib/shared/schemas";
import type { Db } from "../db";
import type { Logger } from "../log";
import type { Runtime } from "../runtime";
import { parseInput } from "./validate";
import { roomIdsOf } from "./rooms";
import type { Actor } from "./room-access";

/** Who an event reached: the user it was sent to, and/or the members of these rooms. */
export interface Audience {
  userId: string | null;
  roomIds: readonly string[];
}

interface Pending extends Audience {
  event: JournaledEvent;
  payload: unknown;
  resolve: (sid: string | null) => void;
}

/** At most this many events in one INSERT. */
const MAX_BATCH = 500;
/** At most this many events in one resume; further behind than that, the client reloads. */
export const RESUME_MAX_EVENTS = 1000;
/**
 * Events journaled up to this long before the client's last one are looked at again: two
 * instances' appends can commit in the other order than their ids, so an event with a lower id
 * may have reached the client after one with a higher id (or been lost with the connection).
 * The client drops the ones it already applied by `sid`.
 */
const REORDER_SLACK_MS = 2000;
const PRUNE_EVERY_MS = 5 * 60_000;

export class SyncJournal {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private pruneTimer: NodeJS.Timeout | null = null;
  private lastFailureLog = 0;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly opts: { retentionMs: number },
  ) {}

  /** Start pruning rows older than the retention window (every few minutes). */
  start(): void {
    if (this.pruneTimer) return;
    this.pruneTimer = setInterval(() => void this.prune().catch((err: unknown) => this.log.warn("journal prune failed", { err })), PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  /** Stop pruning and write what is queued. */
  async close(): Promise<void> {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.pruneTimer = null;
    while (this.flushing) await this.flushing;
  }

  /**
   * Journal one event; resolves with its position once it is committed, or null when it could
   * not be written (the database is unreachable): the event is then emitted without a position
   * and a client that misses it catches up by reloading, as before the journal.
   */
  append(event: JournaledEvent, payload: unknown, audience: Audience): Promise<string | null> {
    return new Promise((resolve) => {
      this.queue.push({ event, payload, userId: audience.userId, roomIds: audience.roomIds, resolve });
      if (!this.flushing) this.flushing = this.drain();
    });
  }

  private async drain(): Promise<void> {
    // Let the events of the same tick join the first batch.
    await new Promise<void>((r) => setImmediate(r));
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        let sids: (string | null)[];
        try {
          sids = await this.insert(batch);
        } catch (err) {
          sids = batch.map(() => null);
          if (Date.now() - this.lastFailureLog > 10_000) {
            this.lastFailureLog = Date.now();
            this.log.warn("event journal unavailable: events go out without a resume position", { err, events: batch.length });
          }
        }
        batch.forEach((p, i) => p.resolve(sids[i] ?? null));
      }
    } finally {
      this.flushing = null;
    }
  }

  private async insert(batch: Pending[]): Promise<string[]> {
    const rows = batch.map((p, ord) => ({ ord, event: p.event, payload: p.payload, userId: p.userId, roomIds: p.roomIds }));
    // Rows are inserted in `ord` order, so their ids (the sequence's next values) ascend with it.
    const inserted = await this.db.$queryRaw<{ id: string }[]>`
      INSERT INTO "SyncEvent" ("event", "payload", "userId", "roomIds")
      SELECT r.event, r.payload, r."userId", r."roomIds"
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(ord int, event text, payload jsonb, "userId" uuid, "roomIds" uuid[])
      ORDER BY r.ord
      RETURNING id::text AS id`;
    return inserted.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String);
  }

  /** The newest position handed out ("0" before the first event). */
  async head(): Promise<string> {
    const [row] = await this.db.$queryRaw<{ head: string }[]>`
      SELECT (CASE WHEN is_called THEN last_value ELSE 0 END)::text AS head FROM "SyncEvent_id_seq"`;
    return row?.head ?? "0";
  }

  /** The journaled events addressed to `userId` (directly or through `roomIds`) after `after`. */
  async since(userId: string, roomIds: readonly string[], after: string): Promise<ResumeResult> {
    const head = await this.head();
    const rows = await this.db.$queryRaw<{ sid: string; event: JournaledEvent; payload: unknown }[]>`
      SELECT id::text AS sid, event, payload FROM "SyncEvent"
      WHERE (id > ${after}::bigint
             OR "createdAt" >= (SELECT "createdAt" FROM "SyncEvent" WHERE id = ${after}::bigint) - make_interval(secs => ${REORDER_SLACK_MS / 1000}))
        AND ("userId" = ${userId}::uuid OR "roomIds" && ${[...roomIds]}::uuid[])
      ORDER BY id
      LIMIT ${RESUME_MAX_EVENTS + 1}`;
    if (rows.length > RESUME_MAX_EVENTS || (await this.prunedAfter(after, head))) return { head, events: [], reset: true };
    return { head, events: rows.map((r) => ({ sid: r.sid, event: r.event, payload: r.payload }) as ResumedEvent), reset: false };
  }

  /** Whether events after `after` have been pruned (or the position is from before the journal). */
  private async prunedAfter(after: string, head: string): Promise<boolean> {
    if (BigInt(after) >= BigInt(head)) return false;
    const [row] = await this.db.$queryRaw<{ min: string | null }[]>`SELECT min(id)::text AS min FROM "SyncEvent"`;
    // Nothing kept although positions were handed out after `after`: all of it is gone.
    if (!row?.min) return true;
    return BigInt(row.min) > BigInt(after) + 1n;
  }

  /** Delete the events older than the retention window; answers how many. */
  async prune(): Promise<number> {
    return this.db.$executeRaw`
      DELETE FROM "SyncEvent" WHERE "createdAt" < now() - make_interval(secs => ${this.opts.retentionMs / 1000})`;
  }
}

/** `session:resume`: what the caller missed after `after`, or (null) just the current position. */
export async function resumeEvents(rt: Runtime, actor: Actor, payload: unknown): Promise<ResumeResult> {
  const { after } = parseInput(ZResume, payload);
  if (after === null) return { head: await rt.journal.head(), events: [], reset: false };
  return rt.journal.since(actor.id, await roomIdsOf(rt, actor.id), after);
}
