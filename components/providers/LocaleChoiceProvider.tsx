"use client";

/** The signed-in user's language choice (User.locale; null: follow the browser), for the profile's language control. */
import { createContext, useContext, type ReactNode } from "react";
import type { Locale } from "@/lib/shared/locales";

const LocaleChoiceContext = createContext<Locale | null>(null);

export function LocaleChoiceProvider({ chosen, children }: { chosen: Locale | null; children: ReactNode }) {
  return <LocaleChoiceContext.Provider value={chosen}>{children}</LocaleChoiceContext.Provider>;
}

export function useLocaleChoice(): Locale | null {
  return useContext(LocaleChoiceContext);
}
