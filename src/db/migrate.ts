import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ApplyMigrationsInput } from '@prisma/schema-engine-wasm';
import { migrationsDir, schemaPath } from '../shared/paths.js';
import { schemaFilters, withSchemaEngine } from './schema-engine.js';

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

/**
 * True when every committed migration is recorded as applied, with the checksum Prisma records (sha256 of
 * the file). A plain read: the schema engine takes an exclusive lock on the file, which would fail while
 * another process (a second instance, a backup) has it open, so it only runs when there is work to do.
 */
function upToDate(file: string, migrations: ApplyMigrationsInput['migrationsList']): boolean {
  if (!existsSync(file)) return false;
  const db = new Database(file, { readonly: true, timeout: 5000 });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return false;
    const applied = new Map(
      db
        .prepare('SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')
        .all()
        .map((row) => [(row as { migration_name: string }).migration_name, (row as { checksum: string }).checksum]),
    );
    return migrations.migrationDirectories.every((migration) => {
      const content = migration.migrationFile.content;
      return content.tag === 'ok' && applied.get(migration.path) === createHash('sha256').update(content.value).digest('hex');
    });
  } finally {
    db.close();
  }
}

/** Applies pending migrations to a SQLite file, recorded in Prisma's `_prisma_migrations` table; returns their names. */
export async function migrate(file: string): Promise<string[]> {
  const migrationsList = loadMigrations();
  if (upToDate(file, migrationsList)) return [];
  return withSchemaEngine(`file:${file}`, schemaPath, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: schemaFilters });
    return appliedMigrationNames;
  });
}
