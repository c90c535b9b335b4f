/**
 * The one place that turns a request's session cookie into a signed-in user, used by REST
 * handlers, pages, next-auth's own session endpoint and the Socket.IO handshake alike.
 * A session holds while its JWT is valid, its server-side session (`sid`, a `Session` row) is
 * neither revoked nor expired (cached: server/services/session-states.ts), and its user still
 * exists, is not banned and has the same `sessionVersion` (sign out everywhere, ban).
 */
import type { Runtime } from "./runtime";
import { findSessionUser } from "./services/users";
import type { CurrentUser } from "@/lib/shared/types";

/**
 * The session cookie for an origin (APP_ORIGIN), the one place its name and flags are decided.
 * https: Secure with the `__Secure-` prefix, which browsers accept only from a secure page, so
 * nobody on the network can plant one over plain HTTP; http (loopback, tests): the plain name.
 * next-auth writes it (server/auth.ts) and every reader reads only this name, through
 * sessionCookieOf.
 */
export function sessionCookie(appOrigin: string): { name: string; secure: boolean } {
  const secure = appOrigin.startsWith("https:");
  return { name: `${secure ? "__Secure-" : ""}next-auth.session-token`, secure };
}

/** What a request's Cookie header says about the session. */
export type SessionCookie = { kind: "none" } | { kind: "token"; token: string } | { kind: "conflict" };

function decodeCookieValue(raw: string): string {
  const unquoted = raw.length > 1 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  try {
    return decodeURIComponent(unquoted);
  } catch {
    return unquoted;
  }
}

/**
 * The session token in a raw Cookie header, under the origin's one cookie name. One rule for
 * REST, pages and sockets: two different session tokens in one request (the name twice, e.g. a
 * cookie tossed in by a sibling subdomain) are a conflict, which every caller refuses as unauthenticated — no reader
 * may pick the first while another picks the last.
 */
export function sessionCookieOf(cookieHeader: string | null | undefined, appOrigin: string): SessionCookie {
  const name = sessionCookie(appOrigin).name;
  const tokens = new Set<string>();
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = decodeCookieValue(part.slice(eq + 1).trim());
    if (value) tokens.add(value);
  }
  const [token, ...others] = tokens;
  if (token === undefined) return { kind: "none" };
  return others.length > 0 ? { kind: "conflict" } : { kind: "token", token };
}

export interface SignedInSession {
  user: CurrentUser;
  sessionId: string;
}

/** What a session's JWT claims, as next-auth's callbacks and SessionDecoder both see them. */
export interface SessionClaimsLike {
  uid?: string;
  sv?: number;
  sid?: string | null;
}

/** The user and session behind decoded claims, or null if the session ended (revoked, expired, banned, signed out everywhere) or predates server-side sessions. */
export async function sessionOfClaims(rt: Runtime, claims: SessionClaimsLike): Promise<SignedInSession | null> {
  // A token from before server-side sessions has no sid: refused, its user signs in again.
  if (!claims.uid || !claims.sid) return null;
  if (!(await rt.sessionStates.isActive(claims.sid, claims.uid))) return null;
  const user = await findSessionUser(rt, claims.uid, claims.sv ?? -1);
  return user ? { user, sessionId: claims.sid } : null;
}

/** The signed-in session of a request's Cookie header, or null (absent, invalid, ended, or two conflicting cookies). */
export async function sessionOfCookies(rt: Runtime, cookieHeader: string | null | undefined): Promise<SignedInSession | null> {
  const cookie = sessionCookieOf(cookieHeader, rt.env.APP_ORIGIN);
  if (cookie.kind !== "token") return null;
  const claims = await rt.sessions.claimsOf(cookie.token);
  return claims ? sessionOfClaims(rt, claims) : null;
}
