/** Real clients for integration tests: register and sign in over HTTP, connect typed sockets. */
import { randomBytes } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import type { Ack, ClientToServerEvents, ServerToClientEvents } from "@/lib/shared/events";
import type { CurrentUser } from "@/lib/shared/types";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestUser {
  user: CurrentUser;
  email: string;
  password: string;
  /** Cookie header carrying the next-auth session. */
  cookie: string;
}

function cookiesFrom(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
}

export function uniqueEmail(tag = "user"): string {
  return `${tag}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}@example.test`;
}

/** next-auth's own credentials flow: csrf token, then the callback; returns the cookie header. */
export async function signIn(baseUrl: string, email: string, password: string, opts: { userAgent?: string } = {}): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesFrom(csrfRes);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), ...(opts.userAgent ? { "user-agent": opts.userAgent } : {}) },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = cookiesFrom(res).find((c) => c.includes("session-token="));
  if (!session) throw new Error(`sign-in failed for ${email}: HTTP ${res.status}`);
  return session;
}

export async function registerUser(baseUrl: string, name = "Tester", tag = "user"): Promise<TestUser> {
  const email = uniqueEmail(tag);
  const password = `pw-${randomBytes(6).toString("hex")}`;
  const res = await fetch(`${baseUrl}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password, name }),
  });
  // 202 { status: "check-email" } whatever the address; with verification OPTIONAL (the default) the account signs in at once.
  if (res.status !== 202) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  const cookie = await signIn(baseUrl, email, password);
  // next-auth's session endpoint, not /api/me: it reads the user from the database without
  // warming the moderation cache, so a role set in SQL right after (registerWithRole) still counts.
  const session = await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie } });
  const { user } = (await session.json()) as { user?: Omit<CurrentUser, "avatarUrl"> };
  if (!user?.id) throw new Error(`no session after registering ${email}: ${session.status}`);
  return { user: { id: user.id, name: user.name, email: user.email, role: user.role, avatarUrl: null }, email, password, cookie };
}

/** next-auth's sign-out (`POST /api/auth/signout` with its csrf token), as the browser does it. */
export async function signOut(baseUrl: string, sessionCookie: string): Promise<number> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie: sessionCookie } });
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: [sessionCookie, ...cookiesFrom(csrfRes)].join("; "), origin: baseUrl },
    body: new URLSearchParams({ csrfToken, json: "true" }),
  });
  return res.status;
}

/** fetch with the user's cookie and JSON in/out. */
export async function api<T = unknown>(
  baseUrl: string,
  who: TestUser | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(who ? { cookie: who.cookie } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

export function connect(baseUrl: string, who: TestUser | null, opts: { origin?: string | null } = {}): ClientSocket {
  const headers: Record<string, string> = {};
  if (who) headers.cookie = who.cookie;
  const origin = opts.origin === undefined ? baseUrl : opts.origin;
  if (origin) headers.origin = origin;
  return io(baseUrl, { transports: ["websocket"], extraHeaders: headers, reconnection: false, forceNew: true });
}

export function connected(socket: ClientSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once("connect", () => resolve());
    socket.once("connect_error", (err) => reject(err));
  });
}

/** How a handshake ends: "connected" or the connect_error message; the socket is closed either way. */
export async function handshakeOutcome(s: ClientSocket): Promise<string> {
  try {
    return await new Promise<string>((resolve) => {
      s.once("connect", () => resolve("connected"));
      s.once("connect_error", (err) => resolve(err.message));
    });
  } finally {
    s.close();
  }
}

export async function connectUser(baseUrl: string, who: TestUser): Promise<ClientSocket> {
  const s = connect(baseUrl, who);
  await connected(s);
  return s;
}

type EventName = keyof ClientToServerEvents;
type PayloadOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[0];
type DataOf<E extends EventName> = Parameters<ClientToServerEvents[E]>[1] extends ((r: Ack<infer T>) => void) | undefined ? T : never;

/** Emit with an ack and resolve with the ack (5 s timeout). */
export function emitAck<E extends EventName>(socket: ClientSocket, event: E, payload: PayloadOf<E>): Promise<Ack<DataOf<E>>> {
  // The typed emit signature is too specific for a generic wrapper; the contract types the result.
  const untyped = socket.timeout(5000) as unknown as { emit(ev: string, p: unknown, cb: (err: Error | null, r: unknown) => void): void };
  return new Promise((resolve, reject) => {
    untyped.emit(event, payload, (err, response) => (err ? reject(err) : resolve(response as Ack<DataOf<E>>)));
  });
}

/** Emit raw, untyped data (for malformed-payload tests). */
export function emitRaw(socket: ClientSocket, event: string, ...args: unknown[]): Promise<unknown> {
  const untyped = socket.timeout(5000) as unknown as { emit(ev: string, ...a: unknown[]): void };
  return new Promise((resolve, reject) => untyped.emit(event, ...args, (err: Error | null, r: unknown) => (err ? reject(err) : resolve(r))));
}

export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  predicate: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true,
  timeoutMs = 5000,
): Promise<Parameters<ServerToClientEvents[E]>> {
  return new Promise((resolve, reject) => {
    const untyped = socket as unknown as { on(ev: string, fn: (...a: unknown[]) => void): void; off(ev: string, fn: (...a: unknown[]) => void): void };
    const timer = setTimeout(() => {
      untyped.off(event, handler);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const handler = (...args: unknown[]) => {
      const typed = args as Parameters<ServerToClientEvents[E]>;
      if (!predicate(...typed)) return;
      clearTimeout(timer);
      untyped.off(event, handler);
      resolve(typed);
    };
    untyped.on(event, handler);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function clientId(): string {
  return randomBytes(12).toString("hex");
}
