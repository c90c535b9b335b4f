#!/usr/bin/env node
// Offline stand-in for Prisma's native `schema-engine` binary.
//
// WHY: the Prisma CLI (`migrate dev|deploy|status|diff|reset`, `db push`, ...) spawns a native
// `schema-engine` that it downloads from binaries.prisma.sh on first use. Where there is no
// internet (CI sandboxes, air-gapped dev boxes) that download fails and every migrate command
// dies. Prisma also publishes the very same engine compiled to WebAssembly (the CLI even ships
// it as prisma/build/schema_engine_bg.wasm); it talks to the database through a JS driver
// adapter (@prisma/adapter-pg) instead of its own Rust drivers. This script wraps that wasm
// engine behind the command line + JSON-RPC protocol of the native binary, so the unmodified
// CLI can drive it. prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here.
//
// Protocol spoken by the CLI (see node_modules/prisma/build/cli.js):
//   <bin> --version                                  -> one line on stdout
//   <bin> --datasource '{"url":…}' cli <command>     -> one-shot; errors as JSON log lines on stderr
//   <bin> --datamodels <path>… --datasource '{…}'    -> JSON-RPC 2.0, one object per line on
//                                                       stdin/stdout, JSON log lines on stderr
// Migration SQL and `_prisma_migrations` rows (sha256 checksums) are produced by Prisma's own
// engine code, so a deployment with the native binary (PARLEY_NATIVE_SCHEMA_ENGINE=1) sees
// exactly the same history.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, DriverAdapterError } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);
// pg's own URL parser (handles sslmode, ?host=/socket, percent-encoding); resolved from pg so
// it does not depend on how npm hoisted it.
const { parse: parsePgUrl } = createRequire(require.resolve("pg"))("pg-connection-string");

// ---------------------------------------------------------------------------------------------
// Command line
const argv = process.argv.slice(2);
const datamodelPaths = [];
let datasource = {};
let cliCommand = null;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === "--datamodels") datamodelPaths.push(argv[++i]);
  else if (a === "--datasource") datasource = JSON.parse(argv[++i] || "{}") ?? {};
  else if (a === "--enabled-preview-features" || a === "--extension-types") i++; // not used by the wasm engine
  else if (a === "cli") cliCommand = argv[++i];
  else if (a === "--version" || a === "-V") cliCommand = "--version";
}

const log = (level, message, extra = {}, target = "schema_engine::logger") =>
  process.stderr.write(JSON.stringify({ level, fields: { message, ...extra }, target }) + "\n");

// ---------------------------------------------------------------------------------------------
// The wasm engine. Prefer the copy shipped inside the installed `prisma` package: it is built
// from exactly the engine commit this CLI expects. The JS glue comes from
// @prisma/schema-engine-wasm (same wasm-bindgen ABI); its own .wasm is the fallback.
let lastPanic = null;
async function loadWasmEngine() {
  // The wasm panic hook reports the panic message here before trapping; without the registry
  // the hook itself throws and the process dies with a confusing TypeError.
  globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: (m) => { lastPanic = m; } };
  const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const candidates = [
    path.join(path.dirname(require.resolve("prisma/package.json")), "build", "schema_engine_bg.wasm"),
    path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm")), "schema_engine_bg.wasm"),
  ];
  const wasmPath = candidates.find((p) => fs.existsSync(p));
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue;
}

// ---------------------------------------------------------------------------------------------
// Connections
/** Prisma URL -> explicit pg config. Explicit fields matter: PrismaPg's shadow-db helper spreads
 *  `{...config, database}`, and pg lets a `connectionString` win over `database`, so a URL-based
 *  config silently connects to the MAIN database. */
function pgConfig(url) {
  const { schema, ...cfg } = parsePgUrl(url);
  // Prisma-only URL parameters, meaningless to pg (sslmode is already turned into `ssl`).
  for (const k of ["sslmode", "connection_limit", "pool_timeout", "sslaccept", "socket_timeout", "pgbouncer"]) delete cfg[k];
  for (const k of ["port", "password"]) if (cfg[k] === "" || cfg[k] == null) delete cfg[k];
  if (cfg.port) cfg.port = Number(cfg.port);
  if (schema) cfg.options = `${cfg.options ?? ""} -c search_path="${schema}"`.trim();
  return { cfg, schema };
}
const quoteIdent = (name) => `"${String(name).replaceAll('"', '""')}"`;

/** Runs one statement on a short-lived client (no pool left behind). */
async function runOnce(cfg, sql) {
  const client = new pg.Client(cfg);
  client.on("error", () => {});
  await client.connect();
  try { return await client.query(sql); } finally { await client.end().catch(() => {}); }
}

/** pg/network errors -> Prisma's P1xxx codes, so the CLI reacts like it does with the native
 *  engine (notably P1003 "database does not exist" makes `migrate dev` create the database). */
function classify(e, cfg) {
  const db = cfg?.database, loc = `${cfg?.host ?? "localhost"}:${cfg?.port ?? 5432}`;
  if (e?.code === "3D000") return { error_code: "P1003", message: `Database \`${db}\` does not exist on the database server at \`${loc}\`.` };
  if (e?.code === "28P01" || e?.code === "28000") return { error_code: "P1000", message: `Authentication failed against database server at \`${loc}\`, the provided database credentials for \`${cfg?.user}\` are not valid.` };
  if (["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT", "ENOENT"].includes(e?.code)) return { error_code: "P1001", message: `Can't reach database server at \`${loc}\`\n\nPlease make sure your database server is running at \`${loc}\`.` };
  return { message: String(e?.message ?? e) };
}

/** Our tweaks to a PrismaPg adapter (or transaction) instance. */
function patchQueryable(q) {
  // PostgreSQL's internal "char" type (OID 18: pg_class.relkind, pg_constraint.contype, ...)
  // is not mapped by adapter-pg and makes the engine's introspection queries fail with
  // UnsupportedNativeDataType. pg already hands its values over as strings, so call it text.
  const performIO = q.performIO;
  q.performIO = async function (query) {
    const res = await performIO.call(this, query);
    for (const f of res?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return res;
  };
  if (q.startTransaction) {
    const start = q.startTransaction;
    q.startTransaction = async function (...args) { return patchQueryable(await start.apply(this, args)); };
  }
  if (q.executeScript) {
    // adapter-pg splits scripts on every ";", which breaks migrations containing functions or
    // DO $$ … $$ blocks. Send the whole script as one simple-protocol query instead, like the
    // native engine does (PostgreSQL runs it as a single implicit transaction).
    q.executeScript = async function (script) {
      try { await this.client.query(script); } catch (e) { this.onError(e); }
    };
  }
  return q;
}

const main = datasource.url ? pgConfig(datasource.url) : null;
const shadow = datasource.shadowDatabaseUrl ? pgConfig(datasource.shadowDatabaseUrl) : null;
const pendingCleanups = new Set(); // throwaway shadow databases still to drop (see SIGTERM)

/** Empties an explicitly configured shadow database (the native engine resets it too). */
async function wipe(cfg) {
  await runOnce(cfg, `DO $$ DECLARE s text; BEGIN
    FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP
      EXECUTE format('DROP SCHEMA %I CASCADE', s);
    END LOOP;
    CREATE SCHEMA IF NOT EXISTS public; END $$;`);
}

function withCleanup(adapter, cleanup) {
  const dispose = adapter.dispose;
  adapter.dispose = async function () {
    try { await dispose.call(this); } finally { await cleanup(); }
  };
  return patchQueryable(adapter);
}

/** The wasm engine turns plain JS errors from the adapter into an opaque "External error id#0";
 *  only DriverAdapterErrors keep their message. */
function adapterError(e) {
  if (e?.name === "DriverAdapterError") return e;
  const { code = "", severity = "ERROR", message = String(e), detail, column, hint } = e ?? {};
  return new DriverAdapterError({ kind: "postgres", code, severity, message, detail, column, hint });
}

const adapterFactory = {
  provider: "postgres",
  adapterName: "@prisma/adapter-pg",
  async connect() {
    return patchQueryable(await new PrismaPg(main.cfg, { schema: main.schema }).connect());
  },
  async connectToShadowDb() {
    try { return await connectToShadowDb(); } catch (e) { throw adapterError(e); }
  },
};

async function connectToShadowDb() {
  if (shadow) {
    const same = ["host", "port", "database"].every((k) => String(shadow.cfg[k] ?? "") === String(main.cfg[k] ?? ""));
    if (same) throw new Error("The shadow database you configured appears to be the same as the main database. Please specify another shadow database.");
    await wipe(shadow.cfg);
    return withCleanup(await new PrismaPg(shadow.cfg, { schema: shadow.schema }).connect(), () => wipe(shadow.cfg));
  }
  // No shadow database configured: create a throwaway one next to the main database. Its pool
  // must be closed before DROP DATABASE (the adapter's own helper drops it while still
  // connected, which fails).
  const name = `prisma_migrate_shadow_db_${randomUUID()}`;
  const drop = async () => {
    pendingCleanups.delete(drop);
    await runOnce(main.cfg, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  };
  await runOnce(main.cfg, `CREATE DATABASE ${quoteIdent(name)}`);
  pendingCleanups.add(drop);
  return withCleanup(await new PrismaPg({ ...main.cfg, database: name }, { schema: main.schema }).connect(), drop);
}

// No datasource url (e.g. `migrate diff --from-empty --to-schema …` with DATABASE_URL unset): the
// native engine never touches a database for that, but the wasm one probes the server while
// being constructed. Answer that probe and refuse anything else.
const noDatabase = () => Promise.reject(adapterError(new Error("No database configured: set DATABASE_URL (datasource.url in prisma.config.ts).")));
const offlineAdapter = () => ({
  provider: "postgres", adapterName: "@prisma/adapter-mock",
  queryRaw: (q) => /^SELECT EXISTS\(SELECT 1 FROM pg_namespace/.test(q.sql)
    ? Promise.resolve({ columnNames: ["exists", "version", "numeric_version"], columnTypes: [5, 7, 0], rows: [[true, "PostgreSQL 15.0 (offline)", 150000]] })
    : noDatabase(),
  executeRaw: noDatabase, executeScript: noDatabase, startTransaction: noDatabase, dispose: () => Promise.resolve(),
});
const offlineAdapterFactory = { provider: "postgres", adapterName: "@prisma/adapter-mock", connect: async () => offlineAdapter(), connectToShadowDb: noDatabase };

// ---------------------------------------------------------------------------------------------
// One-shot `cli` commands. The CLI drops the first stderr line and looks for an ERROR line from
// target schema_engine::logger carrying `error_code` + `message`.
async function adminQuery(sql) {
  // CREATE/DROP DATABASE must run while connected to some other database.
  let last;
  for (const database of ["postgres", "template1"]) {
    try { return await runOnce({ ...main.cfg, database }, sql); } catch (e) { last = e; if (e?.code !== "3D000") break; }
  }
  throw last;
}
const cliCommands = {
  "can-connect-to-database": () => runOnce(main.cfg, "SELECT 1"),
  "create-database": () => adminQuery(`CREATE DATABASE ${quoteIdent(main.cfg.database)}`)
    .catch((e) => { if (e?.code !== "42P04") throw e; }), // already exists: fine
  "drop-database": () => adminQuery(`DROP DATABASE IF EXISTS ${quoteIdent(main.cfg.database)} WITH (FORCE)`),
};

async function runCli(command) {
  log("INFO", `Starting schema-engine stand-in (cli ${command})`);
  try {
    if (!cliCommands[command]) throw new Error(`Unknown cli command: ${command}`);
    if (!main) throw new Error("Missing datasource url");
    await cliCommands[command]();
    process.exit(0);
  } catch (e) {
    const { message, ...extra } = classify(e, main?.cfg);
    log("ERROR", message, extra);
    process.exit(1);
  }
}

// ---------------------------------------------------------------------------------------------
// JSON-RPC server
const send = (msg) => process.stdout.write(JSON.stringify({ jsonrpc: "2.0", ...msg }) + "\n");
// Same shape as the native engine's errors. For panics the CLI shows `message` itself, for the
// rest `data.message` (prefixed with `data.error_code` when there is one).
const rpcError = (message, data) => ({
  code: 4466,
  message: data.is_panic ? message : "An error happened. Check the data field for details.",
  data: { message, ...data },
});
let nextOwnId = 1_000_000; // ids of our requests to the CLI ("print"), away from the CLI's own
const awaitingCli = new Map();
function requestCli(method, params) {
  const id = nextOwnId++;
  return new Promise((resolve) => { awaitingCli.set(id, resolve); send({ id, method, params }); });
}

async function serve() {
  const glue = await loadWasmEngine();
  const datamodels = datamodelPaths.map((p) => [p, fs.readFileSync(p, "utf8")]);
  // Some commands (`migrate diff`) start the engine without --datamodels; the native engine then
  // goes by --datasource, but the wasm one panics ("validate_multi_file() must be called with at
  // least one file"). Give it a schema that only names the connector.
  if (datamodels.length === 0) datamodels.push(["schema-engine-stand-in.prisma", 'datasource db {\n  provider = "postgresql"\n}\n']);
  let enginePromise = null;
  // Created lazily: the wasm engine connects while being constructed, and a connection error
  // must become the reply to a request rather than a crash.
  const getEngine = () => (enginePromise ??= (async () => {
    if (main) {
      await runOnce(main.cfg, "SELECT 1").catch((e) => {
        const { message, error_code } = classify(e, main.cfg);
        throw Object.assign(new Error(message), { code: error_code });
      });
    }
    const factory = main ? adapterFactory : offlineAdapterFactory;
    return glue.SchemaEngine.new({ datamodels }, (line) => process.stderr.write(String(line).endsWith("\n") ? line : `${line}\n`), bindMigrationAwareSqlAdapterFactory(factory));
  })());

  // After applyMigrations has applied something, the wasm engine's next evaluateDataLoss /
  // createMigration fails with "PostgreSQL shadow DB must be provided through an external
  // factory" (it loses its shadow-db setup). `migrate dev` does exactly that sequence on a
  // database with pending migrations. Diagnosing the history again (with the shadow database
  // allowed) restores it; the native engine needs no such step.
  let rediagnose = null;

  const handlers = {
    getDatabaseVersion: (engine, params) => engine.version(params ?? undefined),
    createDatabase: async () => { await cliCommands["create-database"](); return { databaseName: main.cfg.database }; },
    async applyMigrations(engine, params) {
      const out = await engine.applyMigrations(params);
      if (out.appliedMigrationNames.length > 0) rediagnose = { migrationsList: params.migrationsList, optInToShadowDatabase: true, filters: params.filters };
      return out;
    },
    async diff(engine, params) {
      const out = await engine.diff(params);
      // The native engine prints the diff through a "print" request to the CLI and waits for the
      // ack, so the CLI can capture it (`--output`) before it receives the diff result.
      if (out.stdout) await requestCli("print", { content: out.stdout });
      return { ...out, stdout: null };
    },
  };

  async function handle(req) {
    currentRequest = req;
    try {
      const engine = await getEngine();
      if (rediagnose && ["evaluateDataLoss", "createMigration"].includes(req.method)) {
        const input = rediagnose;
        rediagnose = null;
        await engine.diagnoseMigrationHistory(input);
      }
      let result;
      if (handlers[req.method]) result = await handlers[req.method](engine, req.params);
      else if (typeof engine[req.method] === "function" && !["free", "constructor"].includes(req.method)) result = await engine[req.method](req.params ?? {});
      else return send({ id: req.id, error: { code: -32601, message: `Method not found: ${req.method}` } });
      send({ id: req.id, result: result ?? {} });
    } catch (e) {
      const panic = e instanceof WebAssembly.RuntimeError;
      const message = panic && lastPanic ? lastPanic : String(e?.message ?? e);
      if (panic) log("ERROR", message);
      send({ id: req.id, error: rpcError(message, { is_panic: panic, error_code: e?.code, meta: e?.meta ?? {} }) });
      if (panic) { enginePromise = null; } // a panicked wasm instance is unusable; start afresh next time
    }
  }

  // Requests are handled one at a time, in order (like the native engine); replies from the CLI
  // to our own "print" requests bypass that queue, otherwise `diff` would wait on itself.
  let queue = Promise.resolve();
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on("line", (line) => {
    if (!line.trim()) return;
    let msg;
    try { msg = JSON.parse(line); } catch { return send({ id: null, error: { code: -32700, message: "Parse error" } }); }
    if (!msg.method && awaitingCli.has(msg.id)) { awaitingCli.get(msg.id)(msg.result); awaitingCli.delete(msg.id); return; }
    queue = queue.then(() => handle(msg));
  });
  // The CLI ends stdin when it is done with us.
  rl.on("close", () => queue.then(() => process.exit(0)));
}

// A wasm panic can also trap inside a callback the engine scheduled itself, outside any request
// promise. Report it like the native engine does (an ERROR log line, exit code 101), which makes
// the CLI show the panic instead of hanging or failing silently.
let currentRequest = null;
process.on("uncaughtException", (e) => {
  const message = lastPanic ?? String(e?.stack ?? e);
  log("ERROR", message, { is_panic: true });
  if (currentRequest) send({ id: currentRequest.id, error: rpcError(message, { is_panic: true }) });
  process.stdout.write("", () => process.exit(101));
});

// The CLI's stop() sends SIGTERM right after closing stdin; drop any throwaway shadow database
// we are still responsible for before going.
process.on("SIGTERM", () => {
  Promise.allSettled([...pendingCleanups].map((f) => f())).then(() => process.exit(0));
});

if (cliCommand === "--version") {
  const glue = await loadWasmEngine();
  process.stdout.write(`schema-engine-cli ${glue.version()} (wasm stand-in)\n`);
} else if (cliCommand) {
  await runCli(cliCommand);
} else {
  await serve();
}
