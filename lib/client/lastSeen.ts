/**
 * How the profile card and the DM header tell when someone was around, and what time it is
 * where they are. Pure (the clock and the locale are arguments).
 */

/** The words lastSeenLabel wraps around the time, in the active language (the catalogue's `people.lastSeen`). */
export type LastSeenWords = { justNow: string; ago: (relative: string) => string; on: (date: string) => string };
const ENGLISH: LastSeenWords = { justNow: "last seen just now", ago: (r) => `last seen ${r}`, on: (d) => `last seen on ${d}` };

/** "last seen just now", "last seen 5 minutes ago", "last seen 3 hours ago", "last seen yesterday", "last seen on 3 Dec". */
export function lastSeenLabel(lastSeenAt: string | null, now: number, locale?: string, words: LastSeenWords = ENGLISH): string | null {
  if (!lastSeenAt) return null;
  const at = Date.parse(lastSeenAt);
  if (!Number.isFinite(at)) return null;
  const minutes = Math.max(0, Math.floor((now - at) / 60_000));
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  if (minutes < 1) return words.justNow;
  if (minutes < 60) return words.ago(rtf.format(-minutes, "minute"));
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return words.ago(rtf.format(-hours, "hour"));
  const days = Math.floor(hours / 24);
  if (days < 7) return words.ago(rtf.format(-days, "day"));
  return words.on(new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: days > 300 ? "numeric" : undefined }).format(at));
}

/** "3:04 PM" where `timeZone` is, or null when it is unknown or not a zone this browser knows. */
export function localTimeIn(timeZone: string | null, now: number, locale?: string): string | null {
  if (!timeZone) return null;
  try {
    return new Intl.DateTimeFormat(locale, { timeZone, hour: "numeric", minute: "2-digit" }).format(now);
  } catch {
    return null;
  }
}

/** This browser's IANA time zone, or null. */
export function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}
