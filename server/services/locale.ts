/**
 * The interface language a user chose in the profile (User.locale): one of lib/shared/locales.ts,
 * or null to follow the browser's Accept-Language. i18n/request.ts reads it for every page.
 */
import type { Runtime } from "../runtime";
import { ZSetLocale } from "@/lib/shared/schemas";
import { isLocale, type Locale } from "@/lib/shared/locales";
import type { Actor } from "./room-access";
import { parseInput } from "./validate";

export async function setLocale(rt: Runtime, actor: Actor, input: unknown): Promise<{ locale: Locale | null }> {
  const { locale } = parseInput(ZSetLocale, input);
  await rt.db.user.update({ where: { id: actor.id }, data: { locale }, select: { id: true } });
  return { locale };
}

/** The user's choice and time zone (null when none or no longer supported). */
export async function getLocaleSettings(rt: Runtime, userId: string): Promise<{ locale: Locale | null; timeZone: string | null }> {
  const user = await rt.db.user.findUnique({ where: { id: userId }, select: { locale: true, timeZone: true } });
  return { locale: isLocale(user?.locale) ? user.locale : null, timeZone: user?.timeZone ?? null };
}
