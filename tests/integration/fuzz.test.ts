/**
 * Fuzz: thousands of random and malformed payloads to every socket event (CLIENT_EVENTS) and
 * every REST endpoint (found by scanning app/api for route.ts files and their exported methods),
 * from a signed-in user who belongs to none of the rooms the payloads name, and from nobody.
 * The server must answer every one (a well-formed ack; HTTP below 500), stay up, and leave
 * the stored data exactly as it was.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCode } from "@/lib/shared/errors";
import { CLIENT_EVENTS } from "@/lib/shared/events";
import type { RoomDTO } from "@/lib/shared/types";
import { api, clientId, connectUser, emitAck, registerUser, type ClientSocket, type TestUser } from "../helpers/clients";
import { ROOT, withClient } from "../helpers/db";
import { serverFixture } from "../helpers/fixture";

const fx = serverFixture();
const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

interface Route {
  path: string;
  methods: string[];
}

/** Every app/api route.ts and the HTTP methods it exports. */
function discoverRoutes(): Route[] {
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

async function snapshot(url: string): Promise<Record<string, string>> {
  return withClient(url, async (c) => {
    const tables = await c.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1");
    const out: Record<string, string> = {};
    for (const { tablename } of tables.rows) {
      const r = await c.query<{ h: string }>(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${tablename}" t`);
      out[tablename] = r.rows[0]?.h ?? "";
    }
    return out;
  });
}

let owner: TestUser;
let attacker: TestUser;
let socket: ClientSocket;
let realIds: string[] = [];
let before: Record<string, string>;
let routes: Route[];

beforeAll(async () => {
  owner = await registerUser(fx.url, "Owner", "fuzz-owner");
  attacker = await registerUser(fx.url, "Mallory", "fuzz-attacker");
  const priv = await api<{ room: RoomDTO }>(fx.url, owner, "POST", "/api/rooms", { name: `secret ${clientId().slice(0, 6)}`, visibility: "PRIVATE" });
  const ownerSocket = await connectUser(fx.url, owner);
  const messageIds: string[] = [];
  for (let i = 0; i < 4; i++) {
    const ack = await emitAck(ownerSocket, "message:send", { roomId: priv.body.room.id, clientId: clientId(), body: `seed ${i}` });
    if (ack.ok) messageIds.push(ack.data.message.id);
  }
  ownerSocket.disconnect();
  // Ids the attacker may try but has no right to act on: a private room it is not in and its
  // messages. (Not a public room: joining one is allowed, so it would change the data.)
  realIds = [priv.body.room.id, owner.user.id, ...messageIds];
  socket = await connectUser(fx.url, attacker);
  routes = discoverRoutes();
  // Let after-commit work (reply counts, read marks) settle before the snapshot.
  await new Promise((r) => setTimeout(r, 300));
  before = await snapshot(fx.db.url);
});

afterAll(() => socket?.disconnect());

/** Payload values: anything JSON-ish, strings that look dangerous, and real ids of other people's things. */
function payloads(): fc.Arbitrary<unknown> {
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
    },
    { requiredKeys: [] },
  );
  return fc.oneof(shaped, value, fc.array(value, { maxLength: 4 }));
}

describe("fuzzing every socket event", () => {
  it(`answers ${CLIENT_EVENTS.length} events × 150 random payloads with well-formed acks, never INTERNAL`, async () => {
    const seen: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CLIENT_EVENTS), payloads(), async (event, payload) => {
        const ack = await emitAck(socket, event, payload as never);
        expect(typeof ack).toBe("object");
        if (!ack.ok) {
          expect(KNOWN_CODES.has(ack.error.code)).toBe(true);
          expect(ack.error.code).not.toBe("INTERNAL");
          expect(typeof ack.error.message).toBe("string");
          seen[ack.error.code] = (seen[ack.error.code] ?? 0) + 1;
        }
      }),
      { numRuns: CLIENT_EVENTS.length * 150, seed: 20261122 },
    );
    expect(socket.connected).toBe(true);
    expect(Object.keys(seen).length).toBeGreaterThan(0);
  }, 120_000);
});

describe("fuzzing every REST endpoint", () => {
  it("discovers the API's routes", () => {
    const paths = routes.map((r) => r.path);
    expect(paths).toContain("/api/rooms");
    expect(paths).toContain("/api/rooms/[id]/messages");
    expect(routes.every((r) => r.methods.length > 0)).toBe(true);
  });

  it("answers random paths, queries and bodies below 500, as the attacker and as nobody", async () => {
    const targets = routes.flatMap((r) => r.methods.map((m) => ({ path: r.path, method: m })));
    const segment = fc.oneof(fc.constantFrom(...realIds), fc.uuid(), fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent));
    const body = fc.oneof(
      payloads().map((p) => JSON.stringify(p) ?? "null"),
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
        const res = await fetch(`${fx.url}${filled}${qs ? `?${qs}` : ""}`, {
          method: target.method,
          redirect: "manual",
          headers: { ...(signedIn ? { cookie: attacker.cookie } : {}), "content-type": "application/json", origin: fx.url },
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
      { numRuns: Math.max(1500, targets.length * 60), seed: 20261122 },
    );
    expect(Object.keys(statuses).some((s) => Number(s) >= 400)).toBe(true);
  }, 180_000);
});

describe("after the fuzzing", () => {
  it("the server is up, the attacker's socket still works, and no stored row changed", async () => {
    expect((await fetch(`${fx.url}/api/health`)).status).toBe(200);
    const ack = await emitAck(socket, "room:join", { roomId: "00000000-0000-7000-8000-000000000000" });
    expect(ack.ok).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    expect(await snapshot(fx.db.url)).toEqual(before);
  });
});
