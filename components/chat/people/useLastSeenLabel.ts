"use client";

import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";
import { lastSeenLabel } from "@/lib/client/lastSeen";

/** lastSeenLabel in the active language: "zuletzt gesehen vor 5 Minuten". */
export function useLastSeenLabel(): (lastSeenAt: string | null, now: number) => string | null {
  const t = useTranslations("people.lastSeen");
  const locale = useLocale();
  return useCallback(
    (lastSeenAt, now) => lastSeenLabel(lastSeenAt, now, locale, { justNow: t("justNow"), ago: (relative) => t("ago", { relative }), on: (date) => t("on", { date }) }),
    [t, locale],
  );
}
