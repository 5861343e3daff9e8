// PostgreSQL's migration path: the Wasm schema engine through @prisma/adapter-pg with its four defects mended
// (src/db/postgres-adapter.ts), and migrations applied once when several replicas start together.
import { afterAll, expect, test } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { applyMigrations, loadMigrations, migrate } from '../src/db/migrate.js';
import { migrationsDir, schemaFiles } from '../src/db/provider.js';
import { schemaFilters, withSchemaEngine } from '../src/db/schema-engine.js';
import { dropTestDatabase, newTestDatabaseUrl, openTestDatabase, postgresRows } from './helpers.js';

const made: string[] = [];
async function emptyDatabase(): Promise<string> {
  const url = await newTestDatabaseUrl('');
  made.push(url);
  return url;
}
afterAll(async () => {
  for (const url of made) await dropTestDatabase(url);
});


test('migrations apply on an empty database, and a second run applies nothing', async () => {
  const url = await emptyDatabase();
  const all = loadMigrations('postgres').migrationDirectories.map((migration) => migration.path);
  expect(await migrate(url)).toEqual(all);
  expect(await migrate(url)).toEqual([]);
  const [row] = await postgresRows<{ n: string }>(url, 'SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL');
  expect(Number(row!.n)).toBe(all.length);
});

test('three replicas starting together on one new database apply the migrations once', async () => {
  const url = await emptyDatabase();
  const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);
  const all = loadMigrations('postgres').migrationDirectories.map((migration) => migration.path);
  expect(results.filter((applied) => applied.length > 0)).toEqual([all]);
  const [row] = await postgresRows<{ n: string }>(url, 'SELECT count(*) AS n FROM _prisma_migrations');
  expect(Number(row!.n)).toBe(all.length);
});

test('a diff through a shadow database leaves the main database and no shadow behind (defects 1 and 2)', async () => {
  const { db, url } = await openTestDatabase({ seed: true });
  const before = await db.delegation.count();
  expect(before).toBeGreaterThan(0);
  await withSchemaEngine(url, async (engine) => {
    const files = schemaFiles('postgres');
    // From the migrations folder: the engine replays them into a shadow database, then compares.
    const { stdout } = await engine.diff({
      from: { tag: 'migrations', ...loadMigrations('postgres'), shadowDbInitScript: '' },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: schemaFilters('postgres'),
    } as Parameters<typeof engine.diff>[0]);
    expect((stdout ?? '').trim()).toBe('-- This is an empty migration.');
  });
  // Defect 1 would have replayed the migrations into (and reset) this database.
  expect(await db.delegation.count()).toBe(before);
  await db.$disconnect();
  // Defect 2 would have left prisma_migrate_shadow_db_* behind.
  const shadows = await postgresRows<{ datname: string }>(url, "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'");
  expect(shadows).toEqual([]);
  await dropTestDatabase(url);
});

test('introspecting a migrated database finds it equal to the models (defect 3: the catalog\'s "char" columns)', async () => {
  const url = await emptyDatabase();
  await migrate(url);
  const sql = await withSchemaEngine(url, async (engine) => {
    const files = schemaFiles('postgres');
    const { stdout } = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: migrationsDir('postgres') },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: schemaFilters('postgres'),
    });
    return (stdout ?? '').trim();
  });
  expect(sql).toBe('-- This is an empty migration.');
});

test('a migration with a $$-quoted plpgsql body applies whole (defect 4)', async () => {
  const url = await emptyDatabase();
  const list = loadMigrations('postgres');
  const body = `CREATE FUNCTION dg_answer() RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1; -- a statement inside the body, ended by a semicolon
  RETURN 42;
END;
$$;
SELECT 1;`;
  list.migrationDirectories.push({ path: '99999999999999_function', migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: body } } });
  expect(await applyMigrations(url, list)).toContain('99999999999999_function');
  expect(await postgresRows(url, 'SELECT dg_answer() AS answer')).toEqual([{ answer: 42 }]);
});

test('the service opens a PostgreSQL database, migrates it and reads the seed through Prisma', async () => {
  const url = await emptyDatabase();
  const { db, provider, applied } = await openDatabase(url);
  expect(provider).toBe('postgres');
  expect(applied.length).toBe(loadMigrations('postgres').migrationDirectories.length);
  expect(await db.delegation.count()).toBe(0);
  await db.$disconnect();
});

test('reads run at once inside a transaction reach pg one at a time, and pg warns of nothing (defect 5)', async () => {
  const { db, url } = await openTestDatabase({ seed: true });
  const warnings: string[] = [];
  const listen = (warning: Error) => warnings.push(warning.message);
  process.on('warning', listen);
  try {
    const counts = await db.$transaction(async (tx) => Promise.all([tx.delegation.count(), tx.event.count(), tx.agreement.count(), tx.article.count()]));
    expect(counts).toEqual([2, await db.event.count(), await db.agreement.count(), 1]);
    // Warnings are emitted on a later tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toEqual([]);
  } finally {
    process.off('warning', listen);
    await db.$disconnect();
    await dropTestDatabase(url);
  }
});
