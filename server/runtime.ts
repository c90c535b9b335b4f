/**
 * The runtime: every stateful part of one Parley server, built once by createApplication
 * (server/app.ts) and handed to what needs it — services take it as their first argument,
 * socket handlers get it when they are registered, REST handlers from server/http/handler.ts.
 * Nothing else in server/ keeps process state at module level.
 *
 * Next's route handlers are a separate bundle in the same process: they find the runtime
 * through the one global slot below, which createApplication fills.
 */
import type { Broadcast, ClusterBus } from "./broadcast";
import type { Db } from "./db";
import type { Env } from "./env";
import type { Lifecycle } from "./lifecycle";
import type { Logger } from "./log";
import type { Metrics } from "./metrics";
import type { RedisConnections } from "./redis";
import type { Mailer } from "./services/mailer";
import type { MessageWriter } from "./services/message-writer";
import type { Writability } from "./services/writability";
import type { ModerationCaches } from "./services/moderation-state";
import type { RateLimits } from "./services/rate-limit";
import type { SessionStates } from "./services/session-states";
import type { SessionDecoder } from "./services/sessions";
import type { SlowMode } from "./services/slow-mode";
import type { SyncJournal } from "./services/sync-journal";
import type { MessageStats } from "./services/stats";
import type { WordFilterCache } from "./services/word-filter-cache";
import type { BlobStore } from "./storage";

export interface Runtime {
  env: Env;
  log: Logger;
  db: Db;
  /** Null without REDIS_URL (one instance). */
  redis: RedisConnections | null;
  /** Events to clients: rooms, users, everyone who sees a user. */
  broadcast: Broadcast;
  /** Events to the other instances. */
  bus: ClusterBus;
  /** The event journal behind `session:resume` (journaled events are appended before they are emitted). */
  journal: SyncJournal;
  /** Group commit of messages (one per process: it alone orders a room's writes here). */
  writer: MessageWriter;
  /** Whether writes reach PostgreSQL; tells this instance's sockets when they do again (`server:writable`). */
  writability: Writability;
  moderation: ModerationCaches;
  wordFilter: WordFilterCache;
  limits: RateLimits;
  slowMode: SlowMode;
  stats: MessageStats;
  sessions: SessionDecoder;
  /** Server-side sessions: revoked or not, cached and invalidated cluster-wide. */
  sessionStates: SessionStates;
  storage: BlobStore;
  /** Outgoing mail: SMTP (SMTP_URL) or the log transport. */
  mailer: Mailer;
  metrics: Metrics;
  lifecycle: Lifecycle;
}

// The one global slot: how Next's route bundle finds the runtime the custom server built.
const SLOT = Symbol.for("parley.runtime");
type Slot = { [SLOT]?: Runtime };

export function installRuntime(rt: Runtime | undefined): void {
  (globalThis as Slot)[SLOT] = rt;
}

/** The running server's runtime; throws before createApplication (e.g. while `next build` collects pages). */
export function currentRuntime(): Runtime {
  const rt = (globalThis as Slot)[SLOT];
  if (!rt) throw new Error("Parley's runtime is not running: start the server through server/index.ts (createApplication).");
  return rt;
}
