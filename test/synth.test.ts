import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { dialectOf, type Db } from '../src/db/client.js';
import { SYNTH_ACTOR, SYNTH_SOURCE, synthesize, SynthError } from '../bench/synthetic-data.js';
import { documentOf } from './document-of.js';
import { secondArticle } from './fixtures/second-article.js';
import { importDocument } from '../src/modules/import/import.service.js';
import { validateDocument } from '../src/modules/import/validate.js';
import { projectRoot } from '../src/shared/paths.js';
import { expectIndexMatchesSource, openTestDatabase, snapshot } from './helpers.js';

const opened: { db: Db; dir: string }[] = [];
async function database(options: { seed?: boolean } = {}) {
  const handle = await openTestDatabase({ seed: options.seed ?? false });
  opened.push(handle);
  return handle;
}
afterAll(async () => {
  for (const { db, dir } of opened) {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Every row of every table, without the columns that hold the time of writing. */
async function rows(db: Db, options: { audit?: boolean } = {}) {
  const all = await snapshot(db);
  all.Article = all.Article.map(({ importedAt: _, ...row }: Record<string, unknown>) => row);
  all.Claim = all.Claim.map(({ createdAt: _, ...row }: Record<string, unknown>) => row);
  all.AuditEntry = options.audit === false ? [] : all.AuditEntry.map(({ at: _, ...row }: Record<string, unknown>) => row);
  return all;
}


const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('synthetic data', () => {
  test('the same seed and size give the same rows; another seed other rows', async () => {
    const [a, b, c] = [await database(), await database(), await database()];
    await synthesize(a.db, { events: 400, seed: 7 });
    await synthesize(b.db, { events: 400, seed: 7 });
    await synthesize(c.db, { events: 400, seed: 8 });
    const first = await rows(a.db);
    expect(first.Event).toHaveLength(400);
    expect(await rows(b.db)).toEqual(first);
    const other = await rows(c.db);
    expect(other.Event).toHaveLength(400);
    expect(other.Article).not.toEqual(first.Article);
  });

  test('the bulk writer writes exactly what importing the documents writes, except the audit log', async () => {
    const [bulk, imported] = [await database(), await database()];
    const viaBulk = await synthesize(bulk.db, { events: 300, seed: 3 });
    const viaImport = await synthesize(imported.db, { events: 300, seed: 3, via: 'import' });
    expect(viaBulk.written).toEqual(viaImport.written);
    expect(await rows(bulk.db, { audit: false })).toEqual(await rows(imported.db, { audit: false }));
    expect(await bulk.db.auditEntry.count()).toBe(0);
    const actors = await imported.db.auditEntry.groupBy({ by: ['actor'], _count: true });
    expect(actors.map((a) => a.actor)).toEqual([SYNTH_ACTOR]);
  });

  test('after a bulk write, the service numbers its own new records after the bulk ones', async () => {
    const { db } = await database();
    await synthesize(db, { events: 100, seed: 4 });
    const highest = await db.article.aggregate({ _max: { id: true } });
    // The bulk writer chose its ids itself; an import after it must not be handed one of them.
    const report = await importDocument(db, secondArticle());
    expect(report.status).toBe('CREATED');
    const created = await db.article.findUniqueOrThrow({ where: { slug: secondArticle().article.slug } });
    expect(created.id).toBe(highest._max.id! + 1);
  });

  test('counts are in the proportions of the seed article', async () => {
    const { db } = await database();
    const events = 600;
    const { written } = await synthesize(db, { events, seed: 1 });
    expect(written.events).toBe(events);
    expect(await db.event.count()).toBe(events);

    const articles = await db.article.findMany({
      include: {
        _count: { select: { delegations: true, events: true, agreements: true, images: true } },
        delegations: { include: { visits: true } },
        evidence: { where: { organizationId: { not: null } }, select: { organizationId: true } },
      },
    });
    expect(articles.every((a) => a.source === SYNTH_SOURCE)).toBe(true);
    expect(articles.length).toBeGreaterThanOrEqual(45);
    expect(articles.length).toBeLessThanOrEqual(75);
    for (const article of articles) {
      expect(article._count.events).toBeGreaterThanOrEqual(6);
      expect(article._count.events).toBeLessThanOrEqual(19);
      expect(article._count.delegations).toBeGreaterThanOrEqual(1);
      expect(article._count.delegations).toBeLessThanOrEqual(3);
      expect(article._count.agreements).toBeLessThanOrEqual(6);
      expect(article._count.images).toBeGreaterThanOrEqual(1);
      expect(article._count.images).toBeLessThanOrEqual(5);
      // Delegations inside others: children point at a parent of the same article.
      const ids = new Set(article.delegations.map((d) => d.id));
      for (const d of article.delegations) if (d.parentId != null) expect(ids.has(d.parentId)).toBe(true);
    }
    const perArticle = (f: (a: (typeof articles)[number]) => number) => mean(articles.map(f));
    expect(perArticle((a) => a._count.delegations)).toBeGreaterThan(1.6);
    expect(perArticle((a) => a._count.delegations)).toBeLessThan(2.3);
    expect(perArticle((a) => new Set(a.delegations.flatMap((d) => d.visits.map((v) => v.countryId))).size)).toBeGreaterThan(2.2);
    expect(perArticle((a) => new Set(a.delegations.flatMap((d) => d.visits.map((v) => v.countryId))).size)).toBeLessThan(3.3);
    expect(perArticle((a) => a._count.agreements)).toBeGreaterThan(2);
    expect(perArticle((a) => a._count.agreements)).toBeLessThan(4);
    expect(perArticle((a) => a._count.images)).toBeGreaterThan(2);
    expect(perArticle((a) => a._count.images)).toBeLessThan(4);
    expect(perArticle((a) => new Set(a.evidence.map((e) => e.organizationId)).size)).toBeGreaterThan(1.5);
    expect(perArticle((a) => new Set(a.evidence.map((e) => e.organizationId)).size)).toBeLessThan(3.5);

    const all = await db.event.findMany({ select: { startDate: true, cityId: true, countryId: true, kind: true } });
    const dated = all.filter((e) => e.startDate != null);
    expect(dated.length / events).toBeGreaterThan(0.18);
    expect(dated.length / events).toBeLessThan(0.32);
    expect(new Set(dated.map((e) => e.startDate!.slice(0, 7))).size).toBeGreaterThanOrEqual(12);
    expect(new Set(dated.map((e) => e.startDate!.slice(0, 4))).size).toBeGreaterThanOrEqual(5);
    expect(new Set(all.map((e) => e.countryId)).size).toBeGreaterThanOrEqual(12);
    const countryOnly = all.filter((e) => e.cityId == null && e.countryId != null).length;
    const nowhere = all.filter((e) => e.countryId == null).length;
    expect(countryOnly / events).toBeGreaterThan(0.1);
    expect(nowhere).toBeGreaterThan(0);
    expect(nowhere / events).toBeLessThan(0.1);
    // Kinds skewed: meetings and talks common, "other" rare.
    const kinds = new Map<string, number>();
    for (const e of all) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
    expect(kinds.size).toBeGreaterThanOrEqual(8);
    expect(kinds.get('MEETING')!).toBeGreaterThan(2 * (kinds.get('OTHER') ?? 0));

    // Shared places are real: ISO countries and gazetteer cities, from the seed's reference sources.
    const cities = await db.city.findMany({ include: { referenceSource: true, country: { include: { referenceSource: true } } } });
    expect(cities.length).toBeGreaterThanOrEqual(30);
    for (const city of cities) {
      expect(city.referenceSource.key).toBe('geonames');
      expect(city.country.referenceSource.key).toBe('iso-3166-1');
      expect(Math.abs(city.latitude)).toBeLessThanOrEqual(90);
    }
  });

  test('synthetic articles are valid documents, their quotes are in their bodies, and search indexes them', async () => {
    const { db } = await database();
    await synthesize(db, { events: 500, seed: 5 });
    const articles = await db.article.findMany({ select: { id: true, body: true }, orderBy: { id: 'asc' } });
    const sample = articles.filter((_, i) => i % 7 === 0);
    expect(sample.length).toBeGreaterThanOrEqual(5);
    for (const { id } of sample) {
      const document = await documentOf(db, id);
      expect(() => validateDocument(document)).not.toThrow();
    }
    const bodies = new Map(articles.map((a) => [a.id, a.body]));
    const evidence = await db.evidence.findMany();
    expect(evidence.length).toBeGreaterThan(1000);
    const misplaced = evidence.filter((e) => bodies.get(e.articleId)!.slice(e.start, e.end) !== e.quote);
    expect(misplaced).toEqual([]);
    await expectIndexMatchesSource(db, { nonEmpty: true });
    const found = await db.$queryRawUnsafe<{ n: number | bigint }[]>(
      dialectOf(db) === 'sqlite'
        ? `SELECT count(*) AS n FROM "SearchIndex" WHERE "SearchIndex" MATCH 'delegation'`
        : `SELECT count(*) AS n FROM "SearchDoc" WHERE "tsv" @@ to_tsquery('english_unaccent_nostop', 'delegation')`,
    );
    expect(Number(found[0]!.n)).toBeGreaterThan(articles.length);
  });

  test('on top of the seed: adds without touching the seed, refuses a second run, and --replace starts over', async () => {
    const { db } = await database({ seed: true });
    const seedRows = await rows(db);
    const unchanged = async () => {
      const now = await rows(db);
      for (const [table, before] of Object.entries(seedRows) as [string, unknown[]][]) {
        if (table === 'StatCount') continue; // counts of all records: they grow with the synthetic ones
        const after = new Set((now[table] as unknown[]).map((row) => JSON.stringify(row)));
        for (const row of before) expect(after.has(JSON.stringify(row)), `${table} ${JSON.stringify(row)}`).toBe(true);
      }
    };
    const first = await synthesize(db, { events: 300, seed: 2 });
    await unchanged();
    await expectIndexMatchesSource(db, { nonEmpty: true });
    // The seed's organization is shared, not duplicated, and keeps its version.
    const shandong = await db.organization.findMany({ where: { name: 'Shandong provincial government' } });
    expect(shandong).toHaveLength(1);
    expect(shandong[0]!.version).toBe(1);
    expect(await db.evidence.count({ where: { organizationId: shandong[0]!.id, article: { source: SYNTH_SOURCE } } })).toBeGreaterThan(0);

    await expect(synthesize(db, { events: 300, seed: 2 })).rejects.toThrow(SynthError);
    await expect(synthesize(db, { events: 300, seed: 2 })).rejects.toThrow(/--replace/);

    const again = await synthesize(db, { events: 300, seed: 2, replace: true });
    expect(again.removed.articles).toBe(first.written.articles);
    expect(again.written).toEqual(first.written);
    await unchanged();
    await expectIndexMatchesSource(db, { nonEmpty: true });
    expect(await db.article.count({ where: { source: SYNTH_SOURCE } })).toBe(first.written.articles);
    expect(await db.event.count()).toBe(seedRows.Event.length + 300);
    // Nothing orphaned: every organization is still cited by some article.
    expect(await db.organization.count({ where: { evidence: { none: {} } } })).toBe(0);
  });

  test('the command writes, reports, and refuses a second run', async () => {
    const handle = await database();
    await handle.db.$disconnect();
    const url = `file:${handle.dir}/cli.db`;
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/synth.ts', ...args], { cwd: projectRoot, env: { PATH: process.env.PATH } })
        .then(({ stdout }) => ({ code: 0, stdout, stderr: '' }), (error: { code: number; stdout: string; stderr: string }) => error);
    const written = await run('--events', '120', '--database', url);
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/events\s+120\b/);
    expect(written.stdout).toMatch(/took \d+\.\d s/);
    const refused = await run('--events', '120', '--database', url);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already has \d+ synthetic articles; pass --replace/);
    const usage = await run('--events', 'many', '--database', url);
    expect(usage.code).toBe(2);
  });
});
