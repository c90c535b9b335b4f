/**
 * TLS end to end: the loopback cluster in TLS mode (npm run cluster -- --tls), nginx ending TLS
 * with a certificate from a CA made for the run, as docker-compose.yml runs it. Two people sign
 * in over https and chat over wss:// through nginx, trusting only that CA; the session cookie is
 * Secure, HttpOnly, SameSite=Lax and __Secure- prefixed; plain HTTP is redirected to https.
 */
import https from "node:https";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoomDTO } from "@/lib/shared/types";
import { startCluster, type Cluster } from "../../scripts/cluster/topology";
import { clientId, connected, emitAck, nextEvent, uniqueEmail, type ClientSocket } from "../helpers/clients";

let cluster: Cluster;
let ca: string;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  cluster = await startCluster({ tls: true });
  if (!cluster.tls) throw new Error("the cluster did not start in TLS mode");
  ca = cluster.tls.ca;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await cluster?.stop();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request over https to nginx, trusting only the cluster's CA (and never Node's default store). */
function request(method: string, path: string, opts: { headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = https.request(`${cluster.url}${path}`, { method, ca, agent: false, headers: opts.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.once("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.once("error", reject);
    req.end(opts.body);
  });
}

const setCookies = (a: Answer) => (a.headers["set-cookie"] as string[] | undefined) ?? [];
const pair = (setCookie: string) => setCookie.split(";")[0] ?? "";

interface Person {
  id: string;
  cookie: string;
  /** The session cookie's Set-Cookie line as the browser got it. */
  setCookie: string;
}

/** Register, then next-auth's credentials sign-in, all over https. */
async function signUp(name: string): Promise<Person> {
  const email = uniqueEmail("tls");
  const password = `pw-${clientId().slice(0, 12)}`;
  const json = { "content-type": "application/json", origin: cluster.url };
  const reg = await request("POST", "/api/auth/register", { headers: json, body: JSON.stringify({ email, password, name }) });
  expect(reg.status, reg.body).toBe(202);
  const csrf = await request("GET", "/api/auth/csrf");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const signIn = await request("POST", "/api/auth/callback/credentials", {
    headers: { "content-type": "application/x-www-form-urlencoded", origin: cluster.url, cookie: setCookies(csrf).map(pair).join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
  });
  const setCookie = setCookies(signIn).find((c) => c.includes("session-token="));
  if (!setCookie) throw new Error(`sign-in failed: HTTP ${signIn.status} ${signIn.body}`);
  const me = await request("GET", "/api/auth/session", { headers: { cookie: pair(setCookie) } });
  const id = (JSON.parse(me.body) as { user: { id: string } }).user.id;
  return { id, cookie: pair(setCookie), setCookie };
}

/** A Socket.IO client over wss:// through nginx, trusting the cluster's CA. */
async function connectTls(who: Person): Promise<ClientSocket> {
  const s: ClientSocket = io(cluster.url, { transports: ["websocket"], ca, extraHeaders: { cookie: who.cookie, origin: cluster.url }, reconnection: false, forceNew: true });
  sockets.push(s);
  await connected(s);
  return s;
}

describe("TLS end to end through nginx", () => {
  let ana: Person;
  let bo: Person;

  beforeAll(async () => {
    ana = await signUp("Ana");
    bo = await signUp("Bo");
  });

  it("sets the session cookie Secure, HttpOnly, SameSite=Lax and __Secure- prefixed, and accepts only that name", async () => {
    for (const p of [ana, bo]) {
      expect(p.setCookie).toMatch(/^__Secure-next-auth\.session-token=/);
      const flags = p.setCookie.split(";").map((f) => f.trim().toLowerCase());
      expect(flags).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));
    }
    expect((await request("GET", "/api/rooms", { headers: { cookie: ana.cookie } })).status).toBe(200);
    // The same token under the unprefixed name, as a network attacker could plant it over http: refused.
    const unprefixed = ana.cookie.replace(/^__Secure-/, "");
    expect((await request("GET", "/api/rooms", { headers: { cookie: unprefixed } })).status).toBe(401);
    const s = io(cluster.url, { transports: ["websocket"], ca, extraHeaders: { cookie: unprefixed, origin: cluster.url }, reconnection: false, forceNew: true });
    sockets.push(s);
    expect(await new Promise((resolve) => s.once("connect_error", (e) => resolve(e.message)))).toBe("UNAUTHENTICATED");
  });

  it("chats over wss://: a message one sends reaches the other", async () => {
    const created = await request("POST", "/api/rooms", {
      headers: { cookie: ana.cookie, origin: cluster.url, "content-type": "application/json" },
      body: JSON.stringify({ name: `tls ${clientId().slice(0, 6)}`, visibility: "PUBLIC" }),
    });
    expect(created.status, created.body).toBe(201);
    const roomId = (JSON.parse(created.body) as { room: RoomDTO }).room.id;
    const join = await request("POST", `/api/rooms/${roomId}/join`, { headers: { cookie: bo.cookie, origin: cluster.url } });
    expect(join.status, join.body).toBe(200);

    const sa = await connectTls(ana);
    const sb = await connectTls(bo);
    expect(sa.io.engine.transport.name).toBe("websocket");
    expect((await emitAck(sa, "room:join", { roomId })).ok).toBe(true);
    expect((await emitAck(sb, "room:join", { roomId })).ok).toBe(true);
    const got = nextEvent(sb, "message:new", (m) => m.roomId === roomId);
    const ack = await emitAck(sa, "message:send", { roomId, clientId: clientId(), body: "over wss" });
    expect(ack.ok).toBe(true);
    const [m] = await got;
    expect(m).toMatchObject({ body: "over wss", author: { id: ana.id } });
  });

  it("sends HSTS once on every answer", async () => {
    for (const path of ["/signin", "/api/health", "/api/rooms"]) {
      const res = await request("GET", path);
      expect(res.headers["strict-transport-security"], path).toBe("max-age=31536000; includeSubDomains");
    }
  });

  it("redirects plain HTTP to https, permanently, keeping the path and query", async () => {
    for (const method of ["GET", "POST"]) {
      const res = await fetch(`${cluster.tls?.httpUrl}/chat/general?x=1`, { method, redirect: "manual" });
      expect([301, 308], method).toContain(res.status);
      expect(res.headers.get("location")).toBe(`${cluster.url}/chat/general?x=1`);
    }
  });
});
