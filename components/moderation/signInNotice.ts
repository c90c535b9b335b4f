/** Sign-in page messages for moderation outcomes (`?error=` from next-auth or the session-ended redirect). */
import { SIGNIN_RATE_LIMITED } from "@/lib/shared/auth";
import { banMessage, parseBanErrorCode } from "@/lib/shared/moderation";

/** What the server answered to a sign-in attempt (trusted: it comes from next-auth's response, not the URL). */
export function signInErrorMessage(code: string): string | null {
  const ban = parseBanErrorCode(code);
  if (ban) return banMessage(ban);
  if (code === "SessionEnded") return "You were signed out. Sign in again to continue.";
  return null;
}

/** Fixed wording for each `?error=` code the sign-in page knows; anyone can write a link, so nothing from the URL is shown. */
const PAGE_MESSAGES: Record<string, string> = {
  CredentialsSignin: "That email and password don’t match an account.",
  SessionRequired: "Please sign in to continue.",
  SessionEnded: "You were signed out. Sign in again to continue.",
  [SIGNIN_RATE_LIMITED]: "Too many sign-in attempts. Wait a few minutes and try again.",
  BANNED: "Your account is banned. Sign in to see the reason and how long the ban lasts.",
  // Single sign-on (server/auth.ts signIn callback, and next-auth's own codes for a provider that failed).
  SsoEmailUnverified: "Your identity provider did not confirm an email address for you, so Parley cannot sign you in with it.",
  SsoSignupClosed: "This server does not take new accounts through single sign-on: ask an admin for an invitation.",
  SsoFailed: "Single sign-on failed. Try again.",
  OAuthSignin: "Could not reach the identity provider. Try again later.",
  OAuthCallback: "The identity provider’s answer could not be used. Try again.",
  AccessDenied: "Single sign-on was cancelled or refused.",
  SsoOnly: "This server signs people in with single sign-on only.",
};

const BAN_KEY = "parley:ban";

/** Before the session-ended redirect: keep the (server-sent) ban for the sign-in page of this tab. */
export function rememberBan(ban: { reason: string; until: string | null }): void {
  try {
    sessionStorage.setItem(BAN_KEY, JSON.stringify({ reason: ban.reason, until: ban.until }));
  } catch {
    // Storage off: the page shows the fixed wording.
  }
}

export function forgetBan(): void {
  try {
    sessionStorage.removeItem(BAN_KEY);
  } catch {
    // nothing kept
  }
}

/** The ban this tab was redirected for, worded in full; null when there is none. */
export function rememberedBanMessage(): string | null {
  try {
    const raw = sessionStorage.getItem(BAN_KEY);
    const ban: unknown = raw ? JSON.parse(raw) : null;
    if (typeof ban !== "object" || ban === null || !("reason" in ban) || !("until" in ban)) return null;
    const { reason, until } = ban;
    return typeof reason === "string" && (until === null || typeof until === "string") ? banMessage({ reason, until }) : null;
  } catch {
    return null;
  }
}

/** The sign-in page's notice for `?error=<code>`: a known code's fixed text, or a generic one. */
export function signInPageMessage(code: string): string {
  const known = signInPageCode(code);
  return Object.hasOwn(PAGE_MESSAGES, known) ? PAGE_MESSAGES[known]! : "Sign-in failed. Try again.";
}

/** The known code a `?error=` value stands for (a ban code carries details: only its kind counts). */
export function signInPageCode(code: string): string {
  return code.startsWith("BANNED|") ? "BANNED" : code;
}
