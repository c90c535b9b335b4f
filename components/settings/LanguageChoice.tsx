"use client";

/**
 * The language control of the profile dialog, beside the theme: follow the browser
 * (Accept-Language) or one of the catalogues (docs/i18n.md). The choice is saved, then the
 * page is rendered again in the new language (<html lang> and every string).
 */
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { api, isApiError } from "@/lib/client/api";
import { useLocaleChoice } from "@/components/providers/LocaleChoiceProvider";
import { LOCALES, LOCALE_NAMES, type Locale } from "@/lib/shared/locales";

const BROWSER = "browser";

export function LanguageChoice() {
  const chosen = useLocaleChoice();
  const t = useTranslations("settings.language");
  const router = useRouter();
  const [value, setValue] = useState<Locale | typeof BROWSER>(chosen ?? BROWSER);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  async function choose(next: Locale | typeof BROWSER) {
    const before = value;
    setValue(next);
    setError(null);
    try {
      await api.setLocale(next === BROWSER ? null : next);
      startTransition(() => router.refresh());
    } catch (e) {
      setValue(before);
      setError(isApiError(e) ? e.message : t("saveFailed"));
    }
  }

  return (
    <div className="space-y-2" data-testid="language-choice">
      <label htmlFor="language-choice" className="block text-sm font-medium text-slate-900">
        {t("legend")}
      </label>
      <select
        id="language-choice"
        value={value}
        aria-busy={pending || undefined}
        onChange={(e) => void choose(e.target.value as Locale | typeof BROWSER)}
        className="block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none"
      >
        <option value={BROWSER}>{t("browser")}</option>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      {error && (
        <p role="alert" className="text-xs text-rose-700">
          {error}
        </p>
      )}
    </div>
  );
}
