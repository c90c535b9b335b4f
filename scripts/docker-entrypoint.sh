#!/bin/sh
# Container entrypoint (see Dockerfile): apply pending database migrations, then replace this
# shell with the command (by default the server, as `npm start` runs it), so the server is
# tini's direct child and receives SIGTERM itself.
#
# Several replicas starting at once is safe: `prisma migrate deploy` holds a PostgreSQL
# advisory lock while it works, and a migration already applied is skipped.
# PARLEY_MIGRATE_ON_START=0 skips the migrations (e.g. for a one-off command).
set -eu

if [ "${PARLEY_MIGRATE_ON_START:-1}" = "1" ]; then
  echo "docker-entrypoint: applying database migrations (prisma migrate deploy)"
  # --no: never download anything; prisma is installed in node_modules.
  npx --no prisma migrate deploy
else
  echo "docker-entrypoint: PARLEY_MIGRATE_ON_START=${PARLEY_MIGRATE_ON_START}: skipping migrations"
fi

echo "docker-entrypoint: starting: $*"
exec "$@"
