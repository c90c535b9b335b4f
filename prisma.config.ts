// Prisma 7 configuration (the CLI no longer reads datasource URLs from schema.prisma).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, env } from "prisma/config";

// Prisma's migrate/db commands spawn a native `schema-engine` that is downloaded on first use
// and so fails offline. Point the CLI at our stand-in, which runs the same engine compiled to
// WebAssembly (see scripts/prisma-schema-engine.mjs). Environments that do have the native
// engine (e.g. the Docker image, built with internet access) opt out with
// PARLEY_NATIVE_SCHEMA_ENGINE=1; an explicitly set PRISMA_SCHEMA_ENGINE_BINARY always wins.
if (process.env.PARLEY_NATIVE_SCHEMA_ENGINE !== "1") {
  const here = path.dirname(fileURLToPath(import.meta.url));
  process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(here, "scripts", "prisma-schema-engine.mjs");
}

// `env()` throws when the variable is missing, but `prisma generate` (run at `postinstall`,
// often without any database configured) needs no URL at all, so only read it when set.
// Commands that do need a database then fail with Prisma's own "url is empty" message.
const optionalEnv = (name: string): string | undefined => (process.env[name] ? env(name) : undefined);
const url = optionalEnv("DATABASE_URL");
const shadowDatabaseUrl = optionalEnv("SHADOW_DATABASE_URL");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx prisma/seed.ts",
  },
  datasource: {
    ...(url ? { url } : {}),
    ...(shadowDatabaseUrl ? { shadowDatabaseUrl } : {}),
  },
});
