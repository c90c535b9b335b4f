// next-intl's types (docs/i18n.md): message keys are checked against the English catalogue, locales against lib/shared/locales.ts.
import type en from "./messages/en.json";
import type { Locale } from "./lib/shared/locales";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
