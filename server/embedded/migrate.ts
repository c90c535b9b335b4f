/**
 * Migrations for the embedded database: the same `prisma migrate deploy` as production, run by
 * the Prisma CLI (through scripts/prisma-schema-engine.mjs) against the PGlite socket, so the
 * schema and `_prisma_migrations` are exactly what a real PostgreSQL gets. Node only.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { EmbeddedError } from "./files";

/** Migration folder names in prisma/migrations, in the order Prisma applies them. */
export function localMigrations(rootDir: string): string[] {
  const dir = path.join(rootDir, "prisma", "migrations");
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort();
}

/**
 * Whether `migrate deploy` has anything to do: a local migration not applied yet, or a failed
 * one (which deploy then reports). Asked of PGlite directly, so a restart with nothing to apply
 * skips starting the Prisma CLI (about 2 s).
 */
export async function needsMigrateDeploy(db: PGlite, rootDir: string): Promise<boolean> {
  const table = await db.query<{ present: boolean }>(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present`);
  if (!table.rows[0]?.present) return true;
  const rows = await db.query<{ migration_name: string; finished: boolean; rolled_back: boolean }>(
    `SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back FROM public._prisma_migrations`,
  );
  if (rows.rows.some((r) => !r.finished && !r.rolled_back)) return true;
  const applied = new Set(rows.rows.filter((r) => r.finished && !r.rolled_back).map((r) => r.migration_name));
  return localMigrations(rootDir).some((name) => !applied.has(name));
}

/** `prisma migrate deploy` against `databaseUrl`; resolves with its output, rejects with it. */
export function migrateDeploy(rootDir: string, databaseUrl: string): Promise<string> {
  const cli = path.join(rootDir, "node_modules", "prisma", "build", "index.js");
  return new Promise((resolve, reject) => {
    // Asynchronous on purpose: this process serves the database the CLI talks to.
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], {
      cwd: rootDir, // prisma.config.ts: schema, migrations, the offline schema engine
      env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(new EmbeddedError(`Could not run the Prisma CLI (${cli}): ${err.message}`));
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new EmbeddedError(`prisma migrate deploy failed on the embedded database (${signal ?? `exit ${code}`}):\n${output.trim()}`));
    });
  });
}
