import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import "./globals.css";
import { getSessionTheme } from "@/server/auth";

// Every page renders per request: the CSP nonce the server puts on each request must reach
// Next's inline scripts (server/http/request-context.ts), which a prerendered page cannot have.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return {
    title: "Parley",
    description: t("description"),
    icons: { icon: { url: "/favicon.svg", type: "image/svg+xml" } },
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#4f46e5",
};

/**
 * The chosen theme is rendered here, from the session, so no page flashes the other one (app/theme.css);
 * so is the language (i18n/request.ts): <html lang> and the catalogue handed to client components.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const [theme, locale] = await Promise.all([getSessionTheme(), getLocale()]);
  return (
    <html lang={locale} data-theme={theme.toLowerCase()}>
      <body className="min-h-dvh font-sans">
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
