/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm run dev` is often browsed at 127.0.0.1; Next blocks dev resources from other hosts.
  allowedDevOrigins: ["127.0.0.1"],
  // Native and Node-only packages stay out of the bundle; the custom server loads them once.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "ioredis", "socket.io", "@socket.io/redis-adapter"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
