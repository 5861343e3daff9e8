import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { seed, seedDocuments } from '../src/modules/import/seed.js';
import { importDocument } from '../src/modules/import/import.service.js';
import { DocumentValidationError } from '../src/modules/import/validate.js';
import { migrationsDir } from '../src/db/provider.js';
import { dropTestDatabase, newTestDatabaseUrl, openTestDatabase, snapshot, testProvider } from './helpers.js';

const seedDocument = () => structuredClone(seedDocuments()[0]!.document) as any;

let db: Db;
let dir: string;
let url: string;
const created: string[] = [];
beforeAll(async () => {
  ({ db, dir, url } = await openTestDatabase());
  created.push(url);
});
afterAll(async () => {
  await db.$disconnect();
  for (const each of created) await dropTestDatabase(each);
  rmSync(dir, { recursive: true, force: true });
});

/** The migrations folder of the provider under test, in the order they apply. */
const migrationNames = () =>
  readdirSync(migrationsDir(testProvider), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

describe('migrations', () => {
  test('run in a worker thread as the compiled service runs them, with the same result', async () => {
    const fresh = await newTestDatabaseUrl(mkdtempSync(path.join(dir, 'worker-')));
    created.push(fresh);
    expect(await migrate(fresh, { worker: true })).toEqual(migrationNames());
    expect(await migrate(fresh, { worker: true })).toEqual([]);
    const opened = await openDatabase(fresh);
    expect(opened.applied).toEqual([]);
    // The tables are there, and empty: migrations never write data.
    expect(await opened.db.article.count()).toBe(0);
    await opened.db.$disconnect();
  });

  test('are applied when the database is opened, recorded with Prisma checksums, and only once', async () => {
    const applied = await db.$queryRawUnsafe<{ migration_name: string; checksum: string; finished_at: string | null }[]>(
      'SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(applied.map((m) => m.migration_name)).toEqual(migrationNames());
    for (const migration of applied) {
      const sql = readFileSync(path.join(migrationsDir(testProvider), migration.migration_name, 'migration.sql'));
      expect(migration.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(migration.finished_at).not.toBeNull();
    }
    // Opened again while the first connection is open, as a second instance would: nothing to apply.
    const again = await openDatabase(url);
    expect(again.applied).toEqual([]);
    await again.db.$disconnect();
  });

  test.runIf(testProvider === 'sqlite')('the service opens SQLite with WAL, foreign keys on and full synchronous commits', async () => {
    expect(await db.$queryRawUnsafe('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await db.$queryRawUnsafe('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1n }]);
    expect(await db.$queryRawUnsafe('PRAGMA synchronous')).toEqual([{ synchronous: 2n }]);
  });
});

describe('seed loading', () => {
  test('loads every record the article reports', async () => {
    expect(await db.article.count()).toBe(1);
    expect(await db.delegation.count()).toBe(2);
    expect(await db.event.count()).toBe(10);
    expect(await db.agreement.count()).toBe(3);
    expect(await db.image.count()).toBe(3);
    expect(await db.organization.count()).toBe(2);
    expect(await db.city.count()).toBe(5);
    expect(await db.country.count()).toBe(4);
  });

  test('every stored quote is the article body between its offsets', async () => {
    const body = (await db.article.findFirstOrThrow()).body;
    const evidence = await db.evidence.findMany();
    expect(evidence.length).toBeGreaterThan(30);
    for (const item of evidence) expect(body.slice(item.start, item.end)).toBe(item.quote);
  });

  test('is idempotent: loading again changes nothing', async () => {
    const before = await snapshot(db);
    const reports = await seed(db);
    expect(reports.map((r) => r.status)).toEqual(['UNCHANGED']);
    expect(await snapshot(db)).toEqual(before);
  });

  test('re-importing a document whose hash differs rewrites nothing but the hash', async () => {
    const before = await snapshot(db);
    await db.article.updateMany({ data: { contentHash: 'stale' } });
    const report = await importDocument(db, seedDocument());
    expect(report.status).toBe('UPDATED');
    expect(report.changes).toEqual({ articles: { created: 0, updated: 1, deleted: 0 } });
    const { AuditEntry: audit, ...after } = await snapshot(db);
    const { AuditEntry: auditBefore, ...rest } = before;
    expect(after).toEqual(rest);
    // The one change is in the audit log, with the hash before and after.
    expect(audit.slice(auditBefore!.length)).toMatchObject([{ action: 'UPDATE', entity: 'Article', actor: 'system' }]);
    expect(JSON.parse((audit.at(-1) as any).before).contentHash).toBe('stale');
  });
});

describe('an edited document', () => {
  let scratch: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    scratch = await openTestDatabase();
  });
  afterAll(async () => {
    await scratch.db.$disconnect();
    rmSync(scratch.dir, { recursive: true, force: true });
  });

  test('updates records in place, keeps their ids, and removes what the document dropped', async () => {
    const doc = seedDocument();
    const conference = doc.events.find((e: any) => e.key === 'tashkent-china-shandong-uzbekistan-conference');
    conference.description = 'An edited description.';
    doc.images = doc.images.filter((image: any) => image.key !== 'image-3');
    const before = await scratch.db.event.findFirstOrThrow({ where: { key: conference.key } });

    const report = await importDocument(scratch.db, doc);

    expect(report.status).toBe('UPDATED');
    expect(report.changes.events).toEqual({ created: 0, updated: 1, deleted: 0 });
    expect(report.changes.images).toEqual({ created: 0, updated: 0, deleted: 1 });
    const after = await scratch.db.event.findFirstOrThrow({ where: { key: conference.key } });
    expect(after.id).toBe(before.id);
    expect(after.description).toBe('An edited description.');
    expect(await scratch.db.image.count()).toBe(2);
    // The dropped image's quotes go with it; every remaining quote still cites a record.
    expect(await scratch.db.evidence.count({ where: { imageId: null, eventId: null, delegationId: null, agreementId: null, organizationId: null, cityId: null, countryId: null, personId: null, figureId: null } })).toBe(0);
  });

  test('can swap the order of two images', async () => {
    const doc = seedDocument();
    doc.images[0].position = 2;
    doc.images[1].position = 1;
    await importDocument(scratch.db, doc);
    const images = await scratch.db.image.findMany({ orderBy: { position: 'asc' } });
    expect(images.map((i) => i.key)).toEqual(['image-2', 'image-1', 'image-3']);
  });
});

describe('validation', () => {
  // Each case breaks one thing in a copy of the seed document and names the issue it must produce.
  const cases: [string, (doc: any) => void, string, string][] = [
    ['a quote that is not at its offsets', (d) => (d.events[0].evidence[0].start += 1), 'events[0].evidence[0].quote', 'QUOTE_MISMATCH'],
    ['offsets past the end of the body', (d) => (d.images[0].evidence[0].end = 99_999), 'images[0].evidence[0].end', 'QUOTE_MISMATCH'],
    ['a quote the article does not contain', (d) => (d.cities[1].evidence[0].quote = 'Astana, the capital of Atlantis'), 'cities[1].evidence[0].quote', 'QUOTE_MISMATCH'],
    ['a reference to a city the document lacks', (d) => (d.events[0].cityKey = 'atlantis'), 'events[0].cityKey', 'UNKNOWN_REFERENCE'],
    ['a reference to a delegation the document lacks', (d) => (d.events[2].participants[0].delegationKey = 'ghosts'), 'events[2].participants[0].delegationKey', 'UNKNOWN_REFERENCE'],
    ['an ISO code that does not exist', (d) => (d.countries[1].isoCode = 'QQ'), 'countries[1].isoCode', 'UNKNOWN_COUNTRY_CODE'],
    ['a date range that ends before it starts', (d) => (d.delegations[1].endDate = '2023-09-01'), 'delegations[1].endDate', 'INVALID_DATE_RANGE'],
    ['a day that is not on the calendar', (d) => (d.events[3].startDate = '2023-02-30'), 'events[3].startDate', 'INVALID_VALUE'],
    ['a city placed in another country', (d) => (d.events[0].countryCode = 'UZ'), 'events[0].countryCode', 'COUNTRY_MISMATCH'],
    ['a stated fact no quote supports', (d) => (d.delegations[1].evidence[0].facts = ['description', 'homeCity', 'parent', 'countriesVisited', 'endDate']), 'delegations[1].evidence', 'MISSING_EVIDENCE'],
    ['a name marked as quoted that the article does not contain', (d) => (d.events[1].name = 'Tashkent Investment Summit'), 'events[1].name', 'NOT_QUOTED'],
    ['an organization name the article does not give', (d) => (d.organizations[1].name = 'Sinoglory Group'), 'organizations[1].name', 'NOT_QUOTED'],
    ['a caption that is not verbatim', (d) => (d.images[2].caption = 'A visitor admires gourd pyrography.'), 'images[2].caption', 'NOT_QUOTED'],
    ['delegations that are each other’s parent', (d) => (d.delegations[0].parentKey = 'liaocheng-delegation'), 'delegations[0].parentKey', 'CYCLE'],
    ['a key used twice', (d) => (d.events[1].key = d.events[0].key), 'events[1].key', 'DUPLICATE_KEY'],
    ['a field the format does not have', (d) => (d.events[0].venue = 'Palace of Independence'), 'events[0]', 'INVALID_VALUE'],
  ];

  test.each(cases)('rejects %s, names the path, and writes nothing', async (_name, breakIt, path, code) => {
    const before = await snapshot(db);
    const doc = seedDocument();
    doc.article.slug = 'a-new-article';
    breakIt(doc);
    const error = await importDocument(db, doc).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentValidationError);
    expect((error as DocumentValidationError).issues).toContainEqual(expect.objectContaining({ path, code }));
    expect(await snapshot(db)).toEqual(before);
  });

  test('reports every problem of a document at once', async () => {
    const doc = seedDocument();
    doc.events[0].evidence[0].start += 1;
    doc.events[0].cityKey = 'atlantis';
    const error = (await importDocument(db, doc).catch((e: unknown) => e)) as DocumentValidationError;
    expect(error.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['QUOTE_MISMATCH', 'UNKNOWN_REFERENCE']));
    expect(error.message).toContain('events[0].evidence[0].quote');
  });
});
