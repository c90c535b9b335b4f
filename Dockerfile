# Parley in one image: Next.js and Socket.IO on $PORT, database migrations applied on start.
#
#   docker compose up --build          (the usual way: see docker-compose.yml)
#   docker build -t parley .
#
# Stages: base (OS packages) -> deps (npm ci: every dependency, the generated Prisma client and
# Prisma's native schema engine) -> build (npm run build) -> prod-deps (dev dependencies
# pruned) -> runtime (what `npm start` and `prisma migrate deploy` need, as a non-root user).
# Written for the classic builder as well as BuildKit (no RUN --mount, no COPY --chmod).

ARG NODE_VERSION=22

# ---- base ------------------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS base
# openssl: Prisma detects it to pick, and links, its native schema engine.
# tini: PID 1; forwards SIGTERM to the whole process group and reaps zombies.
RUN apt-get update \
 && apt-get install -y --no-install-recommends openssl ca-certificates tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The image has internet access at build time, so it uses Prisma's native schema engine rather
# than the offline stand-in (scripts/prisma-schema-engine.mjs; see prisma.config.ts). No
# telemetry, update checks or other calls home at run time.
ENV PARLEY_NATIVE_SCHEMA_ENGINE=1 \
    PARLEY_EMBEDDED=0 \
    NEXT_TELEMETRY_DISABLED=1 \
    CHECKPOINT_DISABLE=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# ---- deps ------------------------------------------------------------------------------------
FROM base AS deps
# Only what `npm ci` and its postinstall (`prisma generate`) read, so editing the source does
# not invalidate this layer. @prisma/engines' own postinstall downloads the native schema
# engine; npm 11.19+ skips dependency install scripts unless allowed, so run it explicitly
# (a no-op when the engine is there) and fail the build if the engine is still missing.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/schema.prisma ./prisma/schema.prisma
RUN npm ci
RUN node node_modules/@prisma/engines/scripts/postinstall.js \
 && if ! ls node_modules/@prisma/engines/schema-engine-*; then \
      echo "Prisma's native schema engine was not downloaded (no network?)" >&2; exit 1; \
    fi

# ---- build -----------------------------------------------------------------------------------
FROM deps AS build
COPY . .
# Placeholders for anything that validates configuration while building. Nothing connects to
# them, and build arguments do not reach the runtime stage's environment.
ARG DATABASE_URL=postgresql://build:build@127.0.0.1:5432/build
ARG AUTH_SECRET=build-time-placeholder-never-used-at-run-time
# public/ may be empty, and git does not keep empty folders.
RUN npm run build \
 && rm -rf .next/cache \
 && mkdir -p public

# ---- prod-deps -------------------------------------------------------------------------------
FROM build AS prod-deps
# Keeps the generated client and the downloaded schema engine (prisma is a runtime dependency).
RUN npm prune --omit=dev

# ---- runtime ---------------------------------------------------------------------------------
FROM base AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/next.config.js /app/prisma.config.ts ./
COPY --from=build /app/dist ./dist
COPY --from=build /app/public ./public
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/data ./data
COPY --from=build /app/scripts/docker-entrypoint.sh ./scripts/docker-entrypoint.sh
# Next writes its caches under .next at run time; everything else stays owned by root.
COPY --from=build --chown=node:node /app/.next ./.next

# Uploaded files live here (local storage backend); a named volume keeps them across upgrades.
RUN mkdir -p /app/.data/uploads && chown node:node /app/.data /app/.data/uploads
VOLUME ["/app/.data/uploads"]
USER node
EXPOSE 3000
# Generous start period: migrations run before the server listens.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# The entrypoint applies migrations, then execs the command; `-g` sends SIGTERM to the whole
# process group so `docker stop` during a migration stops Prisma too.
ENTRYPOINT ["/usr/bin/tini", "-g", "--", "/bin/sh", "/app/scripts/docker-entrypoint.sh"]
# Exactly `npm start`, without npm in between: npm would relay SIGTERM a second time.
CMD ["node", "--enable-source-maps", "dist/server.mjs"]
