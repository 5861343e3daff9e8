import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { externalTables } from './src/db/external-tables.js';

// The Prisma CLI downloads its native schema engine before `generate`, even though `generate` never runs
// it. Where no engine is installed (offline machines, CI here), point it at any existing file so that
// `prisma generate`/`validate`/`format` work; migrations are made and applied through the WebAssembly
// engine instead (scripts/migration.ts, src/db/migrate.ts). A machine with the real engine uses it.
//
// Two providers share the models (prisma/models.prisma): `npm ci` generates a client for each with
// `prisma generate --schema prisma/sqlite` and `--schema prisma/postgres`. Without --schema, the CLI reads the
// SQLite one.
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const enginesDir = path.dirname(createRequire(import.meta.url).resolve('@prisma/engines/package.json'));
  const hasNativeEngine = readdirSync(enginesDir).some((file) => file.startsWith('schema-engine-'));
  if (!hasNativeEngine) process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.resolve('prisma/models.prisma');
}

export default defineConfig({
  schema: 'prisma/sqlite',
  migrations: { path: 'prisma/sqlite/migrations' },
  // The search index is made by a hand-written migration; `prisma migrate dev` must not drop it.
  experimental: { externalTables: true },
  tables: { external: externalTables.sqlite },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/delegation-graph.db' },
});

