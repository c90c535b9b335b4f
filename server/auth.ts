/**
 * next-auth configuration (credentials provider, JWT sessions) and the page helper.
 * Turning a cookie into a user lives in ./session, shared with the Socket.IO handshake.
 */
import { currentRuntime, type Runtime } from "./runtime";
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
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
import type { Env } from "./env";
import { isBan, OIDC_PROVIDER_ID, resolveSsoSignIn } from "./services/sso";

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

/** The claims Parley reads from an OpenID Connect provider's ID token. */
interface OidcClaims {
  sub: string;
  email?: string;
  email_verified?: boolean | string;
  name?: string;
  preferred_username?: string;
}

/** The configured OpenID Connect provider (OIDC_ISSUER…), or none. */
function oidcProvider(env: Env): OAuthConfig<OidcClaims>[] {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: OIDC_PROVIDER_ID,
      name: env.OIDC_NAME,
      type: "oauth",
      wellKnown: `${env.OIDC_ISSUER.replace(/\/+$/, "")}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      // The ID token (verified against the provider's keys) is the identity; providers that keep
      // email and name out of it (they may: OpenID Connect Core 5.4) give them at userinfo.
      userinfo: {
        async request({ tokens, client }) {
          // At run time a verified TokenSet (next-auth's types say only its parameters).
          const claims = (tokens as unknown as { claims(): OidcClaims }).claims();
          if (claims.email || !tokens.access_token) return claims;
          const info = (await client.userinfo(tokens.access_token)) as unknown as Partial<OidcClaims>;
          if (info.sub !== claims.sub) throw new Error("userinfo is about someone else than the ID token");
          return { ...claims, email: info.email, email_verified: info.email_verified, name: claims.name ?? info.name, preferred_username: claims.preferred_username ?? info.preferred_username };
        },
      },
      // Placeholders: the signIn callback resolves the Parley user and fills these in.
      profile: (claims) => ({ id: claims.sub, name: claims.name ?? claims.preferred_username ?? "", email: claims.email ?? "", role: "MEMBER", sessionVersion: 0, client: { userAgent: "", ip: "" } }),
    },
  ];
}

/** Whether the provider's claims say the email is verified (some send the string "true"). */
const emailVerified = (claims: OidcClaims) => claims.email_verified === true || claims.email_verified === "true";

/** Email and password (off when AUTH_SSO_ONLY). */
function passwordProvider(rt: Runtime) {
  return CredentialsProvider({
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
  });
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
    // A failed single sign-on lands on the sign-in page with its code, not next-auth's own page.
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      ...oidcProvider(env),
      ...(env.AUTH_SSO_ONLY ? [] : [passwordProvider(rt)]),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const claims = profile as OidcClaims | undefined;
        if (!claims?.sub) return "/signin?error=SsoFailed";
        try {
          const outcome = await resolveSsoSignIn(rt, OIDC_PROVIDER_ID, { subject: claims.sub, email: claims.email ?? null, emailVerified: emailVerified(claims), name: claims.name ?? claims.preferred_username ?? null });
          if (outcome.kind === "refused") return `/signin?error=${outcome.code}`;
          if (outcome.kind === "link") return `/link-account/${outcome.token}`;
          const h = await headers();
          const { id, name, email, role, sessionVersion } = outcome.user;
          // next-auth hands this same object to the jwt callback, which starts the session.
          Object.assign(user, { id, name, email, role, sessionVersion, client: { userAgent: h.get("user-agent") ?? "", ip: h.get(CLIENT_IP_HEADER) ?? "unknown" } });
          return true;
        } catch (e) {
          if (isBan(e)) return `/signin?error=${encodeURIComponent(banErrorCode({ reason: String(e.details?.reason ?? ""), until: (e.details?.until as string | null) ?? null }))}`;
          rt.log.error("single sign-on failed", { err: e });
          return "/signin?error=SsoFailed";
        }
      },
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
