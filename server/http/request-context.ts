/**
 * What the custom server adds to every HTTP request before Next sees it: the client IP (for
 * rate limits), a request id (for logs), and the security headers with a fresh CSP nonce.
 * Next reads the nonce from the request's Content-Security-Policy header and puts it on every
 * script it renders, so pages run without 'unsafe-inline' scripts.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isIP } from "node:net";
import type { Env } from "../env";

/** Set by the custom server (any value a client sent is overwritten). */
export const CLIENT_IP_HEADER = "x-parley-client-ip";
export const REQUEST_ID_HEADER = "x-request-id";

type HeaderGetter = { get(name: string): string | null };

function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * True unless the headers show a write coming from another site's page. `origins`: the app's
 * origin and any ALLOWED_ORIGINS.
 */
export function isSameOriginWrite(headers: HeaderGetter, origins: readonly string[]): boolean {
  const origin = headers.get("origin");
  if (origin) return origins.includes(origin);
  const site = headers.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const referer = headers.get("referer");
  if (referer) {
    const from = originOf(referer);
    return from !== null && origins.includes(from);
  }
  return true;
}

/**
 * The client's address. With `trustedHops` (TRUST_PROXY) proxies in front, each of which
 * appends the address it got the request from to X-Forwarded-For, the client is the entry
 * `trustedHops` from the right: everything left of it came from the client and proves nothing.
 * 0, or a header with fewer entries than that (a proxy missing), gives the TCP peer.
 */
export function clientIpOf(headers: IncomingMessage["headers"], remoteAddress: string | undefined, trustedHops: number): string {
  const peer = remoteAddress ?? "unknown";
  if (trustedHops <= 0) return peer;
  const raw = headers["x-forwarded-for"];
  const hops = (Array.isArray(raw) ? raw.join(",") : (raw ?? "")).split(",").map((h) => h.trim());
  const entry = hops.length >= trustedHops ? hops[hops.length - trustedHops] : undefined;
  return entry && isIP(entry) ? entry : peer;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The caller's x-request-id when it is sane (a proxy set it), else a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
}

export function contentSecurityPolicy(nonce: string, env: Pick<Env, "NODE_ENV" | "APP_ORIGIN">): string {
  const dev = env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts Next's nonce'd bootstrap loads are trusted; nothing inline else.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Styles: React and the virtualised list set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(env.APP_ORIGIN.startsWith("https:") ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Headers every response carries. */
export function securityHeaders(env: Pick<Env, "APP_ORIGIN">): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
    ...(env.APP_ORIGIN.startsWith("https:") ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

const AVATAR_PATH = /^\/api\/users\/[^/?]+\/avatar(?:\?|$)/;

/**
 * Decorate `req` (client IP, request id, CSP nonce for Next) and `res` (security headers,
 * x-request-id). Returns the request id.
 */
export function prepareRequest(req: IncomingMessage, res: ServerResponse, env: Env): string {
  const requestId = requestIdOf(req);
  req.headers[CLIENT_IP_HEADER] = clientIpOf(req.headers, req.socket.remoteAddress, env.TRUST_PROXY);
  req.headers[REQUEST_ID_HEADER] = requestId;
  // Served files carry their own, stricter policy (a sandbox); everything else gets the page CSP.
  if (!req.url?.startsWith("/api/attachments/") && !AVATAR_PATH.test(req.url ?? "")) {
    const csp = contentSecurityPolicy(randomBytes(16).toString("base64"), env);
    req.headers["content-security-policy"] = csp;
    res.setHeader("content-security-policy", csp);
  }
  for (const [name, value] of Object.entries(securityHeaders(env))) res.setHeader(name, value);
  res.setHeader(REQUEST_ID_HEADER, requestId);
  return requestId;
}
