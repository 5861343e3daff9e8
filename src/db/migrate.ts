import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
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

/** Applies the migrations with the schema engine in this thread. */
export async function applyMigrations(file: string, migrationsList = loadMigrations()): Promise<string[]> {
  return withSchemaEngine(`file:${file}`, schemaPath, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: schemaFilters });
    return appliedMigrationNames;
  });
}

/** The compiled service runs from .js files; tests and `tsx` from the .ts sources. */
const compiled = import.meta.url.endsWith('.js');

/**
 * Applies pending migrations to a SQLite file, recorded in Prisma's `_prisma_migrations` table; returns their names.
 *
 * The schema engine is WebAssembly of about 50 MB that, once loaded, stays for the life of its thread. The
 * compiled service therefore runs it in a worker thread that exits when done: a start that migrates (the
 * first after an upgrade) measured 193-205 MB RSS once listening, against 219 MB with the engine in the main
 * thread and 174 MB for a start with nothing to migrate (the allocator keeps part of the thread's freed
 * memory). Sources (tests, scripts under tsx) run it in this thread unless told otherwise: a worker would
 * load tsx again for each test database.
 */
export async function migrate(file: string, options: { worker?: boolean } = {}): Promise<string[]> {
  const migrationsList = loadMigrations();
  if (upToDate(file, migrationsList)) return [];
  if (!(options.worker ?? compiled)) return applyMigrations(file, migrationsList);
  const script = new URL(`./migrate-worker.${compiled ? 'js' : 'ts'}`, import.meta.url);
  // From the sources the worker loads its TypeScript through tsx (a dev dependency, as the sources are).
  const worker = compiled
    ? new Worker(script, { workerData: { file } })
    : new Worker(`import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(script.href)}, ${JSON.stringify(import.meta.url)}))`, {
        eval: true,
        workerData: { file },
      });
  // Settled once the thread has exited (and its memory is released), with the answer it sent.
  return new Promise<string[]>((resolve, reject) => {
    let reply: { applied: string[] } | { error: Error } | undefined;
    worker.once('message', (message: typeof reply) => (reply = message));
    worker.once('error', (error) => (reply ??= { error }));
    worker.once('exit', (code) => {
      if (!reply) reject(new Error(`the migration worker exited with code ${code} before answering`));
      else if ('error' in reply) reject(reply.error);
      else resolve(reply.applied);
    });
  });
}
