/**
 * next-auth configuration (credentials provider, JWT sessions) and the page helper.
 * Turning a cookie into a user lives in ./session, shared with the Socket.IO handshake.
 */
import { currentRuntime, type Runtime } from "./runtime";
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { isAppError } from "@/lib/shared/errors";
import { SIGNIN_RATE_LIMITED } from "@/lib/shared/auth";
import { TWO_FACTOR_INVALID, TWO_FACTOR_REQUIRED } from "@/lib/shared/two-factor";
import { CLIENT_IP_HEADER } from "./http/request-context";
import { verifyCredentials } from "./services/users";
import { sessionCookie, sessionOfClaims, sessionOfCookies } from "./session";
import { SESSION_MAX_AGE_S } from "./services/session-states";
import { signOutSession, startSession, type SessionClient } from "./services/user-sessions";
import type { CurrentUser, Theme } from "@/lib/shared/types";
import { getTheme } from "./services/theme";
import { signInSecondFactor } from "./services/two-factor";
import { banErrorCode } from "@/lib/shared/moderation";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string; role: CurrentUser["role"] };
  }
  interface User {
    role: CurrentUser["role"];
    sessionVersion: number;
    /** Where the sign-in came from, for the session row the jwt callback starts. */
    client: SessionClient;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: CurrentUser["role"];
    sv?: number;
    /** The server-side session (a `Session` row); absent in tokens issued before sessions existed. */
    sid?: string;
  }
}

/**
 * Thrown from the session callback for a cookie whose session ended: next-auth then answers
 * `GET /api/auth/session` with `{}` and clears the cookie, instead of the token's name and email.
 */
const SESSION_ENDED = "PARLEY_SESSION_ENDED";

function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== "object") return undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : undefined;
}

export function getAuthOptions(rt: Runtime): NextAuthOptions {
  const env = rt.env;
  const cookie = sessionCookie(env.APP_ORIGIN);
  return {
    secret: env.AUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    // https: every next-auth cookie Secure and prefixed (__Secure-, __Host-), whatever NEXTAUTH_URL says.
    useSecureCookies: cookie.secure,
    cookies: { sessionToken: { name: cookie.name, options: { httpOnly: true, sameSite: "lax", path: "/", secure: cookie.secure } } },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        // otp / recoveryCode: the second step of an account with two-factor on (docs/two-factor.md).
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" }, otp: { label: "Authentication code", type: "text" }, recoveryCode: { label: "Recovery code", type: "text" } },
        async authorize(credentials, req) {
          // Brute force: attempts per IP, failures per account. The thrown code reaches the
          // sign-in form as `error` (next-auth passes an authorize error's message through).
          const ip = headerOf(req?.headers, CLIENT_IP_HEADER) ?? "unknown";
          const account = typeof credentials?.email === "string" ? credentials.email.trim().toLowerCase().slice(0, 320) : "";
          try {
            await rt.limits.consume("signin:ip", ip);
            if (account) await rt.limits.check("signin:account", account);
          } catch (e) {
            if (isAppError(e) && e.code === "RATE_LIMITED") throw new Error(SIGNIN_RATE_LIMITED);
            throw e;
          }
          const user = await verifyCredentials(rt, credentials).catch((e: unknown) => {
            // next-auth hands a thrown error's message to the sign-in page as `?error=`.
            if (isAppError(e) && e.code === "BANNED") {
              throw new Error(banErrorCode({ reason: String(e.details?.reason ?? ""), until: (e.details?.until as string | null) ?? null }));
            }
            throw e;
          });
          if (!user) {
            if (account) await rt.limits.consume("signin:account", account).catch(() => undefined);
            return null;
          }
          if (account) await rt.limits.reset("signin:account", account);
          // The password was right: an account with two-factor on needs its code too. The form
          // sends the password again with the code; a wrong one counts against two-factor:account.
          const second = await signInSecondFactor(rt, user.id, credentials).catch((e: unknown) => {
            if (isAppError(e) && e.code === "RATE_LIMITED") throw new Error(SIGNIN_RATE_LIMITED);
            throw e;
          });
          if (second.outcome === "required") throw new Error(TWO_FACTOR_REQUIRED);
          if (second.outcome === "invalid") throw new Error(TWO_FACTOR_INVALID);
          const client = { userAgent: headerOf(req?.headers, "user-agent") ?? "", ip };
          return { id: user.id, name: user.name, email: user.email, role: user.role, sessionVersion: user.sessionVersion, client };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        // At sign-in (only then is `user` given): the server-side session this cookie will carry.
        if (user) {
          token.uid = user.id;
          token.role = user.role;
          token.sv = user.sessionVersion;
          token.sid = await startSession(rt, user.id, user.client);
        }
        return token;
      },
      async session({ session, token }) {
        const current = await sessionOfClaims(rt, token);
        if (!current) throw new Error(SESSION_ENDED);
        const { user } = current;
        session.user = { id: user.id, name: user.name, email: user.email, role: user.role };
        return session;
      },
    },
    events: {
      // POST /api/auth/signout: the cookie's session ends for good, not only in this browser.
      async signOut({ token }) {
        if (token?.uid && token.sid) await signOutSession(rt, token.uid, token.sid);
      },
    },
    logger: {
      error(code, metadata) {
        // An ended session is an answer, not an error.
        if (code === "JWT_SESSION_ERROR" && metadata instanceof Error && metadata.message === SESSION_ENDED) return;
        rt.log.warn(`next-auth: ${code}`, { err: metadata });
      },
      warn(code) {
        rt.log.warn(`next-auth: ${code}`);
      },
      debug() {},
    },
  };
}

/** For server components and pages: the signed-in user or null. */
export async function getSessionUser(): Promise<CurrentUser | null> {
  const session = await sessionOfCookies(currentRuntime(), (await headers()).get("cookie"));
  return session?.user ?? null;
}

/**
 * For the root layout: the theme to render on <html>: the signed-in user's choice, SYSTEM when
 * signed out. Cosmetic, so a failed lookup renders SYSTEM rather than an error page.
 */
export async function getSessionTheme(): Promise<Theme> {
  try {
    const user = await getSessionUser();
    return user ? await getTheme(currentRuntime(), user.id) : "SYSTEM";
  } catch {
    return "SYSTEM";
  }
}
