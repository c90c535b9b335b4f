#!/usr/bin/env bash
# `npm run setup`: everything a fresh checkout needs before `npm run dev` or `npm start`.
#   1. Node.js 20.9+           2. dependencies (npm ci)       3. .env (AUTH_SECRET generated)
#   4. PostgreSQL reachable, database created if missing      5. Redis reachable (if configured)
#   6. migrations (prisma migrate deploy)                     7. seed (admin user and #general)
# Re-running is safe: each step checks before it acts. PARLEY_FORCE_INSTALL=1 forces npm ci.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '\n==> %s\n' "$*"; }
die() {
  printf '\nsetup failed: %s\n' "$*" >&2
  exit 1
}

# Read .env into the environment without overriding variables that are already set (the same
# precedence as the server and Next: the real environment wins).
load_dotenv() {
  local line key value
  [[ -f .env ]] || return 0
  while IFS= read -r line || [[ -n $line ]]; do
    line="${line%$'\r'}"
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    line="${line#export }"
    key="${line%%=*}"
    value="${line#*=}"
    [[ $key =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
    if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then value="${BASH_REMATCH[1]}"; fi
    [[ -n ${!key+set} ]] || export "$key=$value"
  done <.env
}

generate_secret() {
  if command -v openssl >/dev/null 2>&1; then
    openssl rand -base64 48 | tr -d '\n'
  else
    node -e 'process.stdout.write(require("node:crypto").randomBytes(48).toString("base64"))'
  fi
}

# Replace the line `KEY=...` of .env (or comment it out when the value is "#").
set_dotenv_line() {
  local key="$1" value="$2" tmp
  tmp="$(mktemp)"
  if [[ $value == "#" ]]; then
    awk -v k="$key" 'index($0, k "=") == 1 { print "# " $0; next } { print }' .env >"$tmp"
  else
    awk -v k="$key" -v v="$value" 'index($0, k "=") == 1 { print k "=" v; next } { print }' .env >"$tmp"
  fi
  cat "$tmp" >.env
  rm -f "$tmp"
}

# Sourced (scripts/start-local.sh does), this file only defines the functions above.
if [[ ${BASH_SOURCE[0]} != "$0" ]]; then return 0; fi

# ---- 1. Node.js ----------------------------------------------------------------------------------
say "Node.js"
command -v node >/dev/null 2>&1 || die "Node.js 20.9 or newer is required (https://nodejs.org)."
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 9) ? 0 : 1)' ||
  die "Node.js 20.9 or newer is required; this is $(node --version)."
echo "node $(node --version), npm $(npm --version)"

# ---- 2. dependencies -----------------------------------------------------------------------------
say "Dependencies"
stamp=node_modules/.parley-installed
if [[ -f package-lock.json ]]; then
  lock_hash="$(node -e 'process.stdout.write(require("node:crypto").createHash("sha256").update(require("node:fs").readFileSync("package-lock.json")).digest("hex"))')"
  if [[ ${PARLEY_FORCE_INSTALL:-0} != 1 && -f $stamp && "$(cat "$stamp")" == "$lock_hash" ]]; then
    echo "node_modules matches package-lock.json; regenerating the Prisma client only"
    npm run --silent db:generate
  else
    npm ci --no-audit --no-fund
    printf '%s' "$lock_hash" >"$stamp"
  fi
else
  echo "no package-lock.json: npm install"
  npm install --no-audit --no-fund
fi

# ---- 3. .env -------------------------------------------------------------------------------------
say "Configuration (.env)"
created_env=0
if [[ ! -f .env ]]; then
  [[ -f .env.example ]] || die ".env.example is missing; cannot create .env."
  cp .env.example .env
  chmod 600 .env
  created_env=1
  echo "created .env from .env.example"
fi
if grep -qE '^AUTH_SECRET=[[:space:]]*$' .env; then
  set_dotenv_line AUTH_SECRET "$(generate_secret)"
  echo "generated AUTH_SECRET in .env"
fi
redis_url_from_environment="${REDIS_URL+set}"
database_url_from_environment="${DATABASE_URL+set}"
load_dotenv
# A brand-new .env whose PostgreSQL is not there: use the embedded database instead
# (docs/embedded.md), so one command brings Parley up on a machine with no services.
if [[ $created_env == 1 && -z $database_url_from_environment && -n ${DATABASE_URL:-} ]]; then
  if ! node -e 'const u=new URL(process.argv[1]);const s=require("node:net").connect(+u.port||5432,u.hostname||"localhost",()=>process.exit(0));s.on("error",()=>process.exit(1));setTimeout(()=>process.exit(1),2000)' "$DATABASE_URL"; then
    set_dotenv_line DATABASE_URL "#"
    unset DATABASE_URL
    echo "no PostgreSQL at the default address: commented out DATABASE_URL in .env (embedded mode)"
  fi
fi
embedded=0
if [[ -z ${DATABASE_URL:-} ]]; then
  embedded=1
  echo "DATABASE_URL not set: Parley will start its embedded PostgreSQL (PGlite) in ./.parley"
fi

# ---- 4. PostgreSQL -------------------------------------------------------------------------------
if ((embedded == 0)); then
say "PostgreSQL"
# Connect to the configured database; if it does not exist, create it from the server's
# "postgres" maintenance database. Exit codes: 0 ready, 2 unreachable or refused.
node - <<'JS' || die "PostgreSQL is not ready (see above)."
const { Client } = require("pg");
const target = new URL(process.env.DATABASE_URL);
const dbName = decodeURIComponent(target.pathname.replace(/^\//, "")) || "postgres";
const where = `${target.hostname || "localhost"}:${target.port || 5432}`;
const user = decodeURIComponent(target.username) || process.env.USER || "(default user)";

async function connect(database) {
  const url = new URL(target);
  url.pathname = `/${encodeURIComponent(database)}`;
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 });
  await client.connect();
  return client;
}

function explain(e) {
  const code = e.code || "";
  if (["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH"].includes(code) || /timeout/i.test(e.message)) {
    return `Cannot reach PostgreSQL at ${where} (${code || e.message}).\n` +
      "Start PostgreSQL 15+ (e.g. `sudo service postgresql start` or `brew services start postgresql@16`),\n" +
      "or point DATABASE_URL in .env at a running server.";
  }
  if (code === "28P01" || code === "28000") {
    return `PostgreSQL at ${where} refused user "${user}": ${e.message}.\nFix the user/password in DATABASE_URL in .env.`;
  }
  return `PostgreSQL at ${where}: ${e.message}`;
}

(async () => {
  try {
    const client = await connect(dbName);
    const { rows } = await client.query("SHOW server_version");
    await client.end();
    console.log(`reachable at ${where}, server ${rows[0].server_version}; database "${dbName}" exists`);
    return;
  } catch (e) {
    if (e.code !== "3D000") { console.error(explain(e)); process.exit(2); }
  }
  console.log(`reachable at ${where}; database "${dbName}" does not exist yet: creating it`);
  let admin;
  try {
    admin = await connect("postgres").catch(() => connect("template1"));
    await admin.query(`CREATE DATABASE "${dbName.replace(/"/g, '""')}"`);
    console.log(`created database "${dbName}"`);
  } catch (e) {
    if (e.code === "42P04") { console.log(`database "${dbName}" was created meanwhile`); return; }
    if (e.code === "42501") {
      console.error(`User "${user}" may not create databases. Create it once yourself, e.g.:\n  createdb -h ${target.hostname || "localhost"} -p ${target.port || 5432} -U <superuser> ${dbName}`);
    } else {
      console.error(explain(e));
    }
    process.exit(2);
  } finally {
    await admin?.end().catch(() => {});
  }
})();
JS

fi

# ---- 5. Redis ------------------------------------------------------------------------------------
say "Redis"
if [[ -z ${REDIS_URL:-} ]]; then
  echo "REDIS_URL not set: Parley will run as a single instance (in-memory Socket.IO adapter)"
else
  redis_status=0
  node - <<'JS' || redis_status=$?
const { Redis } = require("ioredis");
const url = process.env.REDIS_URL;
const where = (() => { try { const u = new URL(url); return `${u.hostname}:${u.port || 6379}`; } catch { return url; } })();
const client = new Redis(url, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
let cause; // the socket error says more than the "Connection is closed" that connect() rejects with
client.on("error", (e) => { cause ??= e; });
client
  .connect()
  .then(() => client.ping())
  .then((pong) => { console.log(`reachable at ${where} (${pong})`); client.disconnect(); })
  .catch((e) => { console.error(`Cannot reach Redis at ${where}: ${(cause ?? e).message}`); client.disconnect(); process.exit(2); });
JS
  if ((redis_status != 0)); then
    if [[ $created_env == 1 && -z $redis_url_from_environment ]]; then
      # A brand-new .env pointing at a Redis that is not there: run single-instance instead.
      set_dotenv_line REDIS_URL "#"
      unset REDIS_URL
      echo "commented out REDIS_URL in .env: Parley will run as a single instance without Redis"
      echo "(start Redis 7 and restore REDIS_URL in .env to run several instances)"
    else
      die "REDIS_URL=$REDIS_URL does not answer. Start Redis 7 (e.g. \`redis-server\`), or unset REDIS_URL (in .env or the environment) to run a single instance without Redis."
    fi
  fi
fi

# ---- 6. migrations (embedded mode migrates and seeds itself at start) -------------------------------
if ((embedded == 0)); then
say "Database migrations (prisma migrate deploy)"
npx --no prisma migrate deploy

# ---- 7. seed -------------------------------------------------------------------------------------
say "Seed (admin user and #general)"
npm run --silent db:seed

fi

say "Parley is set up"
origin="${APP_ORIGIN:-http://localhost:${PORT:-3000}}"
# The password the admin really has: the seed just ran with this environment, or embedded mode
# generates one on its first start.
if ((embedded == 1)); then
  admin_password="generated on first start, printed then and saved in .parley/admin.txt"
elif [[ -n ${SEED_ADMIN_PASSWORD:-} ]]; then
  admin_password="the SEED_ADMIN_PASSWORD you set"
else
  admin_password="parley-admin, the seed's default; change it after signing in"
fi
# `npm run go` runs this script, then builds and starts Parley itself (PARLEY_GO=1).
if [[ ${PARLEY_GO:-0} == 1 ]]; then
  echo "  Next:       build, then start on ${origin} (npm run go carries on)"
else
  cat <<EOF
  Start it:   npm run go      (build, then serve on ${origin}, NODE_ENV=production)
              npm run dev     (development server with reload)
  Test it:    npm test
EOF
fi
echo "  Admin:      ${SEED_ADMIN_EMAIL:-admin@parley.local} (password: ${admin_password})"
