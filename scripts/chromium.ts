/**
 * How Parley's browser tools start Debian's Chromium (the e2e suite's playwright.config.ts,
 * `npm run bench:ui`, the long-polling cluster test): never a downloaded browser, and none of
 * Chromium's background connections, which this offline machine refuses.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
};
