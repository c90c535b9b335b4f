import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";

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

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
