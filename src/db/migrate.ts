import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { ApplyMigrationsInput } from '@prisma/schema-engine-wasm';
import { migrationsDir, providerOf, type Provider } from './provider.js';
import { schemaFilters, withSchemaEngine } from './schema-engine.js';

type MigrationsList = ApplyMigrationsInput['migrationsList'];

/** A provider's committed migrations, as the schema engine expects them (same layout as `prisma migrate`). */
export function loadMigrations(provider: Provider, dir = migrationsDir(provider)): MigrationsList {
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

const APPLIED = 'SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL';

/** True when every committed migration is recorded as applied, with the checksum Prisma records (sha256 of the file). */
function allApplied(applied: { migration_name: string; checksum: string }[], migrations: MigrationsList): boolean {
  const checksums = new Map(applied.map((row) => [row.migration_name, row.checksum]));
  return migrations.migrationDirectories.every((migration) => {
    const content = migration.migrationFile.content;
    return content.tag === 'ok' && checksums.get(migration.path) === createHash('sha256').update(content.value).digest('hex');
  });
}

/**
 * Whether a SQLite file has every migration applied. A plain read: the schema engine takes an exclusive lock on
 * the file, which would fail while another process (a second instance, a backup) has it open, so it only runs
 * when there is work to do.
 */
function sqliteUpToDate(file: string, migrations: MigrationsList): boolean {
  if (!existsSync(file)) return false;
  const db = new Database(file, { readonly: true, timeout: 5000 });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    return Boolean(table) && allApplied(db.prepare(APPLIED).all() as { migration_name: string; checksum: string }[], migrations);
  } finally {
    db.close();
  }
}

async function postgresUpToDate(client: pg.Client, migrations: MigrationsList): Promise<boolean> {
  const { rows } = await client.query<{ table: string | null }>("SELECT to_regclass('_prisma_migrations')::text AS table");
  return Boolean(rows[0]?.table) && allApplied((await client.query(APPLIED)).rows, migrations);
}

/** Applies a provider's migrations to the database at `url` with the schema engine in this thread. */
export async function applyMigrations(url: string, migrationsList?: MigrationsList): Promise<string[]> {
  return withSchemaEngine(url, async (engine, provider) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: migrationsList ?? loadMigrations(provider), filters: schemaFilters(provider) });
    return appliedMigrationNames;
  });
}

/**
 * The advisory lock replicas take around their migrations, so that of several started together one migrates
 * and the others wait, then find nothing to do. (Prisma's engine takes its own lock, 72707369, inside.)
 */
export const MIGRATION_LOCK = 4_707_111;

/** The compiled service runs from .js files; tests and `tsx` from the .ts sources. */
const compiled = import.meta.url.endsWith('.js');

/**
 * Applies pending migrations to a database (a SQLite `file:` URL or a PostgreSQL one), recorded in Prisma's
 * `_prisma_migrations` table; returns their names. On PostgreSQL, several replicas starting at once take
 * turns under an advisory lock: the first migrates, the others then see nothing left to do.
 *
 * The schema engine is WebAssembly of about 50 MB that, once loaded, stays for the life of its thread. The
 * compiled service therefore runs it in a worker thread that exits when done: a start that migrates (the
 * first after an upgrade) measured 193-205 MB RSS once listening, against 219 MB with the engine in the main
 * thread and 174 MB for a start with nothing to migrate (the allocator keeps part of the thread's freed
 * memory). Sources (tests, scripts under tsx) run it in this thread unless told otherwise: a worker would
 * load tsx again for each test database.
 */
export async function migrate(url: string, options: { worker?: boolean } = {}): Promise<string[]> {
  const provider = providerOf(url);
  if (!provider) throw new Error(`not a database URL: ${url}`);
  const migrationsList = loadMigrations(provider);
  const run = () => (options.worker ?? compiled ? inWorker(url) : applyMigrations(url, migrationsList));
  if (provider === 'sqlite') return sqliteUpToDate(url.slice('file:'.length), migrationsList) ? [] : run();
  const client = new pg.Client(url);
  await client.connect();
  try {
    if (await postgresUpToDate(client, migrationsList)) return [];
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    // Another replica may have migrated while this one waited.
    return (await postgresUpToDate(client, migrationsList)) ? [] : await run();
  } finally {
    await client.end();
  }
}

function inWorker(url: string): Promise<string[]> {
  const script = new URL(`./migrate-worker.${compiled ? 'js' : 'ts'}`, import.meta.url);
  // From the sources the worker loads its TypeScript through tsx (a dev dependency, as the sources are).
  const worker = compiled
    ? new Worker(script, { workerData: { url } })
    : new Worker(`import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(script.href)}, ${JSON.stringify(import.meta.url)}))`, {
        eval: true,
        workerData: { url },
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
