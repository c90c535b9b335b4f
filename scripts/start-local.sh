#!/usr/bin/env bash
# `npm run go`: from a fresh clone to a running Parley in one command.
#   set-up (scripts/setup.sh: dependencies, .env, database, migrations, seed; re-runnable)
#   -> production build -> `npm start` (NODE_ENV=production) with .env loaded; the real
#   environment wins over .env.
# For development with reload use `npm run dev` after `npm run setup`.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PARLEY_GO=1 bash scripts/setup.sh

# shellcheck source=scripts/setup.sh # sourced, it only defines load_dotenv and friends
source scripts/setup.sh
load_dotenv

printf '\n==> %s\n' "Build (npm run build)"
npm run build

printf '\n==> %s\n' "Start (npm start, NODE_ENV=production) on ${APP_ORIGIN:-http://localhost:${PORT:-3000}}; Ctrl-C stops it"
exec npm start
