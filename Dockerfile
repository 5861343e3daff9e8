# delegation-graph: GraphQL API over a SQLite knowledge graph.
#   docker build -t delegation-graph .
#   docker run --init -p 4000:4000 -v delegation-graph-data:/data delegation-graph
# Behind a TLS-intercepting proxy, pass its CA bundle to the build only:
#   --build-arg NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
#   (with that file mounted or present in the build container)

# ---------------------------------------------------------------------------------------------------------
# Build: install from the lock file, compile TypeScript, then drop dev dependencies.
FROM node:20-bookworm-slim AS build

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
# `prisma generate`, which reads prisma.config.ts and prisma/schema.prisma and writes src/generated/.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/schema.prisma prisma/schema.prisma
# prisma.config.ts imports the list of tables Prisma must leave alone (the search index).
COPY src/db/external-tables.ts src/db/external-tables.ts
RUN npm ci --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json ./
COPY scripts scripts
COPY src src
# `--omit=optional` too: prisma (the CLI) and typescript are optional peer dependencies of @prisma/client, so
# the lock file marks them devOptional and `--omit=dev` alone keeps them (with the CLI's own dependencies,
# about 180 MB). No runtime dependency of this project needs an optional package.
RUN npm run build \
 && npm prune --omit=dev --omit=optional --no-audit --no-fund \
 && npm cache clean --force

# ---------------------------------------------------------------------------------------------------------
# Runtime: compiled code, production dependencies, migrations and seed; runs as the image's `node` user.
FROM node:20-bookworm-slim AS runtime

ENV NODE_ENV=production \
    DATABASE_URL=file:/data/delegation-graph.db \
    HOST=0.0.0.0 \
    PORT=4000

WORKDIR /app

# Application files stay owned by root (read-only for the service); only /data is writable by `node`.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Read at start: schema.prisma, migrations/ (applied to the database) and seed/*.json (loaded once).
COPY prisma ./prisma

RUN mkdir -p /data && chown node:node /data
VOLUME /data

USER node
EXPOSE 4000

# The server handles SIGTERM (graceful shutdown); run with --init for signal forwarding and zombie reaping.
CMD ["node", "dist/src/main.js"]
