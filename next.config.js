import createNextIntlPlugin from "next-intl/plugin";

// The message catalogue (docs/i18n.md): the request configuration is i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm run dev` is often browsed at 127.0.0.1; Next blocks dev resources from other hosts.
  allowedDevOrigins: ["127.0.0.1"],
  // Native and Node-only packages stay out of the bundle; the custom server loads them once.
  // prom-client and rate-limiter-flexible too: their registry/limiters are shared with the
  // custom server through globalThis, so both must be the same module instance.
  serverExternalPackages: [
    "@node-rs/argon2",
    "pg",
    "@prisma/adapter-pg",
    "ioredis",
    "socket.io",
    "@socket.io/redis-adapter",
    "pino",
    "prom-client",
    "rate-limiter-flexible",
  ],
  // Security headers (CSP with a per-request nonce, frame-ancestors, HSTS behind TLS, ...) are
  // set by the custom server on every response: server/http/request-context.ts.
};

export default withNextIntl(nextConfig);
