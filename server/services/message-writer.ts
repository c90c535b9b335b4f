/**
 * Group commit of messages, per room, in seq order.
 *
 * Each room has at most one write in flight in this process. Sends that arrive meanwhile
 * queue up and go together in the next write: one statement that checks membership, skips
 * clientIds already stored, bumps Room.lastSeq by the batch size and inserts the batch with
 * consecutive seqs, with their side effects (Mention and MentionNotice rows, thread roots'
 * summaries). When it commits, the batch is handed back in seq order, so this process
 * broadcasts every room's messages in seq order, and a busy room costs one round trip per
 * batch rather than per message.
 *
 * Gap-free: the UPDATE and INSERT are one statement; if it fails (e.g. another instance stored
 * the same clientId a moment earlier: unique violation) nothing of it stays, and the batch is
 * retried once. Other instances writing the same room queue on the room row's lock.
 *
 * Writability: a write that cannot reach the database tells `writability`, which then probes
 * until it can and tells the sockets (`server:writable`, writability.ts).
 */
import { uuidv7 } from "@/lib/shared/ids";
import type { AttachmentDTO, MentionedUser } from "@/lib/shared/types";
import { REPLIERS_SHOWN } from "./dto";
import type { Db } from "../db";
import type { Metrics } from "../metrics";
import { AppError } from "@/lib/shared/errors";
import { isDataException, isOutcomeUnknown, isUnavailable, isUniqueViolation } from "./errors";
import type { Writability } from "./writability";

export interface PendingMessage {
  roomId: string;
  authorId: string;
  authorName: string;
  authorAvatarUrl: string | null;
  clientId: string;
  body: string;
  /** The thread root this replies in (same room, checked by the caller), or null. */
  threadRootId: string | null;
  /** A thread reply also shown in the main timeline. */
  alsoInRoom: boolean;
  /** Members named in the body (stored as Mention rows by the same statement, if still members). */
  mentions: string[];
  /** The same with their names as the body wrote them (the DTO's `mentioned`). */
  mentioned?: MentionedUser[];
  /** The body says `@room` (allowed by policy before the write). */
  mentionsRoom: boolean;
  /** Files to link to the message (checked by the caller; the statement re-checks they are free). */
  attachments: AttachmentDTO[];
}

export interface StoredRow {
  id: string;
  seq: number;
  createdAt: Date;
  /** Members named whose Mention (and MentionNotice) row was stored with it: they are told. */
  mentioned: string[];
}

/**
 * What became of one message, as the batch statement saw it (so the sender need not find out by
 * trial): stored (the new row); a duplicate of a message this author already stored with that
 * clientId (any room); the author is not a member; the room is archived; one of its files is not
 * free (someone else's, another room's, already sent, or claimed by an earlier message of the
 * batch); or invalid (PostgreSQL refused the row's data itself, e.g. a NUL byte — the rest of the
 * batch is stored without it).
 */
export type WriteResult =
  | { kind: "stored"; row: StoredRow }
  /** `resolved`: this clientId's earlier write ended with an unknown outcome; it had been stored and is published now. */
  | { kind: "duplicate"; messageId: string; resolved?: true }
  | { kind: "notMember" }
  | { kind: "archived" }
  | { kind: "fileTaken" }
  | { kind: "invalid" };

type Outcome = WriteResult["kind"];

/** Uncertain writes remembered per instance, waiting for their resend. */
const MAX_UNCERTAIN = 10_000;

interface Waiter {
  msg: PendingMessage;
  resolve: (r: WriteResult) => void;
  reject: (e: unknown) => void;
}

/** Tunables, measured in docs/performance.md (MESSAGE_WRITER_MAX_BATCH, MESSAGE_WRITER_WINDOW_MS):
 *  rows per statement, and how long a batch waits for company before it is written (0: write at
 *  once; the batch is then whatever queued up while the previous write was in flight). 2 ms costs
 *  a message at most 2 ms and, at 1,000 msg/s in rooms of 50, takes a quarter off the server's and
 *  PostgreSQL's CPU per message (fewer statements, and fewer frames: a batch is one `messages:new`). */
export interface WriterOptions {
  maxBatch: number;
  windowMs: number;
}

/** One row per input message, in input order. */
interface OutcomeRow {
  outcome: Outcome;
  id: string | null;
  seq: number | bigint | null;
  createdAt: Date | string | null;
  duplicateOf: string | null;
  /** Members named whose Mention row was stored with the message (not those reached only by `@room`). */
  mentioned: string[] | null;
}

async function insertBatch(db: Db, roomId: string, batch: PendingMessage[]): Promise<OutcomeRow[]> {
  const ids = batch.map(() => uuidv7());
  const authors = batch.map((m) => m.authorId);
  const clientIds = batch.map((m) => m.clientId);
  const bodies = batch.map((m) => m.body);
  const roots = batch.map((m) => m.threadRootId);
  const alsoInRoom = batch.map((m) => m.alsoInRoom);
  const mentionsRoom = batch.map((m) => m.mentionsRoom);
  const ords = batch.map((_, i) => i);
  // Attachments as (file id, ord of the message in the batch) pairs.
  const fileIds = batch.flatMap((m) => m.attachments.map((a) => a.id));
  const fileOrds = batch.flatMap((m, i) => m.attachments.map(() => i));
  // Members named, as (user id, ord) pairs.
  const namedUsers = batch.flatMap((m) => m.mentions);
  const namedOrds = batch.flatMap((m, i) => m.mentions.map(() => i));
  // A message is accepted only if every file it carries is still free (uploaded by its author to
  // this room, linked to nothing, and not claimed by an earlier message of the batch); its files
  // are linked in the same statement, so a message never shows up without them. So are its
  // side effects: its Mention rows (only people who are members now; `@room`: every member but
  // the author) with their MentionNotice rows, and its thread root's summary. The root's UPDATE
  // builds on the root row as it is when the lock is granted (not on this statement's snapshot),
  // so concurrent replies from other instances add up.
  return db.$queryRaw<OutcomeRow[]>`
    WITH input AS (
      SELECT * FROM unnest(${ids}::uuid[], ${authors}::uuid[], ${clientIds}::text[], ${bodies}::text[], ${roots}::uuid[], ${alsoInRoom}::boolean[], ${mentionsRoom}::boolean[], ${ords}::int[])
        AS t("id", "authorId", "clientId", "body", "threadRootId", "alsoInRoom", "mentionsRoom", "ord")
    ), files AS (
      SELECT * FROM unnest(${fileIds}::uuid[], ${fileOrds}::int[]) AS f("fileId", "ord")
    ), named AS (
      SELECT * FROM unnest(${namedUsers}::uuid[], ${namedOrds}::int[]) AS n("userId", "ord")
    ), accepted AS (
      SELECT i.*, row_number() OVER (ORDER BY i."ord") AS "rn" FROM input i
      WHERE EXISTS (SELECT 1 FROM "Membership" m WHERE m."roomId" = ${roomId}::uuid AND m."userId" = i."authorId")
        AND NOT EXISTS (SELECT 1 FROM "Message" x WHERE x."authorId" = i."authorId" AND x."clientId" = i."clientId")
        AND NOT EXISTS (
          SELECT 1 FROM files f WHERE f."ord" = i."ord" AND (
            NOT EXISTS (SELECT 1 FROM "Attachment" a WHERE a."id" = f."fileId" AND a."roomId" = ${roomId}::uuid AND a."uploaderId" = i."authorId" AND a."messageId" IS NULL)
            OR EXISTS (SELECT 1 FROM files e WHERE e."fileId" = f."fileId" AND e."ord" < f."ord")))
    ), counted AS (
      SELECT count(*)::int AS "n" FROM accepted
    ), bumped AS (
      UPDATE "Room" SET "lastSeq" = "lastSeq" + counted."n", "lastMessageAt" = now() FROM counted
      WHERE "Room"."id" = ${roomId}::uuid AND counted."n" > 0 AND "Room"."archivedAt" IS NULL
      RETURNING "Room"."lastSeq" - counted."n" AS "base"
    ), inserted AS (
      INSERT INTO "Message" ("id", "roomId", "authorId", "seq", "clientId", "body", "threadRootId", "alsoInRoom", "mentionsRoom")
      SELECT a."id", ${roomId}::uuid, a."authorId", (bumped."base" + a."rn")::int, a."clientId", a."body", a."threadRootId", a."alsoInRoom", a."mentionsRoom"
      FROM accepted a CROSS JOIN bumped
      RETURNING "id", "seq", "clientId", "authorId", "createdAt", "threadRootId"
    ), linked AS (
      UPDATE "Attachment" SET "messageId" = a."id"
      FROM accepted a JOIN files f ON f."ord" = a."ord" JOIN inserted n ON n."id" = a."id"
      WHERE "Attachment"."id" = f."fileId" AND "Attachment"."messageId" IS NULL
    ), mentioned AS (
      INSERT INTO "Mention" ("messageId", "userId", "roomId", "seq", "viaRoom", "label")
      -- label: the name the body wrote (the parse matched the member's name as it is now).
      SELECT DISTINCT ON (w."messageId", w."userId") w."messageId", w."userId", ${roomId}::uuid, w."seq", w."viaRoom",
        CASE WHEN w."viaRoom" THEN NULL ELSE (SELECT u."name" FROM "User" u WHERE u."id" = w."userId") END
      FROM (
        SELECT n."id" AS "messageId", m."userId", n."seq", false AS "viaRoom"
        FROM inserted n JOIN accepted a ON a."id" = n."id" JOIN named k ON k."ord" = a."ord"
        JOIN "Membership" m ON m."roomId" = ${roomId}::uuid AND m."userId" = k."userId"
        UNION ALL
        SELECT n."id", m."userId", n."seq", true
        FROM inserted n JOIN accepted a ON a."id" = n."id" AND a."mentionsRoom"
        JOIN "Membership" m ON m."roomId" = ${roomId}::uuid AND m."userId" <> a."authorId"
      ) w
      ORDER BY w."messageId", w."userId", w."viaRoom"
      RETURNING "messageId", "userId", "viaRoom"
    ), noticed AS (
      INSERT INTO "MentionNotice" ("messageId", "userId")
      SELECT "messageId", "userId" FROM mentioned
      ON CONFLICT DO NOTHING
    ), replies AS (
      SELECT n."threadRootId" AS "rootId", count(*)::int AS "n", max(n."createdAt") AS "last" FROM inserted n
      WHERE n."threadRootId" IS NOT NULL GROUP BY n."threadRootId"
    ), repliers AS (
      SELECT r."rootId", r."authorId"::text AS "id", u."name", r."rank" FROM (
        SELECT n."threadRootId" AS "rootId", n."authorId", row_number() OVER (PARTITION BY n."threadRootId" ORDER BY max(n."seq") DESC) AS "rank"
        FROM inserted n WHERE n."threadRootId" IS NOT NULL GROUP BY n."threadRootId", n."authorId"
      ) r JOIN "User" u ON u."id" = r."authorId"
    ), summarised AS (
      UPDATE "Message" t SET
        "replyCount" = t."replyCount" + r."n",
        "lastReplyAt" = GREATEST(t."lastReplyAt", r."last"),
        "rev" = t."rev" + 1,
        -- The batch's repliers, newest first, then the ones the root listed before.
        -- With each one's picture as of now ("avatarAt", ms; dto.ts turns it into avatarUrl).
        "latestRepliers" = (
          SELECT coalesce(jsonb_agg(jsonb_build_object('id', e."id", 'name', e."name", 'avatarAt', (extract(epoch FROM au."avatarUpdatedAt") * 1000)::bigint) ORDER BY e."rank"), '[]'::jsonb) FROM (
            SELECT * FROM (
              SELECT DISTINCT ON (c."id") c."id", c."name", c."rank" FROM (
                SELECT p."id", p."name", p."rank" FROM repliers p WHERE p."rootId" = t."id"
                UNION ALL
                SELECT o.e->>'id', o.e->>'name', 1000 + o.k FROM jsonb_array_elements(t."latestRepliers") WITH ORDINALITY AS o(e, k)
              ) c ORDER BY c."id", c."rank"
            ) d ORDER BY d."rank" LIMIT ${REPLIERS_SHOWN}
          ) e LEFT JOIN "User" au ON au."id"::text = e."id")
      FROM replies r
      WHERE t."id" = r."rootId" AND t."roomId" = ${roomId}::uuid
    )
    SELECT n."id", n."seq", n."createdAt", x."id" AS "duplicateOf",
      CASE
        WHEN n."id" IS NOT NULL THEN 'stored'
        WHEN x."id" IS NOT NULL THEN 'duplicate'
        WHEN NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."roomId" = ${roomId}::uuid AND m."userId" = i."authorId") THEN 'notMember'
        WHEN NOT EXISTS (SELECT 1 FROM "Room" r WHERE r."id" = ${roomId}::uuid AND r."archivedAt" IS NULL) THEN 'archived'
        ELSE 'fileTaken'
      END AS "outcome",
      ARRAY(SELECT md."userId"::text FROM mentioned md WHERE md."messageId" = n."id" AND NOT md."viaRoom") AS "mentioned"
    FROM input i
    LEFT JOIN inserted n ON n."id" = i."id"
    LEFT JOIN "Message" x ON x."authorId" = i."authorId" AND x."clientId" = i."clientId"
    ORDER BY i."ord"`;
}

/** Called once per committed batch, synchronously and in seq order, before any caller resumes. */
export type Publish = (committed: { msg: PendingMessage; row: StoredRow }[]) => void;

export class MessageWriter {
  private readonly queues = new Map<string, Waiter[]>();
  private readonly busy = new Set<string>();
  /** Who waits for idle(): resolved when the last room's write is done. */
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly metrics: Pick<Metrics, "messageWriteSeconds" | "messageBatchSize">,
    private readonly publish: Publish,
    private readonly opts: WriterOptions,
    /** Told when a write cannot reach the database, and when one does again. */
    private readonly writability?: Writability,
  ) {}

  write(msg: PendingMessage): Promise<WriteResult> {
    return new Promise((resolve, reject) => {
      let queue = this.queues.get(msg.roomId);
      if (!queue) this.queues.set(msg.roomId, (queue = []));
      queue.push({ msg, resolve, reject });
      if (!this.busy.has(msg.roomId)) void this.drain(msg.roomId);
    });
  }

  /** Resolves when no write is queued or in flight (graceful shutdown waits for this). */
  idle(): Promise<void> {
    if (this.busy.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drain(roomId: string): Promise<void> {
    this.busy.add(roomId);
    try {
      for (;;) {
        const queue = this.queues.get(roomId);
        if (!queue || queue.length === 0) {
          this.queues.delete(roomId);
          return;
        }
        const { maxBatch, windowMs } = this.opts;
        if (windowMs > 0 && queue.length < maxBatch) await new Promise((r) => setTimeout(r, windowMs));
        const waiters = queue.splice(0, maxBatch);
        await this.flush(roomId, waiters);
      }
    } finally {
      this.busy.delete(roomId);
      if (this.busy.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private async flush(roomId: string, waiters: Waiter[]): Promise<void> {
    // The same (author, clientId) twice in one batch is stored once; both senders get that row.
    const unique = new Map<string, PendingMessage>();
    for (const w of waiters) {
      const key = keyOf(w.msg);
      if (!unique.has(key)) unique.set(key, w.msg);
    }
    const batch = [...unique.values()];
    let results: WriteResult[];
    const started = performance.now();
    try {
      results = await this.writeBatch(roomId, batch);
    } catch (e) {
      if (isUnavailable(e)) this.writability?.lost();
      if (!isOutcomeUnknown(e)) {
        for (const w of waiters) w.reject(e);
        return;
      }
      // The statement may have committed: remember these, so the resend that finds them stored
      // publishes them (they were never broadcast), and say so rather than "nothing stored".
      for (const msg of batch) this.noteUncertain(keyOf(msg));
      const unknown = new AppError("OUTCOME_UNKNOWN", "The connection to the database was lost while storing this message; it may have been stored. Send it again with the same clientId.");
      for (const w of waiters) w.reject(unknown);
      return;
    }
    this.writability?.reached();
    this.metrics.messageWriteSeconds.observe((performance.now() - started) / 1000);
    this.metrics.messageBatchSize.observe(batch.length);
    const byKey = new Map<string, WriteResult>();
    const committed: { msg: PendingMessage; row: StoredRow }[] = [];
    batch.forEach((msg, i) => {
      const r = results[i] ?? { kind: "invalid" };
      byKey.set(keyOf(msg), r);
      if (r.kind === "stored") committed.push({ msg, row: r.row });
    });
    await this.resolveUncertain(batch, byKey, committed);
    committed.sort((x, y) => x.row.seq - y.row.seq);
    try {
      this.publish(committed);
    } catch {
      // Publishing is best effort (clients catch up from history); the rows are committed.
    }
    const answered = new Set<string>();
    for (const w of waiters) {
      const key = keyOf(w.msg);
      const r = byKey.get(key) ?? { kind: "invalid" as const };
      // A clientId repeated within the batch: the first waiter gets the row, the rest its duplicate.
      if (r.kind === "stored" && answered.has(key)) w.resolve({ kind: "duplicate", messageId: r.row.id });
      else w.resolve(r);
      answered.add(key);
    }
  }

  /** Keys whose write ended with an unknown outcome (bounded: the oldest are forgotten first). */
  private readonly uncertain = new Set<string>();

  private noteUncertain(key: string): void {
    this.uncertain.add(key);
    if (this.uncertain.size > MAX_UNCERTAIN) {
      const oldest = this.uncertain.values().next().value;
      if (oldest !== undefined) this.uncertain.delete(oldest);
    }
  }

  /** Resends that found an uncertain write stored: publish it now, like any other message. */
  private async resolveUncertain(batch: PendingMessage[], byKey: Map<string, WriteResult>, committed: { msg: PendingMessage; row: StoredRow }[]): Promise<void> {
    if (this.uncertain.size === 0) return;
    const found = batch.flatMap((msg) => {
      const key = keyOf(msg);
      const r = byKey.get(key);
      return r?.kind === "duplicate" && this.uncertain.has(key) ? [{ msg, key, id: r.messageId }] : [];
    });
    if (found.length === 0) return;
    try {
      const rows = await this.db.message.findMany({ where: { id: { in: found.map((f) => f.id) } }, select: { id: true, seq: true, createdAt: true } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const f of found) {
        const row = byId.get(f.id);
        if (!row) continue;
        this.uncertain.delete(f.key);
        byKey.set(f.key, { kind: "duplicate", messageId: f.id, resolved: true });
        // Its Mention rows were stored with it; the people named had not been told yet.
        committed.push({ msg: f.msg, row: { id: row.id, seq: row.seq, createdAt: row.createdAt, mentioned: f.msg.mentions } });
      }
    } catch {
      // Still unsure (the database is flaky again): the next resend tries once more.
    }
  }

  /**
   * One statement for the batch (retried once after a unique violation: another instance stored
   * one of these clientIds a moment earlier). If PostgreSQL refuses a row's data, the batch is
   * written one row at a time, in order, so only that row fails.
   */
  private async writeBatch(roomId: string, batch: PendingMessage[]): Promise<WriteResult[]> {
    let rows: OutcomeRow[];
    try {
      rows = await insertBatch(this.db, roomId, batch).catch((e: unknown) => {
        if (isUniqueViolation(e)) return insertBatch(this.db, roomId, batch);
        throw e;
      });
    } catch (e) {
      if (!isDataException(e)) throw e;
      if (batch.length === 1) return [{ kind: "invalid" }];
      const alone: WriteResult[] = [];
      for (const msg of batch) alone.push(...(await this.writeBatch(roomId, [msg])));
      return alone;
    }
    return rows.map(toResult);
  }
}

const keyOf = (m: PendingMessage) => `${m.authorId}\u0000${m.clientId}`;

function toResult(r: OutcomeRow): WriteResult {
  switch (r.outcome) {
    case "stored":
      return { kind: "stored", row: { id: r.id ?? "", seq: Number(r.seq), createdAt: new Date(r.createdAt ?? 0), mentioned: r.mentioned ?? [] } };
    case "duplicate":
      return { kind: "duplicate", messageId: r.duplicateOf ?? "" };
    default:
      return { kind: r.outcome };
  }
}
