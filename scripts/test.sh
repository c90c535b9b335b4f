#!/usr/bin/env bash
# The test command (`npm test`): builds the production app (unless a build of the current sources exists), runs the unit and integration
# suites (vitest, against real PostgreSQL and Redis), then the end-to-end suite (Playwright in
# Debian's Chromium) against the real server on a throwaway database, and prints one line
# "N passed, N failed" counting every suite. Exits non-zero if anything failed.
# VITEST_ARGS / PLAYWRIGHT_ARGS narrow a run while developing (e.g. PLAYWRIGHT_ARGS=e2e/dm.spec.ts).
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
PG_ADMIN_URL="${TEST_PG_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
REDIS_URL_FOR_TESTS="${TEST_REDIS_URL:-redis://127.0.0.1:6379}"
# Reports live outside test-results/, which Playwright empties when it starts.
REPORTS=test-reports
mkdir -p "$REPORTS"
rm -f "$REPORTS/vitest.json" "$REPORTS/e2e.json"

step() { printf '\n==> %s\n' "$*"; }
failures=0

step "Checking prerequisites"
# Every one checked before anything runs; one line each for what is missing and how to get it.
missing=0
need() { printf '  missing: %s\n' "$*" >&2; missing=1; }
command -v psql >/dev/null 2>&1 || need "psql (PostgreSQL client): apt-get install postgresql-client"
command -v curl >/dev/null 2>&1 || need "curl: apt-get install curl"
if command -v psql >/dev/null 2>&1 && ! psql "$PG_ADMIN_URL" -qAtc 'select 1' >/dev/null 2>&1; then
  need "PostgreSQL 15+ at $PG_ADMIN_URL (a role that may create databases): apt-get install postgresql && service postgresql start, or set TEST_PG_ADMIN_URL"
fi
if ! node -e "const n=require('node:net');const u=new URL(process.argv[1]);const s=n.connect(+u.port||6379,u.hostname,()=>{s.write('PING\r\n')});s.on('data',d=>process.exit(String(d).startsWith('+PONG')?0:1));s.on('error',()=>process.exit(1));setTimeout(()=>process.exit(1),2000)" "$REDIS_URL_FOR_TESTS"; then
  need "Redis 7 at $REDIS_URL_FOR_TESTS: apt-get install redis-server && service redis-server start, or set TEST_REDIS_URL"
fi
command -v redis-server >/dev/null 2>&1 || need "redis-server (the cluster tests start their own): apt-get install redis-server"
[ -x /usr/bin/chromium ] || need "Chromium at /usr/bin/chromium (the end-to-end tests): apt-get install chromium"
command -v "${PARLEY_NGINX:-nginx}" >/dev/null 2>&1 || { [ -z "${PARLEY_NGINX:-}" ] && [ -x /usr/sbin/nginx ]; } || need "nginx (the cluster and fault tests; PARLEY_NGINX names another binary): apt-get install nginx"
command -v openssl >/dev/null 2>&1 || need "openssl (the TLS cluster test makes its certificates with scripts/make-certs.sh): apt-get install openssl"
if ((missing)); then
  echo "Install or start what is missing above, then run npm test again." >&2
  echo "0 passed, 1 failed"
  exit 1
fi
echo "PostgreSQL, Redis, redis-server, Chromium, nginx, openssl, psql and curl: all there"

step "Building the production app"
# Once: a build whose stamp matches the current sources (CI's bench smoke makes one) is reused;
# a missing or stale one is rebuilt. PARLEY_TEST_REBUILD=1 always rebuilds.
if [ "${PARLEY_TEST_REBUILD:-}" != "1" ] && node scripts/build-server.mjs --check; then
  echo "reusing it"
elif ! npm run build; then
  echo "0 passed, 1 failed"
  exit 1
fi

step "Unit and integration tests (vitest)"
npx vitest run ${VITEST_ARGS:-} --reporter=default --reporter=json --outputFile.json="$REPORTS/vitest.json" || failures=1

step "End-to-end tests (Playwright, Chromium)"
E2E_DB="parley_e2e_$(date +%s)_$$"
# A free port unless one is given, so several checkouts can run their suites side by side.
free_port() { node -e "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
E2E_PORT="${E2E_PORT:-$(free_port)}"
E2E_URL="http://127.0.0.1:${E2E_PORT}"
# The single sign-on spec (e2e/sso.spec.ts) starts a real OpenID Connect provider on this port.
E2E_OIDC_PORT="${E2E_OIDC_PORT:-$(free_port)}"
export E2E_OIDC_PORT E2E_OIDC_NAME="Test IdP"
E2E_DB_URL="${PG_ADMIN_URL%/*}/${E2E_DB}"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
  fi
  psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS \"$E2E_DB\" WITH (FORCE)" >/dev/null 2>&1
}
trap cleanup EXIT
psql "$PG_ADMIN_URL" -qc "CREATE DATABASE \"$E2E_DB\"" >/dev/null
DATABASE_URL="$E2E_DB_URL" npx prisma migrate deploy >/dev/null && DATABASE_URL="$E2E_DB_URL" npm run --silent db:seed
NODE_ENV=production DATABASE_URL="$E2E_DB_URL" REDIS_URL="$REDIS_URL_FOR_TESTS" AUTH_SECRET="e2e-secret-e2e-secret-e2e-secret-0123456789" \
  OIDC_ISSUER="http://127.0.0.1:${E2E_OIDC_PORT}" OIDC_CLIENT_ID=parley-test OIDC_CLIENT_SECRET=parley-test-secret-0123456789abcdef OIDC_NAME="$E2E_OIDC_NAME" \
  REDIS_KEY_PREFIX="parley-e2e-$$" RATE_LIMIT_SCALE=1000 PORT="$E2E_PORT" HOST=127.0.0.1 APP_ORIGIN="$E2E_URL" LOG_LEVEL=warn \
  node --enable-source-maps dist/server.mjs > "$REPORTS/e2e-server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
  curl -fsS "$E2E_URL/api/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.2
done
if curl -fsS "$E2E_URL/api/health" >/dev/null 2>&1; then
  E2E_BASE_URL="$E2E_URL" PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/e2e.json" npx playwright test ${PLAYWRIGHT_ARGS:-} || failures=1
else
  echo "The e2e server did not start:" >&2
  cat "$REPORTS/e2e-server.log" >&2
  failures=1
fi
cleanup
trap - EXIT

step "Summary"
node scripts/test-summary.mjs "$REPORTS/vitest.json" "$REPORTS/e2e.json" || failures=1
exit "$failures"
