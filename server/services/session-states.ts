/**
 * Server-side sessions as the request path sees them: is this session (the cookie's `sid`) still
 * good? Checked on every REST request and socket handshake, so it is cached like the moderation
 * state (./moderation-state.ts): loaded once per process, kept until a revocation invalidates it
 * here and on every other instance through the cluster bus, a TTL bounding staleness should an
 * invalidation be lost. A request costs no database read while its session is cached;
 * `lastActiveAt` is written at most once a minute per session.
 */
import type { ClusterBus } from "../broadcast";
import type { Db } from "../db";
import type { Logger } from "../log";
import { TtlCache } from "./moderation-state";

/**
 * Sessions end this long after sign-in: the cookie's JWT expiry (next-auth's maxAge) and the
 * row's `expiresAt` alike. Use does not extend it (the app never has next-auth re-issue a cookie).
 */
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;
/** `lastActiveAt` is written at most this often per session. */
export const TOUCH_INTERVAL_MS = 60_000;

interface SessionState {
  userId: string;
  revoked: boolean;
  expiresAt: number;
  lastActiveAt: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isIdList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((id) => typeof id === "string");
}

export class SessionStates {
  private readonly cache: TtlCache<SessionState | null>;

  constructor(
    private readonly db: Db,
    private readonly bus: ClusterBus,
    private readonly log: Logger,
  ) {
    this.cache = new TtlCache((id) => this.load(id));
    // Other instances' revocations (validated: they cross Redis).
    bus.on("parley:sessions:revoked", (ids) => {
      if (isIdList(ids)) this.apply(ids);
    });
  }

  /** Whether session `sessionId` of `userId` may be used now; notes the use (at most once a minute). */
  async isActive(sessionId: string, userId: string, now = Date.now()): Promise<boolean> {
    if (!UUID.test(sessionId)) return false;
    const s = await this.cache.get(sessionId);
    if (!s || s.revoked || s.userId !== userId || s.expiresAt <= now) return false;
    if (now - s.lastActiveAt >= TOUCH_INTERVAL_MS) {
      s.lastActiveAt = now;
      this.touch(sessionId, now);
    }
    return true;
  }

  /** Forget these sessions here and on every other instance. Call after the revocation is committed. */
  invalidate(sessionIds: readonly string[]): void {
    if (sessionIds.length === 0) return;
    this.apply(sessionIds);
    this.bus.publish("parley:sessions:revoked", [...sessionIds]);
  }

  /** Forget everything (after a reconnect to Redis, when revocations may have been missed). */
  clear(): void {
    this.cache.clear();
  }

  private apply(sessionIds: readonly string[]): void {
    for (const id of sessionIds) this.cache.delete(id);
  }

  private touch(sessionId: string, now: number): void {
    // Conditional, so that several instances serving one session still write about once a minute.
    this.db.session
      .updateMany({
        where: { id: sessionId, revokedAt: null, lastActiveAt: { lt: new Date(now - TOUCH_INTERVAL_MS) } },
        data: { lastActiveAt: new Date(now) },
      })
      .catch((err: unknown) => this.log.warn("could not note a session's last activity", { sessionId, err }));
  }

  private async load(sessionId: string): Promise<SessionState | null> {
    const row = await this.db.session.findUnique({ where: { id: sessionId }, select: { userId: true, revokedAt: true, expiresAt: true, lastActiveAt: true } });
    if (!row) return null;
    return { userId: row.userId, revoked: row.revokedAt !== null, expiresAt: row.expiresAt.getTime(), lastActiveAt: row.lastActiveAt.getTime() };
  }
}
