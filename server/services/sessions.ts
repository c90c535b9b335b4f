/**
 * Decoded session tokens, by token. Decoding is an HKDF key derivation and a JWE decryption per
 * call (~2 % of a history request's CPU); a token's claims never change, so each is decoded once.
 * Only valid tokens are kept, each until its own expiry, at most MAX_DECODED of them (oldest out
 * first). Revocation does not depend on this: the server-side session (`sid`, ./session-states.ts)
 * and the user are checked on every call (server/session.ts).
 */
import { decode } from "next-auth/jwt";

export interface SessionClaims {
  uid: string;
  sv: number;
  /** The server-side session's id; null in a token issued before sessions existed (refused). */
  sid: string | null;
  /** Expiry, ms since the epoch. */
  expiresAt: number;
}

const MAX_DECODED = 10_000;
/** next-auth's decode accepts a token up to 15 s past its exp (jose's clockTolerance); so do we. */
const CLOCK_TOLERANCE_MS = 15_000;

export class SessionDecoder {
  private readonly decoded = new Map<string, SessionClaims>();

  constructor(private readonly secret: string) {}

  async claimsOf(token: string, now = Date.now()): Promise<SessionClaims | null> {
    const known = this.decoded.get(token);
    if (known) {
      if (known.expiresAt > now) return known;
      this.decoded.delete(token);
      return null;
    }
    let payload;
    try {
      payload = await decode({ token, secret: this.secret });
    } catch {
      return null;
    }
    if (!payload?.uid) return null;
    // decode has already refused an expired token; one without an exp claim is kept for a minute.
    const expiresAt = typeof payload.exp === "number" ? payload.exp * 1000 + CLOCK_TOLERANCE_MS : now + 60_000;
    const claims = { uid: payload.uid, sv: payload.sv ?? -1, sid: typeof payload.sid === "string" ? payload.sid : null, expiresAt };
    if (this.decoded.size >= MAX_DECODED) this.decoded.delete(this.decoded.keys().next().value as string);
    this.decoded.set(token, claims);
    return claims;
  }
}
