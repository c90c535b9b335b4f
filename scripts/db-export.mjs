#!/usr/bin/env node
// `npm run db:export [-- <file>]`: the data of Parley's embedded database (docs/embedded.md) as a
// SQL file to load into a real PostgreSQL that has the same migrations applied:
//
//   npm run db:export -- parley-export.sql                      (Parley stopped)
//   DATABASE_URL=postgresql://… npm run db:migrate               (schema + _prisma_migrations)
//   psql "postgresql://…" -v ON_ERROR_STOP=1 --single-transaction -f parley-export.sql
//
// WHY not pg_dump: the embedded database is one PostgreSQL session that Parley holds while it
// runs, and it is PostgreSQL 18, which older pg_dump clients refuse to dump. So this opens the
// data folder itself (PGlite, Parley stopped) and writes what `pg_dump --data-only` would: one
// COPY block per table (parents before children), then the sequences. The schema comes from the
// migrations, so the target's `_prisma_migrations` is Prisma's own. The file first checks that
// the target has exactly the migrations the export was taken at and that its tables are empty.
//
// The folder is PARLEY_DATA_DIR or ./.parley/data, as for the server. <file> defaults to
// parley-export.sql and is never overwritten; "-" writes to stdout (use `npm run -s`).
import fs from "node:fs";
import path from "node:path";

const dataDir = path.resolve(process.env.PARLEY_DATA_DIR || path.join(".parley", "data"));
const out = process.argv[2] || "parley-export.sql";
const fail = (message) => {
  process.stderr.write(`db:export: ${message}\n`);
  process.exit(1);
};

if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) fail(`no embedded database in ${dataDir} (set PARLEY_DATA_DIR?)`);

// The server's lock (server/embedded/files.ts): PGlite cannot open a data folder that another
// process has open.
const lockFile = path.join(dataDir, "parley.pid");
const mine = `${process.pid}\n`;
try {
  fs.writeFileSync(lockFile, mine, { flag: "wx", mode: 0o600 });
} catch (e) {
  if (e.code !== "EEXIST") throw e;
  const pid = Number.parseInt(fs.readFileSync(lockFile, "utf8"), 10);
  let running = false;
  try {
    process.kill(pid, 0);
    running = true;
  } catch (err) {
    running = err.code === "EPERM";
  }
  if (running) fail(`Parley (pid ${pid}) is running on ${dataDir}; stop it first (the embedded database opens in one process at a time).`);
  fs.writeFileSync(lockFile, mine, { mode: 0o600 }); // stale lock: its process is gone
}
const release = () => {
  try {
    if (fs.readFileSync(lockFile, "utf8") === mine) fs.rmSync(lockFile, { force: true });
  } catch {
    // already gone
  }
};
process.on("exit", release);

const q = (name) => `"${name.replaceAll('"', '""')}"`;
const lit = (s) => `'${s.replaceAll("'", "''")}'`;

const { PGlite } = await import("@electric-sql/pglite");
const db = await PGlite.create({ dataDir });
const chunks = [];
let rowCount = 0;
try {
  const migrations = (
    await db.query(
      `SELECT migration_name FROM public._prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    )
  ).rows.map((r) => r.migration_name);

  const tables = (
    await db.query(
      `SELECT c.oid::int AS oid, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations' ORDER BY c.relname`,
    )
  ).rows;
  // Parents before children, so foreign keys hold after each COPY (self-references are checked
  // at the end of their own COPY statement).
  const fks = (
    await db.query(`SELECT conrelid::int AS child, confrelid::int AS parent FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`)
  ).rows;
  const ordered = [];
  const placed = new Set();
  while (ordered.length < tables.length) {
    const next = tables.find((t) => !placed.has(t.oid) && fks.every((f) => f.child !== t.oid || f.parent === t.oid || placed.has(f.parent)));
    if (!next) throw new Error(`cannot order tables by foreign keys (a cycle among ${tables.filter((t) => !placed.has(t.oid)).map((t) => t.name).join(", ")})`);
    ordered.push(next);
    placed.add(next.oid);
  }

  chunks.push(
    `-- Parley data exported from the embedded database in ${dataDir} at ${new Date().toISOString()}.`,
    `-- Load into an empty PostgreSQL database migrated to the same migrations (npm run db:migrate):`,
    `--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 --single-transaction -f ${path.basename(out === "-" ? "parley-export.sql" : out)}`,
    `SET client_encoding = 'UTF8';`,
    `SET standard_conforming_strings = on;`,
    "",
    "DO $parley$",
    "BEGIN",
    `  IF (SELECT string_agg(migration_name, ' ' ORDER BY migration_name) FROM public._prisma_migrations`,
    `      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL) IS DISTINCT FROM ${lit(migrations.join(" "))} THEN`,
    `    RAISE EXCEPTION 'Parley export: the target database must have exactly these migrations applied: ${migrations.join(" ").replaceAll("'", "''")}';`,
    "  END IF;",
    ...ordered.map((t) => `  IF EXISTS (SELECT 1 FROM public.${q(t.name)}) THEN RAISE EXCEPTION ${lit(`Parley export: table ${t.name} is not empty`)}; END IF;`),
    "END",
    "$parley$;",
    "",
  );

  for (const t of ordered) {
    const columns = (
      await db.query(`SELECT attname FROM pg_attribute WHERE attrelid = $1 AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`, [t.oid])
    ).rows.map((r) => q(r.attname));
    const target = `public.${q(t.name)} (${columns.join(", ")})`;
    const { blob } = await db.query(`COPY ${target} TO '/dev/blob'`);
    const data = blob ? await blob.text() : "";
    rowCount += data ? data.split("\n").length - 1 : 0;
    chunks.push(`COPY ${target} FROM stdin;`, `${data}\\.`, "");
  }

  for (const s of (await db.query(`SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' AND last_value IS NOT NULL ORDER BY 1`)).rows) {
    chunks.push(`SELECT pg_catalog.setval(${lit(`public.${q(s.sequencename)}`)}, ${s.last_value}, true);`);
  }
  chunks.push("");

  if (out === "-") process.stdout.write(chunks.join("\n"));
  else fs.writeFileSync(out, chunks.join("\n"), { flag: "wx", mode: 0o600 });
  process.stderr.write(`db:export: ${ordered.length} tables, ${rowCount} rows, migrations ${migrations.join(", ")}${out === "-" ? "" : ` -> ${path.resolve(out)}`}\n`);
} catch (e) {
  process.stderr.write(`db:export: ${e.code === "EEXIST" ? `${out} exists; choose another file name` : (e.message ?? String(e))}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
  release();
}
