/** Sign-in page messages for moderation outcomes (`?error=` from next-auth or the session-ended redirect). */
import { SIGNIN_RATE_LIMITED } from "@/lib/shared/auth";
import { formatUntil, parseBanErrorCode } from "@/lib/shared/moderation";
import type en from "@/messages/en.json";

/** The texts of this file, `auth.notices` in the catalogue: `useTranslations("auth.notices")` or `getTranslations("auth.notices")`. */
export type NoticeKey = keyof (typeof en)["auth"]["notices"];
export type NoticeTranslator = (key: NoticeKey, values?: Record<string, string>) => string;

/** A ban worded in full (the time as the server's `banMessage` writes it, so both read the same). */
function banNotice(t: NoticeTranslator, ban: { reason: string; until: string | null }): string {
  return ban.until ? t("bannedUntil", { until: formatUntil(ban.until), reason: ban.reason }) : t("banned", { reason: ban.reason });
}

/** What the server answered to a sign-in attempt (trusted: it comes from next-auth's response, not the URL). */
export function signInErrorMessage(t: NoticeTranslator, code: string): string | null {
  const ban = parseBanErrorCode(code);
  if (ban) return banNotice(t, ban);
  if (code === "SessionEnded") return t("sessionEnded");
  return null;
}

/** Fixed wording for each `?error=` code the sign-in page knows; anyone can write a link, so nothing from the URL is shown. */
const PAGE_MESSAGES: Record<string, NoticeKey> = {
  CredentialsSignin: "credentials",
  SessionRequired: "sessionRequired",
  SessionEnded: "sessionEnded",
  [SIGNIN_RATE_LIMITED]: "rateLimited",
  BANNED: "bannedPage",
  // Single sign-on (server/auth.ts signIn callback, and next-auth's own codes for a provider that failed).
  SsoEmailUnverified: "ssoEmailUnverified",
  SsoSignupClosed: "ssoSignupClosed",
  SsoFailed: "ssoFailed",
  OAuthSignin: "oauthSignin",
  OAuthCallback: "oauthCallback",
  AccessDenied: "accessDenied",
  SsoOnly: "ssoOnly",
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
export function rememberedBanMessage(t: NoticeTranslator): string | null {
  try {
    const raw = sessionStorage.getItem(BAN_KEY);
    const ban: unknown = raw ? JSON.parse(raw) : null;
    if (typeof ban !== "object" || ban === null || !("reason" in ban) || !("until" in ban)) return null;
    const { reason, until } = ban;
    return typeof reason === "string" && (until === null || typeof until === "string") ? banNotice(t, { reason, until }) : null;
  } catch {
    return null;
  }
}

/** The sign-in page's notice for `?error=<code>`: a known code's fixed text, or a generic one. */
export function signInPageMessage(t: NoticeTranslator, code: string): string {
  const known = signInPageCode(code);
  return t(Object.hasOwn(PAGE_MESSAGES, known) ? PAGE_MESSAGES[known]! : "failed");
}

/** The known code a `?error=` value stands for (a ban code carries details: only its kind counts). */
export function signInPageCode(code: string): string {
  return code.startsWith("BANNED|") ? "BANNED" : code;
}
