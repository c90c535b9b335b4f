/**
 * Embedded mode: with no DATABASE_URL, Parley starts its own PostgreSQL (PGlite) with its data
 * in ./.parley/data, migrates and seeds it, and keeps a generated AUTH_SECRET in
 * ./.parley/auth-secret. See docs/embedded.md.
 *
 * Node only: imported by server/index.ts alone, never by app/, components/ or lib/ (nothing Next
 * bundles may pull in PGlite). Everything here imports node:* modules and PGlite; the heavy
 * part is loaded only when embedded mode is used.
 */
import { readEmbeddedConfig } from "../env";
import type { Logger } from "../log";
import type { EmbeddedDatabase } from "./launcher";

export type { EmbeddedDatabase };

/**
 * Starts the embedded database when DATABASE_URL is unset (and PARLEY_EMBEDDED is not "0"),
 * whatever NODE_ENV is, setting DATABASE_URL, DATABASE_POOL_MAX=1,
 * DATABASE_PREPARED_STATEMENTS=0 and, when missing, AUTH_SECRET in process.env.
 * Returns null, doing nothing, when a DATABASE_URL is configured.
 */
export async function startEmbeddedIfNeeded(log: Logger): Promise<EmbeddedDatabase | null> {
  // PARLEY_EMBEDDED=0: deployments that must never fall back to a local database (the start-up
  // error then names the missing DATABASE_URL).
  const config = readEmbeddedConfig();
  if (!config.wanted) return null;
  const { startEmbedded } = await import("./launcher");
  return startEmbedded(config, log);
}
