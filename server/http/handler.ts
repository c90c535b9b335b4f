/**
 * Thin REST plumbing shared by every route handler: authenticate, read a capped JSON body,
 * map AppError codes to HTTP statuses, never leak internals.
 */
import "server-only";
import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { AppError, httpStatus } from "@/lib/shared/errors";
import type { CurrentUser } from "@/lib/shared/types";
import { currentRuntime, type Runtime } from "../runtime";
import { toAppError } from "../services/errors";
import { retryAfterSeconds, type RateLimitName } from "../services/rate-limit";
import { refuseBanned } from "../services/send-guard";
import { sessionOfCookies, type SignedInSession } from "../session";
import { CLIENT_IP_HEADER, isSameOriginWrite } from "./request-context";

/** REST bodies larger than this are refused with 413 before parsing. */
export const MAX_JSON_BODY_BYTES = 16 * 1024;

export function json(data: unknown, status = 200): NextResponse {
  return NextResponse.json(data, { status, headers: { "cache-control": "no-store" } });
}

export function errorResponse(e: unknown, rt?: Runtime): NextResponse {
  const err = toAppError(e);
  if (err.code === "INTERNAL") rt?.log.error("request failed", { err: e });
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (err.code === "UNAVAILABLE") headers["retry-after"] = "2";
  if (err.code === "RATE_LIMITED") headers["retry-after"] = retryAfterSeconds(err);
  return NextResponse.json({ error: err.toBody() }, { status: httpStatus[err.code], headers });
}

/** Parse the request body as a JSON object, refusing oversized and malformed bodies. */
export async function readJson(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_JSON_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `The body must be at most ${MAX_JSON_BODY_BYTES} bytes.`);
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_JSON_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `The body must be at most ${MAX_JSON_BODY_BYTES} bytes.`);
  if (text.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not an object");
    return value;
  } catch {
    throw new AppError("BAD_REQUEST", "The body must be a JSON object.");
  }
}

/** The client's IP, as the custom server determined it (server/http/request-context.ts). */
export function clientIp(req: Request): string {
  return req.headers.get(CLIENT_IP_HEADER) ?? "unknown";
}

/**
 * CSRF: cookie-authenticated writes must come from the app's own pages. Browsers send Origin
 * on every cross-site (and same-site) POST/PATCH/PUT/DELETE; where a privacy setting strips it,
 * Sec-Fetch-Site or the Referer still tell. A request carrying none of the three is not from a
 * browser page (curl, a native client) and so cannot carry a victim's cookies by accident.
 * SameSite=Lax cookies are the second line of defence.
 */
export function requireSameOrigin(rt: Runtime, req: Request): void {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return;
  if (!isSameOriginWrite(req.headers, rt.env.ALLOWED_ORIGINS)) throw new AppError("FORBIDDEN", "Cross-site request refused.");
}

export async function requireSession(rt: Runtime, req: NextRequest): Promise<SignedInSession> {
  const session = await sessionOfCookies(rt, req.headers.get("cookie"));
  if (!session) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  return session;
}

export type Params = Record<string, string>;
interface RouteContext<P extends Params> {
  params: Promise<P>;
}

export interface AuthedArgs<P extends Params> {
  rt: Runtime;
  req: NextRequest;
  user: CurrentUser;
  /** The server-side session the request came with. */
  sessionId: string;
  params: P;
}

export interface RouteOptions {
  /** The rate limit this route counts against (server/services/limits-table.ts); writes default to `rest.write:user`. */
  limit?: RateLimitName;
}

const isWrite = (req: Request) => req.method !== "GET" && req.method !== "HEAD" && req.method !== "OPTIONS";

/** A route handler for a signed-in user. */
export function authed<P extends Params = Params>(run: (args: AuthedArgs<P>) => Promise<Response>, options: RouteOptions = {}) {
  return async (req: NextRequest, ctx: RouteContext<P>): Promise<Response> => {
    let rt: Runtime | undefined;
    try {
      rt = currentRuntime();
      requireSameOrigin(rt, req);
      const { user, sessionId } = await requireSession(rt, req);
      await refuseBanned(rt, user.id);
      const limit = options.limit ?? (isWrite(req) ? "rest.write:user" : null);
      if (limit) await rt.limits.consumeAs(limit, user, clientIp(req));
      return await run({ rt, req, user, sessionId, params: await ctx.params });
    } catch (e) {
      return errorResponse(e, rt);
    }
  };
}

/** A route handler open to anyone (registration, health). */
export function open(run: (args: { rt: Runtime; req: NextRequest }) => Promise<Response>) {
  return async (req: NextRequest): Promise<Response> => {
    let rt: Runtime | undefined;
    try {
      rt = currentRuntime();
      requireSameOrigin(rt, req);
      return await run({ rt, req });
    } catch (e) {
      return errorResponse(e, rt);
    }
  };
}
