/**
 * next-intl's request configuration (docs/i18n.md), without locale routing: URLs carry no locale.
 * The locale of a request is the signed-in user's choice (User.locale), else the browser's
 * Accept-Language, else English; dates and times are formatted in the user's time zone
 * (User.timeZone) when known.
 */
import { getRequestConfig } from "next-intl/server";
import { headers } from "next/headers";
import { DEFAULT_LOCALE, negotiateLocale, type Locale } from "@/lib/shared/locales";
import { getSessionUser } from "@/server/auth";
import { currentRuntime } from "@/server/runtime";
import { getLocaleSettings } from "@/server/services/locale";

async function userSettings(): Promise<{ locale: Locale | null; timeZone: string | null }> {
  try {
    const user = await getSessionUser();
    return user ? await getLocaleSettings(currentRuntime(), user.id) : { locale: null, timeZone: null };
  } catch {
    // Cosmetic: a failed lookup renders the browser's language rather than an error page.
    return { locale: null, timeZone: null };
  }
}

export default getRequestConfig(async () => {
  const chosen = await userSettings();
  const locale = chosen.locale ?? negotiateLocale((await headers()).get("accept-language")) ?? DEFAULT_LOCALE;
  const messages = (await import(`../messages/${locale}.json`)).default as Record<string, unknown>;
  return { locale, messages, ...(chosen.timeZone ? { timeZone: chosen.timeZone } : {}) };
});
