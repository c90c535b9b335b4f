/**
 * Bench data, made fast: one account through the real register and sign-in flow (proving the
 * path works and giving a real password hash), the rest inserted with SQL with a `Session` row
 * each, their session cookies minted by next-auth's own `encode` with the server's secret —
 * exactly what a real sign-in sets. The server still authenticates every handshake and request in full.
 */
import { encode } from "next-auth/jwt";
import { api, registerUser, type TestUser } from "../../../tests/helpers/clients";
import { withClient } from "../../../tests/helpers/db";

export interface BenchUser {
  id: string;
  name: string;
  cookie: string;
}

export const SESSION_COOKIE = "next-auth.session-token";

/** A cookie for `user`'s server-side session `sessionId` (a `Session` row: a cookie without one is refused). */
export async function mintCookie(user: { id: string; name: string; email: string; role?: string; sessionVersion?: number }, sessionId: string, secret: string): Promise<string> {
  const token = await encode({
    token: { name: user.name, email: user.email, sub: user.id, uid: user.id, role: (user.role ?? "MEMBER") as "MEMBER", sv: user.sessionVersion ?? 0, sid: sessionId },
    secret,
  });
  return `${SESSION_COOKIE}=${token}`;
}

export async function registerOwner(baseUrl: string): Promise<TestUser> {
  return registerUser(baseUrl, "Bench Owner", "bench-owner");
}

/** `count` users sharing the owner's password hash, in one statement. */
export async function bulkUsers(dbUrl: string, count: number, tag: string, ownerId: string, secret: string): Promise<BenchUser[]> {
  const rows = await withClient(dbUrl, async (c) => {
    const res = await c.query<{ id: string; name: string; email: string; sessionVersion: number; role: string }>(
      `INSERT INTO "User" ("id", "email", "name", "passwordHash")
       SELECT gen_random_uuid(), $1 || '-' || g || '@bench.test', 'Bench ' || $1 || ' ' || g, (SELECT "passwordHash" FROM "User" WHERE "id" = $2::uuid)
       FROM generate_series(1, $3::int) g
       RETURNING "id", "email", "name", "sessionVersion", "role"`,
      [tag, ownerId, count],
    );
    // One server-side session each, as a sign-in would start.
    const sessions = await c.query<{ id: string; userId: string }>(
      `INSERT INTO "Session" ("id", "userId", "expiresAt")
       SELECT gen_random_uuid(), u, now() + interval '30 days' FROM unnest($1::uuid[]) u
       RETURNING "id", "userId"`,
      [res.rows.map((u) => u.id)],
    );
    const sessionOf = new Map(sessions.rows.map((r) => [r.userId, r.id]));
    return res.rows.map((u) => ({ ...u, sessionId: sessionOf.get(u.id) ?? "" }));
  });
  return Promise.all(rows.map(async (u) => ({ id: u.id, name: u.name, cookie: await mintCookie(u, u.sessionId, secret) })));
}

/** Public rooms created through the REST API as `owner`. */
export async function createRooms(baseUrl: string, owner: TestUser, count: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await api<{ room: { id: string } }>(baseUrl, owner, "POST", "/api/rooms", { name: `${prefix}-${i}-${Date.now().toString(36)}`, visibility: "PUBLIC" });
    if (res.status !== 201) throw new Error(`create room: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    ids.push(res.body.room.id);
  }
  return ids;
}

export async function addMembers(dbUrl: string, roomId: string, userIds: string[]): Promise<void> {
  await withClient(dbUrl, (c) =>
    c.query(`INSERT INTO "Membership" ("userId", "roomId") SELECT u, $1::uuid FROM unnest($2::uuid[]) u ON CONFLICT DO NOTHING`, [roomId, userIds]),
  );
}

/** `count` messages in one INSERT ... SELECT generate_series, and Room.lastSeq to match. */
export async function seedHistory(dbUrl: string, roomId: string, authorId: string, count: number): Promise<number> {
  const started = performance.now();
  await withClient(dbUrl, async (c) => {
    await c.query(
      `INSERT INTO "Message" ("id", "roomId", "authorId", "seq", "clientId", "body", "createdAt")
       SELECT gen_random_uuid(), $1::uuid, $2::uuid, g, 'seed-' || $1 || '-' || g,
              'History message number ' || g || ' with a little text so the row is a realistic size.',
              now() - make_interval(secs => ($3::int - g))
       FROM generate_series(1, $3::int) g`,
      [roomId, authorId, count],
    );
    await c.query(`UPDATE "Room" SET "lastSeq" = $2::int WHERE "id" = $1::uuid`, [roomId, count]);
    await c.query(`ANALYZE "Message"`);
  });
  return performance.now() - started;
}

/** Messages of one statement share now() (the transaction's start): count statements by it. */
/** The group-commit histograms of Parley's /metrics, summed over instances (counters since start). */
export interface WriterMetrics {
  /** Group commits, and the messages they carried. */
  writes: number;
  messages: number;
  writeSeconds: number;
  /** Group commits that took longer than 25 ms. */
  slowWrites: number;
  /** The longest event-loop delay since the previous read (prom-client resets it on each scrape), ms; max over instances. */
  eventLoopMaxMs: number;
}

export async function writerMetrics(urls: string[]): Promise<WriterMetrics> {
  const texts = await Promise.all(urls.map(async (u) => (await fetch(`${u}/metrics`)).text()));
  const sum = (name: string) => texts.reduce((acc, t) => acc + Number(new RegExp(`^${name} ([0-9.e+-]+)$`, "m").exec(t)?.[1] ?? 0), 0);
  const writes = sum("parley_message_write_seconds_count");
  const fast = sum('parley_message_write_seconds_bucket\\{le="0.025"\\}');
  const lagMax = Math.max(0, ...texts.map((t) => Number(/^nodejs_eventloop_lag_max_seconds ([0-9.e+-]+)$/m.exec(t)?.[1] ?? 0)));
  return {
    writes,
    messages: sum("parley_message_batch_size_sum"),
    writeSeconds: sum("parley_message_write_seconds_sum"),
    slowWrites: writes - fast,
    eventLoopMaxMs: Math.round(lagMax * 10_000) / 10,
  };
}
