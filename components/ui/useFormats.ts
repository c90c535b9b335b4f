"use client";

/**
 * Dates, times, numbers and sizes for people, in the active language and the user's time zone (i18n/request.ts):
 * next-intl's formatter, so the server's render and the browser's agree.
 */
import { useFormatter, useNow } from "next-intl";

export function useFormats() {
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  return {
    /** "4 Dec 2026, 18:30" / "04.12.2026, 18:30" */
    dateTime: (iso: string | Date) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }),
    /** "Friday, 4 December 2026 at 18:30" */
    full: (iso: string | Date) => format.dateTime(new Date(iso), { dateStyle: "full", timeStyle: "short" }),
    /** "18:30" / "6:30 PM" */
    time: (iso: string | Date) => format.dateTime(new Date(iso), { hour: "numeric", minute: "2-digit" }),
    /** "5 minutes ago" / "vor 5 Minuten", "in 2 days" */
    relative: (iso: string | Date) => format.relativeTime(new Date(iso), now),
    number: (n: number) => format.number(n),
    /** "Ana, Ben and Cy" / "Ana, Ben und Cy" */
    list: (items: readonly string[]) => format.list(items, { type: "conjunction" }),
    /** "512 B", "12 KB", "1.5 MB" / "1,5 MB" */
    bytes: (n: number) =>
      n < 1024
        ? `${format.number(n)} B`
        : n < 1024 * 1024
          ? format.number(Math.round(n / 1024), { style: "unit", unit: "kilobyte", unitDisplay: "short" })
          : format.number(n / (1024 * 1024), { style: "unit", unit: "megabyte", unitDisplay: "short", maximumFractionDigits: n < 10 * 1024 * 1024 ? 1 : 0 }),
  };
}
