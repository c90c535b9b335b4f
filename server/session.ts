/**
 * The one function that turns a request's next-auth session cookie into a signed-in user,
 * used by REST handlers, pages and the Socket.IO handshake alike. Every call re-reads the
 * user so a bumped `sessionVersion` (sign out everywhere, ban) takes effect at once.
 */
import { decode } from "next-auth/jwt";
import { getEnv } from "./env";
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

interface SessionClaims {
  uid: string;
  sv: number;
  /** Expiry, ms since the epoch. */
  expiresAt: number;
}

/**
 * Decoded tokens, by token. Decoding is an HKDF key derivation and a JWE decryption per call
 * (~2 % of a history request's CPU); a token's claims never change, so each is decoded once. Only
 * valid tokens are kept, each until its own expiry, at most MAX_DECODED of them (oldest out
 * first). Revocation does not depend on this: the user is re-read on every call.
 */
const MAX_DECODED = 10_000;
/** next-auth's decode accepts a token up to 15 s past its exp (jose's clockTolerance); so do we. */
const CLOCK_TOLERANCE_MS = 15_000;
const holder = globalThis as unknown as { __parleyDecodedSessions?: Map<string, SessionClaims> };
const decoded = (holder.__parleyDecodedSessions ??= new Map());

async function claimsOf(token: string, now = Date.now()): Promise<SessionClaims | null> {
  const known = decoded.get(token);
  if (known) {
    if (known.expiresAt > now) return known;
    decoded.delete(token);
    return null;
  }
  let payload;
  try {
    payload = await decode({ token, secret: getEnv().AUTH_SECRET });
  } catch {
    return null;
  }
  if (!payload?.uid) return null;
  // decode has already refused an expired token; one without an exp claim is kept for a minute.
  const expiresAt = typeof payload.exp === "number" ? payload.exp * 1000 + CLOCK_TOLERANCE_MS : now + 60_000;
  const claims = { uid: payload.uid, sv: payload.sv ?? -1, expiresAt };
  if (decoded.size >= MAX_DECODED) decoded.delete(decoded.keys().next().value as string);
  decoded.set(token, claims);
  return claims;
}

/** The user a next-auth session cookie belongs to, or null if absent, invalid, expired or revoked. */
export async function userFromSessionToken(token: string | undefined): Promise<CurrentUser | null> {
  if (!token) return null;
  const claims = await claimsOf(token);
  if (!claims) return null;
  return findSessionUser(claims.uid, claims.sv);
}
