/**
 * Security at the edge: response headers (CSP with a per-request nonce), CSRF refusals, rate
 * limits (REST 429 + Retry-After, socket ack RATE_LIMITED with retryAfterMs), the per-user
 * connection cap, and the Prometheus endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack, MessageSent } from "@/lib/shared/events";
import type { RoomDTO } from "@/lib/shared/types";
import { api, clientId, connect, connected, connectUser, emitAck, registerUser, signIn, type ClientSocket, type TestUser } from "../helpers/clients";
import { createTestDatabase, REDIS_URL, withClient, type TestDatabase } from "../helpers/db";
import { startServer, type RunningServer } from "../helpers/server";

let db: TestDatabase;
let server: RunningServer;
let ana: TestUser;
let cy: TestUser;
const sockets: ClientSocket[] = [];

// Scale 0.3: 3 registrations per IP, 3 failed sign-ins per account, 9 sends per 10 s per user.
beforeAll(async () => {
  db = await createTestDatabase();
  server = await startServer({ databaseUrl: db.url, env: { RATE_LIMIT_SCALE: "0.3", MAX_SOCKETS_PER_USER: "3", METRICS_TOKEN: "metrics-token-0123456789", ALLOWED_ORIGINS: "https://chat.example.test, https://other.example.test:8443/ignored-path" } });
  // Two of this IP's three registrations.
  ana = await registerUser(server.url, "Ana", "csrf");
  cy = await registerUser(server.url, "Cy", "conn");
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.stop();
  await db?.drop();
});

const url = () => server.url;

describe("security headers", () => {
  it("gives pages a CSP whose nonce is on every script Next renders, and a fresh nonce per request", async () => {
    const first = await fetch(`${url()}/signin`);
    const csp = first.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const second = await fetch(`${url()}/signin`);
    expect(second.headers.get("content-security-policy")).not.toBe(csp);
  });

  it("sets the other headers on pages and API answers, and echoes a request id", async () => {
    for (const path of ["/signin", "/api/health", "/api/rooms"]) {
      const res = await fetch(`${url()}${path}`, { headers: { "x-request-id": "req-abc.123" } });
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("permissions-policy")).toContain("camera=()");
      expect(res.headers.get("x-request-id")).toBe("req-abc.123");
      // HSTS only behind TLS: this server's origin is http.
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
    const generated = await fetch(`${url()}/api/health`, { headers: { "x-request-id": "bad id with spaces" } });
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("CSRF", () => {
  // The writes here create rooms, limited to 3 an hour at this scale for members: Ana is staff
  // (exempt) while they run.
  const setRole = (role: "MODERATOR" | "MEMBER") => withClient(db.url, (c) => c.query(`UPDATE "User" SET role = $1 WHERE id = $2`, [role, ana.user.id]));
  beforeAll(async () => {
    await setRole("MODERATOR");
  });
  afterAll(async () => {
    await setRole("MEMBER");
  });
  const post = (headers: Record<string, string>) =>
    fetch(`${url()}/api/rooms`, {
      method: "POST",
      headers: { cookie: ana.cookie, "content-type": "application/json", ...headers },
      body: JSON.stringify({ name: `csrf ${clientId().slice(0, 6)}`, visibility: "PUBLIC" }),
    });

  it.each([
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["Sec-Fetch-Site cross-site without Origin", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site same-site (a sibling subdomain) without Origin", { "sec-fetch-site": "same-site" }],
    ["a foreign Referer without Origin", { referer: "https://evil.example/page" }],
    ["Origin null (sandboxed frame)", { origin: "null" }],
  ])("refuses a cookie-authenticated write with %s (403, nothing stored)", async (_label, headers) => {
    const before = await api<{ rooms: RoomDTO[] }>(url(), ana, "GET", "/api/rooms");
    const res = await post(headers);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
    const after = await api<{ rooms: RoomDTO[] }>(url(), ana, "GET", "/api/rooms");
    expect(after.body.rooms.length).toBe(before.body.rooms.length);
  });

  it("accepts the app's own origin, same-origin fetch metadata, and non-browser clients", async () => {
    expect((await post({ origin: url() })).status).toBe(201);
    expect((await post({ "sec-fetch-site": "same-origin" })).status).toBe(201);
    expect((await post({ referer: `${url()}/chat` })).status).toBe(201);
    expect((await post({})).status).toBe(201);
  });

  it("accepts the extra origins of ALLOWED_ORIGINS, for REST writes and Socket.IO handshakes, and nothing else", async () => {
    expect((await post({ origin: "https://chat.example.test" })).status).toBe(201);
    expect((await post({ origin: "https://other.example.test:8443" })).status).toBe(201);
    expect((await post({ referer: "https://chat.example.test/chat" })).status).toBe(201);
    expect((await post({ origin: "https://other.example.test" })).status).toBe(403);
    const allowed = connect(url(), ana, { origin: "https://chat.example.test" });
    sockets.push(allowed);
    await connected(allowed);
    const foreign = connect(url(), ana, { origin: "https://evil.example" });
    sockets.push(foreign);
    const err = await new Promise<Error>((resolve) => foreign.once("connect_error", resolve));
    expect(err.message).toBe("FORBIDDEN_ORIGIN");
  });

  it("refuses a cross-site registration", async () => {
    const res = await fetch(`${url()}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ email: `x${clientId()}@example.test`, password: "long-enough-horse-42", name: "X" }),
    });
    expect(res.status).toBe(403);
  });
});

describe("rate limits", () => {
  it("registration: 429 with Retry-After once an IP has made its accounts", async () => {
    // beforeAll made two accounts from this IP already; the limit is 3.
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 2; i++) {
      last = await fetch(`${url()}/api/auth/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: `r${i}-${clientId()}@example.test`, password: "long-enough-horse-42", name: `R${i}` }),
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([202, 429]);
    expect(Number(last?.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await last?.json()) as { error: { code: string; details: { retryAfterMs: number } } };
    expect(body.error.code).toBe("RATE_LIMITED");
    expect(body.error.details.retryAfterMs).toBeGreaterThan(0);
  });

  it("sign-in: after 3 wrong passwords the account refuses even the right one, then the limit is per account", async () => {
    const server2 = await startServer({ databaseUrl: db.url, env: { RATE_LIMIT_SCALE: "0.3" } });
    try {
      const victim = await registerUser(server2.url, "Victim", "victim");
      for (let i = 0; i < 3; i++) await expect(signIn(server2.url, victim.email, "wrong-password")).rejects.toThrow(/sign-in failed/);
      await expect(signIn(server2.url, victim.email, victim.password)).rejects.toThrow(/sign-in failed/);
      // Another account from the same IP still signs in (per-IP allowance is larger).
      const other = await registerUser(server2.url, "Other", "other");
      expect(await signIn(server2.url, other.email, other.password)).toContain("session-token=");
    } finally {
      await server2.stop();
    }
  });

  it("message:send: the 10th message within 10 s is refused with RATE_LIMITED and a retry-after, nothing stored", async () => {
    const server3 = await startServer({ databaseUrl: db.url, env: { RATE_LIMIT_SCALE: "0.3" } });
    try {
      const ben = await registerUser(server3.url, "Ben", "sender");
      const { body } = await api<{ room: RoomDTO }>(server3.url, ben, "POST", "/api/rooms", { name: `rl ${clientId().slice(0, 6)}`, visibility: "PUBLIC" });
      const s = await connectUser(server3.url, ben);
      sockets.push(s);
      const acks: Ack<MessageSent>[] = [];
      for (let i = 0; i < 10; i++) acks.push(await emitAck(s, "message:send", { roomId: body.room.id, clientId: clientId(), body: `m${i}` }));
      expect(acks.slice(0, 9).every((a) => a.ok)).toBe(true);
      const refused = acks[9];
      expect(refused?.ok).toBe(false);
      if (refused && !refused.ok) {
        expect(refused.error.code).toBe("RATE_LIMITED");
        expect(refused.error.details?.retryAfterMs).toBeGreaterThan(0);
      }
      const history = await api<{ messages: unknown[] }>(server3.url, ben, "GET", `/api/rooms/${body.room.id}/messages`);
      expect(history.body.messages).toHaveLength(9);
    } finally {
      await server3.stop();
    }
  });

  it("message:send: the limit is cluster-wide — sends on one instance count on the other (Redis)", async () => {
    // Their own Redis namespace: other suites' servers register from this IP too.
    const env = { RATE_LIMIT_SCALE: "0.3", REDIS_KEY_PREFIX: `parley-rl-${clientId()}` };
    const [a, b] = await Promise.all([startServer({ databaseUrl: db.url, redisUrl: REDIS_URL, env }), startServer({ databaseUrl: db.url, redisUrl: REDIS_URL, env })]);
    try {
      const dee = await registerUser(a.url, "Dee", "cluster-sender");
      const { body } = await api<{ room: RoomDTO }>(a.url, dee, "POST", "/api/rooms", { name: `rl2 ${clientId().slice(0, 6)}`, visibility: "PUBLIC" });
      const [sa, sb] = await Promise.all([connectUser(a.url, dee), connectUser(b.url, dee)]);
      sockets.push(sa, sb);
      const send = (s: ClientSocket, i: number) => emitAck(s, "message:send", { roomId: body.room.id, clientId: clientId(), body: `c${i}` });
      const onA: Ack<MessageSent>[] = [];
      for (let i = 0; i < 6; i++) onA.push(await send(sa, i));
      expect(onA.every((x) => x.ok)).toBe(true);
      await new Promise((r) => setTimeout(r, 300)); // a's counts reach Redis (every 50 ms)
      const onB: Ack<MessageSent>[] = [];
      for (let i = 6; i < 10; i++) onB.push(await send(sb, i));
      expect(onB.map((x) => x.ok)).toEqual([true, true, true, false]);
      const refused = onB[3];
      if (refused && !refused.ok) expect(refused.error.code).toBe("RATE_LIMITED");
      const history = await api<{ messages: unknown[] }>(a.url, dee, "GET", `/api/rooms/${body.room.id}/messages`);
      expect(history.body.messages).toHaveLength(9);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});

describe("connections per user", () => {
  it("refuses a 4th simultaneous socket with TOO_MANY_CONNECTIONS, and accepts again after one closes", async () => {
    const open = [await connectUser(url(), cy), await connectUser(url(), cy), await connectUser(url(), cy)];
    sockets.push(...open);
    const fourth = connect(url(), cy);
    const err = await new Promise<Error>((resolve) => fourth.once("connect_error", resolve));
    expect(err.message).toBe("TOO_MANY_CONNECTIONS");
    fourth.close();
    open[0]?.disconnect();
    await new Promise((r) => setTimeout(r, 200));
    sockets.push(await connectUser(url(), cy));
  });
});

describe("metrics", () => {
  it("requires the token when METRICS_TOKEN is set and exposes sockets, messages, latency, loop lag and the pool", async () => {
    expect((await fetch(`${url()}/metrics`)).status).toBe(401);
    const res = await fetch(`${url()}/metrics`, { headers: { authorization: "Bearer metrics-token-0123456789" } });
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const name of ["parley_sockets_connected", "parley_messages_stored_total", "parley_send_ack_seconds_bucket", "nodejs_eventloop_lag_seconds", "parley_db_pool_connections", "parley_socket_events_total", "process_resident_memory_bytes"]) {
      expect(text).toContain(name);
    }
  });
});
