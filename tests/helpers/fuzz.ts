/**
 * The fuzzing machinery shared by the single-server fuzz test (tests/integration/fuzz.test.ts)
 * and the same attack through the loopback cluster (tests/cluster/fuzz.test.ts): random and
 * malformed payloads to every socket event (CLIENT_EVENTS) and to every REST endpoint (found
 * by scanning app/api for route.ts files and their exported methods), and a fingerprint of
 * every stored table to prove nothing changed.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { expect } from "vitest";
import { ErrorCode } from "@/lib/shared/errors";
import { CLIENT_EVENTS } from "@/lib/shared/events";
import type { RoomDTO } from "@/lib/shared/types";
import { api, clientId, connectUser, emitAck, type ClientSocket, type TestUser } from "./clients";
import { ROOT, withClient } from "./db";

export const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));
export const FUZZ_SEED = 20261122;

export interface Route {
  path: string;
  methods: string[];
}

/** Every app/api route.ts and the HTTP methods it exports. */
export function discoverRoutes(): Route[] {
  const base = path.join(ROOT, "app/api");
  const out: Route[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = readFileSync(full, "utf8");
        const methods = [
          ...[...source.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1] as string),
          // export { handler as GET, handler as POST }
          ...[...source.matchAll(/\bas\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1] as string),
        ];
        const rel = path.relative(base, dir).split(path.sep).join("/");
        out.push({ path: `/api/${rel}`, methods: [...new Set(methods)] });
      }
    }
  };
  walk(base);
  return out;
}

/** An md5 of every public table's rows: equal snapshots mean no stored row changed. */
export async function snapshot(databaseUrl: string): Promise<Record<string, string>> {
  return withClient(databaseUrl, async (c) => {
    // The event journal records what went out to clients (the attacker's own no-op status or
    // read mark is still announced), not stored state: left out. So is the log transport's
    // outgoing mail and the confirmation links it carries: the set-up's sign-ups mail them after
    // answering, so those rows may land after the first snapshot.
    const tables = await c.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'SyncEvent', 'LoggedMail', 'EmailVerificationToken') ORDER BY 1",
    );
    const out: Record<string, string> = {};
    for (const { tablename } of tables.rows) {
      // A session's last-activity stamp moves once a minute while it is used: bookkeeping, not data.
      // Two-factor set-ups not finished (enabledAt null) and mailed-link tokens are what a request
      // with an empty body rightly makes for the attacker's own account (`POST
      // /api/me/two-factor/setup {}`, a resend of the confirmation link); an enabled second
      // factor is data.
      const source =
        tablename === "Session"
          ? `(SELECT id, "userId", "createdAt", "revokedAt", "userAgent", ip FROM "Session")`
          : tablename === "TwoFactor"
            ? `(SELECT * FROM "TwoFactor" WHERE "enabledAt" IS NOT NULL)`
            : `"${tablename}"`;
      const r = await c.query<{ h: string }>(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${source} t`);
      out[tablename] = r.rows[0]?.h ?? "";
    }
    return out;
  });
}

/**
 * A private room of `owner` with a few messages: ids an attacker may try but has no right to
 * act on. (Not a public room: joining one is allowed, so it would change the data.)
 */
export async function seedVictimIds(baseUrl: string, owner: TestUser): Promise<{ roomId: string; ids: string[] }> {
  const priv = await api<{ room: RoomDTO }>(baseUrl, owner, "POST", "/api/rooms", { name: `secret ${clientId().slice(0, 6)}`, visibility: "PRIVATE" });
  if (priv.status !== 201 && priv.status !== 200) throw new Error(`room create failed: ${priv.status}`);
  const ownerSocket = await connectUser(baseUrl, owner);
  const messageIds: string[] = [];
  for (let i = 0; i < 4; i++) {
    const ack = await emitAck(ownerSocket, "message:send", { roomId: priv.body.room.id, clientId: clientId(), body: `seed ${i}` });
    if (ack.ok) messageIds.push(ack.data.message.id);
  }
  ownerSocket.disconnect();
  return { roomId: priv.body.room.id, ids: [priv.body.room.id, owner.user.id, ...messageIds] };
}

/** Payload values: anything JSON-ish, strings that look dangerous, and real ids of other people's things. */
export function payloads(realIds: readonly string[]): fc.Arbitrary<unknown> {
  const id = fc.oneof(fc.constantFrom(...realIds), fc.uuid(), fc.string({ maxLength: 40 }));
  const nasty = fc.constantFrom("<script>alert(1)</script>", "javascript:alert(1)", "\u202Eevil", "\u0000", "x".repeat(5000), "💥".repeat(100), "../../etc/passwd", "' OR 1=1 --", "{}", "NaN", "-1", "1e309");
  const value = fc.oneof(fc.anything({ maxDepth: 3, maxKeys: 6 }), id, nasty, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
  const shaped = fc.record(
    {
      roomId: id,
      messageId: id,
      clientId: fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^[0-9a-f]{8,64}$/)),
      body: fc.oneof(fc.string({ maxLength: 300 }), nasty, value),
      emoji: fc.oneof(fc.string({ maxLength: 10 }), value),
      on: value,
      pinned: value,
      seq: value,
      attachmentIds: fc.oneof(fc.array(id, { maxLength: 3 }), value),
    },
    { requiredKeys: [] },
  );
  return fc.oneof(shaped, value, fc.array(value, { maxLength: 4 }));
}

/**
 * Emit `runsPerEvent` random payloads per client event (in a random order) on `socket`; every
 * ack must be well formed and never INTERNAL. Returns the error codes seen, with counts.
 */
export async function fuzzSocketEvents(socket: ClientSocket, realIds: readonly string[], runsPerEvent: number): Promise<Record<string, number>> {
  const seen: Record<string, number> = {};
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...CLIENT_EVENTS), payloads(realIds), async (event, payload) => {
      const ack = await emitAck(socket, event, payload as never);
      expect(typeof ack).toBe("object");
      if (!ack.ok) {
        expect(KNOWN_CODES.has(ack.error.code), `${event}: ${ack.error.code}`).toBe(true);
        expect(ack.error.code, `${event}: ${ack.error.message}`).not.toBe("INTERNAL");
        expect(typeof ack.error.message).toBe("string");
        seen[ack.error.code] = (seen[ack.error.code] ?? 0) + 1;
      }
    }),
    { numRuns: CLIENT_EVENTS.length * runsPerEvent, seed: FUZZ_SEED },
  );
  return seen;
}

/**
 * Random paths (ids filled from `realIds`, uuids and junk), queries and bodies to every
 * discovered endpoint and method, as `attacker` or signed out: every answer below 500, JSON
 * errors with known codes. Runs `runsPerTarget` per endpoint and method, and at least `minRuns`.
 * Returns the statuses seen, with counts.
 */
export async function fuzzRestEndpoints(
  baseUrl: string,
  attacker: TestUser,
  realIds: readonly string[],
  runs: { runsPerTarget: number; minRuns: number },
): Promise<Record<number, number>> {
  const routes = discoverRoutes();
  const targets = routes.flatMap((r) => r.methods.map((m) => ({ path: r.path, method: m })));
  const segment = fc.oneof(fc.constantFrom(...realIds), fc.uuid(), fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent));
  const body = fc.oneof(
    payloads(realIds).map((p) => JSON.stringify(p) ?? "null"),
    fc.string({ maxLength: 200 }),
    fc.constantFrom("{", "[1,", "\u0000\u0001", '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}'),
  );
  const query = fc.dictionary(fc.constantFrom("before", "after", "limit", "q", "roomId", "authorId", "around", "cursor", "thread"), fc.oneof(fc.string({ maxLength: 20 }), fc.integer().map(String)), { maxKeys: 3 });
  const statuses: Record<number, number> = {};
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...targets), fc.array(segment, { minLength: 4, maxLength: 4 }), body, query, fc.boolean(), async (target, segs, payload, q, signedIn) => {
      let i = 0;
      const filled = target.path.replace(/\[\.\.\.[^\]]+\]|\[[^\]]+\]/g, () => segs[i++ % segs.length] ?? "x");
      const qs = new URLSearchParams(q).toString();
      const res = await fetch(`${baseUrl}${filled}${qs ? `?${qs}` : ""}`, {
        method: target.method,
        redirect: "manual",
        headers: { ...(signedIn ? { cookie: attacker.cookie } : {}), "content-type": "application/json", origin: baseUrl },
        body: target.method === "GET" ? undefined : payload,
      });
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const text = await res.text();
      expect(res.status, `${target.method} ${filled} -> ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500);
      if (res.status >= 400 && res.headers.get("content-type")?.includes("application/json")) {
        const parsed = JSON.parse(text) as { error?: { code?: string } };
        if (parsed.error?.code) expect(KNOWN_CODES.has(parsed.error.code)).toBe(true);
      }
    }),
    { numRuns: Math.max(runs.minRuns, targets.length * runs.runsPerTarget), seed: FUZZ_SEED },
  );
  return statuses;
}
