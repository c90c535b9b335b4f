"use client";

/**
 * The theme control of the profile dialog: light, dark, or follow the device. The page switches
 * at once (<html data-theme>, app/theme.css) and the choice is saved for every page from then on.
 */
import { useTranslations } from "next-intl";
import { useState } from "react";
import { api, isApiError } from "@/lib/client/api";
import type { Theme } from "@/lib/shared/types";

const CHOICES: { value: Theme; label: "system" | "light" | "dark" }[] = [
  { value: "SYSTEM", label: "system" },
  { value: "LIGHT", label: "light" },
  { value: "DARK", label: "dark" },
];

function renderedTheme(): Theme {
  const t = document.documentElement.dataset.theme?.toUpperCase();
  return t === "LIGHT" || t === "DARK" ? t : "SYSTEM";
}

function renderTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme.toLowerCase();
}

export function ThemeChoice() {
  const t = useTranslations("settings.theme");
  const [theme, setTheme] = useState<Theme>(renderedTheme);
  const [error, setError] = useState<string | null>(null);

  async function choose(next: Theme) {
    const before = theme;
    setTheme(next);
    setError(null);
    renderTheme(next);
    try {
      await api.setTheme(next);
    } catch (e) {
      setTheme(before);
      renderTheme(before);
      setError(isApiError(e) ? e.message : t("saveFailed"));
    }
  }

  return (
    <fieldset className="space-y-2" data-testid="theme-choice">
      <legend className="text-sm font-medium text-slate-900">{t("legend")}</legend>
      <div className="flex flex-wrap gap-2">
        {CHOICES.map((c) => (
          <label
            key={c.value}
            className="flex cursor-pointer items-center gap-2 rounded-lg px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-300 has-checked:bg-indigo-50 has-checked:text-indigo-700 has-checked:ring-indigo-600 has-focus-visible:outline-2 has-focus-visible:outline-indigo-600"
          >
            <input type="radio" name="theme" value={c.value} checked={theme === c.value} onChange={() => void choose(c.value)} className="accent-indigo-600" />
            {t(c.label)}
          </label>
        ))}
      </div>
      {error && (
        <p role="alert" className="text-xs text-rose-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
