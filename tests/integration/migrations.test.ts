/**
 * The migration history in prisma/migrations against real PostgreSQL, driven through the real
 * Prisma CLI (and so through scripts/prisma-schema-engine.mjs unless
 * PARLEY_NATIVE_SCHEMA_ENGINE=1 selects the native engine). Every database is created here,
 * fresh and uniquely named, and dropped again in afterAll.
 */
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PG_ADMIN_URL, ROOT, urlFor, withClient } from "../helpers/db";

const PRISMA_CLI = path.join(ROOT, "node_modules/prisma/build/index.js");
const ENGINE_STAND_IN = path.join(ROOT, "scripts/prisma-schema-engine.mjs");
const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");
const TEST_TIMEOUT = 60_000;

const createdDatabases: string[] = [];
const tempDirs: string[] = [];

/** A unique name, registered for cleanup before anything (us or Prisma) can create it. */
function reserveDatabase(label: string): { name: string; url: string } {
  const name = `parley_mig_${label}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  createdDatabases.push(name);
  return { name, url: urlFor(name) };
}

async function createEmptyDatabase(label: string): Promise<{ name: string; url: string }> {
  const db = reserveDatabase(label);
  await withClient(PG_ADMIN_URL, (c) => c.query(`CREATE DATABASE "${db.name}"`));
  return db;
}

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the Prisma CLI; resolves with the exit code instead of throwing on failure. */
function prisma(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  // Only what we pass: never the developer's own DATABASE_URL / SHADOW_DATABASE_URL.
  const { DATABASE_URL: _db, SHADOW_DATABASE_URL: _shadow, ...inherited } = process.env;
  const env = { ...inherited, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1", ...opts.env };
  return new Promise((resolve) => {
    execFile(process.execPath, [PRISMA_CLI, ...args], { cwd: opts.cwd ?? ROOT, env, timeout: TEST_TIMEOUT - 5_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const describeResult = (r: CliResult) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

function migrationNames(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

afterAll(async () => {
  await withClient(PG_ADMIN_URL, async (c) => {
    for (const name of createdDatabases) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("prisma migrations", () => {
  it(
    "migrate deploy on a fresh database creates the tables and records sha256 checksums",
    async () => {
      const db = await createEmptyDatabase("deploy");
      const result = await prisma(["migrate", "deploy"], { env: { DATABASE_URL: db.url } });
      expect(result.code, describeResult(result)).toBe(0);

      await withClient(db.url, async (c) => {
        const tables = await c.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
        );
        expect(tables.rows.map((r) => r.table_name)).toEqual(
          expect.arrayContaining(["User", "Room", "Membership", "Message", "_prisma_migrations"]),
        );

        const rows = await c.query<{ migration_name: string; checksum: string; finished: boolean; rolled_back: boolean }>(
          `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
             FROM _prisma_migrations ORDER BY migration_name`,
        );
        const onDisk = migrationNames(MIGRATIONS_DIR);
        expect(rows.rows.map((r) => r.migration_name)).toEqual(onDisk);
        for (const row of rows.rows) {
          const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
          expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
          expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
          expect(row).toMatchObject({ finished: true, rolled_back: false });
        }
      });
    },
    TEST_TIMEOUT,
  );

  it(
    "the migration SQL and prisma/schema.prisma describe the same schema (migrate diff --exit-code)",
    async () => {
      // Replaying --from-migrations needs a shadow database; Prisma 7 takes it from the config
      // (shadowDatabaseUrl <- SHADOW_DATABASE_URL). The main database stays empty and untouched.
      const main = await createEmptyDatabase("diff");
      const shadow = await createEmptyDatabase("diff_shadow");
      const env = { DATABASE_URL: main.url, SHADOW_DATABASE_URL: shadow.url };

      const same = await prisma(
        ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema", "prisma/schema.prisma", "--exit-code"],
        { env },
      );
      expect(same.code, describeResult(same)).toBe(0);
      expect(same.stdout).toContain("No difference detected");

      // The check can fail: a schema with one more column must produce exit code 2 and its SQL.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-diff-"));
      tempDirs.push(dir);
      const changed = path.join(dir, "schema.prisma");
      fs.writeFileSync(changed, addRoomField(fs.readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8")));
      const different = await prisma(
        ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema", changed, "--script", "--exit-code"],
        { env },
      );
      expect(different.code, describeResult(different)).toBe(2);
      expect(different.stdout).toMatch(/ALTER TABLE "Room" ADD COLUMN\s+"migrationProbeAt"/);
    },
    TEST_TIMEOUT,
  );

  it(
    "migrate dev turns a schema change into a new migration, and migrate status is then clean",
    async () => {
      // A scratch copy of the Prisma project, so the repository's migrations stay untouched.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-migrate-dev-"));
      tempDirs.push(dir);
      fs.cpSync(path.join(ROOT, "prisma"), path.join(dir, "prisma"), { recursive: true });
      fs.copyFileSync(path.join(ROOT, "prisma.config.ts"), path.join(dir, "prisma.config.ts"));
      fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "junction");
      const schemaPath = path.join(dir, "prisma/schema.prisma");
      fs.writeFileSync(schemaPath, addRoomField(fs.readFileSync(schemaPath, "utf8")));

      // The copied config would look for the stand-in next to itself; point it at the repo's.
      const engine: Record<string, string> =
        process.env.PARLEY_NATIVE_SCHEMA_ENGINE === "1" ? {} : { PRISMA_SCHEMA_ENGINE_BINARY: ENGINE_STAND_IN };
      const db = reserveDatabase("dev"); // migrate dev creates it (P1003 -> create-database)
      const env = { ...engine, DATABASE_URL: db.url };
      const before = migrationNames(path.join(dir, "prisma/migrations"));

      const dev = await prisma(["migrate", "dev", "--name", "added_field"], { cwd: dir, env });
      expect(dev.code, describeResult(dev)).toBe(0);

      const added = migrationNames(path.join(dir, "prisma/migrations")).filter((n) => !before.includes(n));
      expect(added).toHaveLength(1);
      expect(added[0]).toMatch(/^\d{14}_added_field$/);
      const sql = fs.readFileSync(path.join(dir, "prisma/migrations", added[0]!, "migration.sql"), "utf8");
      expect(sql).toMatch(/ALTER TABLE "Room" ADD COLUMN\s+"migrationProbeAt" TIMESTAMP\(3\)/);

      const status = await prisma(["migrate", "status"], { cwd: dir, env });
      expect(status.code, describeResult(status)).toBe(0);
      expect(status.stdout).toContain("Database schema is up to date!");
    },
    TEST_TIMEOUT,
  );
});

describe("the accounts migration (20261204183000_accounts_join)", () => {
  it(
    "marks every account that existed before as verified; the settings row takes its defaults from the columns",
    async () => {
      const db = await createEmptyDatabase("accounts");
      const names = migrationNames(MIGRATIONS_DIR);
      const at = names.indexOf("20261204183000_accounts_join");
      expect(at).toBeGreaterThan(0);
      const apply = (name: string) => withClient(db.url, (c) => c.query(fs.readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8")));
      for (const name of names.slice(0, at)) await apply(name);
      await withClient(db.url, (c) =>
        c.query(`INSERT INTO "User" (id, email, name, "passwordHash", "createdAt") VALUES (gen_random_uuid(), 'old@example.test', 'Old', 'x', '2026-01-02T03:04:05Z')`),
      );
      await apply(names[at]!);
      await withClient(db.url, async (c) => {
        const user = await c.query<{ emailVerifiedAt: Date | null }>(`SELECT "emailVerifiedAt" FROM "User" WHERE email = 'old@example.test'`);
        expect(user.rows[0]?.emailVerifiedAt?.toISOString()).toBe("2026-01-02T03:04:05.000Z");
        // The settings row is the service's to create (on first read), from these column defaults.
        expect((await c.query(`SELECT count(*)::int AS n FROM "InstanceSettings"`)).rows[0]).toEqual({ n: 0 });
        const settings = await c.query(`INSERT INTO "InstanceSettings" (id) VALUES (1) RETURNING id, "signupPolicy", "allowedEmailDomains", "emailVerification", "roomOwnersMayInvite"`);
        expect(settings.rows).toEqual([{ id: 1, signupPolicy: "OPEN", allowedEmailDomains: [], emailVerification: "OPTIONAL", roomOwnersMayInvite: false }]);
      });
    },
    TEST_TIMEOUT,
  );
});

/** The schema with one extra nullable column on Room. */
function addRoomField(schema: string): string {
  const changed = schema.replace(/^model Room \{\n/m, "model Room {\n  migrationProbeAt DateTime?\n");
  if (changed === schema) throw new Error("model Room not found in prisma/schema.prisma");
  return changed;
}
