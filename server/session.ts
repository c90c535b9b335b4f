/**
 * The one function that turns a request's next-auth session cookie into a signed-in user,
 * used by REST handlers, pages and the Socket.IO handshake alike. Every call re-reads the
 * user so a bumped `sessionVersion` (sign out everywhere, ban) takes effect at once.
 */
import type { Runtime } from "./runtime";
import { findSessionUser } from "./services/users";
import type { CurrentUser } from "@/lib/shared/types";

/**
 * The session cookie for an origin (APP_ORIGIN), the one place its name and flags are decided.
 * https: Secure with the `__Secure-` prefix, which browsers accept only from a secure page, so
 * nobody on the network can plant one over plain HTTP; http (loopback, tests): the plain name.
 * next-auth writes it (server/auth.ts) and every reader reads only this name.
 */
export function sessionCookie(appOrigin: string): { name: string; secure: boolean } {
  const secure = appOrigin.startsWith("https:");
  return { name: `${secure ? "__Secure-" : ""}next-auth.session-token`, secure };
}

/** Read the session cookie through a getter (Next's cookies(), a NextRequest, a parsed header). */
export function sessionTokenFrom(get: (name: string) => string | undefined, appOrigin: string): string | undefined {
  return get(sessionCookie(appOrigin).name) || undefined;
}

/** The user a next-auth session cookie belongs to, or null if absent, invalid, expired or revoked. */
export async function userFromSessionToken(rt: Runtime, token: string | undefined): Promise<CurrentUser | null> {
  if (!token) return null;
  const claims = await rt.sessions.claimsOf(token);
  if (!claims) return null;
  return findSessionUser(rt, claims.uid, claims.sv);
}
