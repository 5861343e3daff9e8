import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApplyMigrationsInput } from '@prisma/schema-engine-wasm';
import { migrationsDir, schemaPath } from '../shared/paths.js';
import { noFilters, withSchemaEngine } from './schema-engine.js';


/** The committed migrations, as the schema engine expects them (same layout as `prisma migrate`). */
export function loadMigrations(dir = migrationsDir): ApplyMigrationsInput['migrationsList'] {
  const lockPath = path.join(dir, 'migration_lock.toml');
  const migrationDirectories = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
        .map((name) => ({
          path: name,
          migrationFile: {
            path: 'migration.sql',
            content: { tag: 'ok' as const, value: readFileSync(path.join(dir, name, 'migration.sql'), 'utf8') },
          },
        }))
    : [];
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    migrationDirectories,
    shadowDbInitScript: '',
  };
}

/** Applies pending migrations, recorded in Prisma's `_prisma_migrations` table; returns their names. */
export async function migrate(url: string): Promise<string[]> {
  return withSchemaEngine(url, schemaPath, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: loadMigrations(), filters: noFilters });
    return appliedMigrationNames;
  });
}
