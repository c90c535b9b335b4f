/**
 * The one function that turns a request's next-auth session cookie into a signed-in user,
 * used by REST handlers, pages and the Socket.IO handshake alike. Every call re-reads the
 * user so a bumped `sessionVersion` (sign out everywhere, ban) takes effect at once.
 */
import type { Runtime } from "./runtime";
import { findSessionUser } from "./services/users";
import type { CurrentUser } from "@/lib/shared/types";

/** next-auth's cookie names, for https and for http origins. */
export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/** Read the session cookie through a getter (Next's cookies(), a NextRequest, a parsed header). */
export function sessionTokenFrom(get: (name: string) => string | undefined): string | undefined {
  for (const name of SESSION_COOKIES) {
    const value = get(name);
    if (value) return value;
  }
  return undefined;
}

/** The user a next-auth session cookie belongs to, or null if absent, invalid, expired or revoked. */
export async function userFromSessionToken(rt: Runtime, token: string | undefined): Promise<CurrentUser | null> {
  if (!token) return null;
  const claims = await rt.sessions.claimsOf(token);
  if (!claims) return null;
  return findSessionUser(rt, claims.uid, claims.sv);
}
