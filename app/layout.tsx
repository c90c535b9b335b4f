import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import { getSessionTheme } from "@/server/auth";

// Every page renders per request: the CSP nonce the server puts on each request must reach
// Next's inline scripts (server/http/request-context.ts), which a prerendered page cannot have.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Parley",
  description: "Parley — open-source live chat.",
  icons: { icon: { url: "/favicon.svg", type: "image/svg+xml" } },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#4f46e5",
};

/** The chosen theme is rendered here, from the session, so no page flashes the other one (app/theme.css). */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = await getSessionTheme();
  return (
    <html lang="en" data-theme={theme.toLowerCase()}>
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
