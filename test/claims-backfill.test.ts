import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { migrationsDir } from '../src/db/provider.js';
import { openTestDatabase } from './helpers.js';

// A database written before claims existed gets its articles' claims from the backfill migration: the same
// claims the import writes (tested on the seed, whose claims are removed first, as on such a database).

const opened = await openTestDatabase();
afterAll(() => opened.db.$disconnect());

test('the backfill migration gives each article the claims its import would have written', async () => {
  const { db } = opened;
  const claims = async () =>
    (await db.claim.findMany({ orderBy: { id: 'asc' } }))
      .map(({ articleId, countryId, cityId, organizationId, field, value }) => ({ articleId, countryId, cityId, organizationId, field, value }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const imported = await claims();
  expect(imported.length).toBeGreaterThan(10);
  await db.claim.deleteMany();
  const dir = readdirSync(migrationsDir('sqlite')).find((name) => name.endsWith('_backfill_claims'))!;
  const sql = readFileSync(path.join(migrationsDir('sqlite'), dir, 'migration.sql'), 'utf8').replace(/^--.*$/gm, '');
  for (const statement of sql.split(';').map((s) => s.trim()).filter(Boolean)) await db.$executeRawUnsafe(statement);
  expect(await claims()).toEqual(imported);
});
