import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Context } from '../src/context.js';
import type { Db } from '../src/db/client.js';
import { importDocument } from '../src/modules/import/import.service.js';
import { countBy, delegationsByCountry, eventsByMonth, statsScope, totals, type StatsScope } from '../src/modules/stats/stats.service.js';
import { secondArticle } from './fixtures/second-article.js';
import { startTestServer, type TestServer } from './helpers.js';

// `stats` without a filter reads the StatCount table that triggers keep (migration stat_counts) instead of
// grouping whole tables. After every kind of write, each breakdown and total read that way must equal the
// GROUP BY over the tables that filtered stats run.
let server: TestServer;
let db: Db;
beforeAll(async () => {
  server = await startTestServer({ settings: { cacheMaxAgeSeconds: 0 } });
  db = server.db;
});
afterAll(() => server.close());

async function breakdowns(scope: StatsScope) {
  const ctx = { db } as Context;
  return {
    eventsByCountry: await countBy(ctx, scope, 'eventsByCountry'),
    eventsByCity: await countBy(ctx, scope, 'eventsByCity'),
    eventsByKind: await countBy(ctx, scope, 'eventsByKind'),
    eventsByMonth: await eventsByMonth(ctx, scope),
    agreementsByCountry: await countBy(ctx, scope, 'agreementsByCountry'),
    agreementsByKind: await countBy(ctx, scope, 'agreementsByKind'),
    delegationsByCountry: await delegationsByCountry(ctx, scope),
    events: await totals(ctx, scope, 'events'),
    agreements: await totals(ctx, scope, 'agreements'),
    delegations: await totals(ctx, scope, 'delegations'),
  };
}

/** The stored counts, checked against the GROUP BY path; returned for further checks. */
async function expectStoredEqualsGrouped() {
  const scope = await statsScope(db, null);
  expect(scope.stored).not.toBeNull();
  const stored = await breakdowns(scope);
  expect(stored).toEqual(await breakdowns({ ...scope, stored: null }));
  return stored;
}

describe('stored stats counts', () => {
  test('match the tables after the seed, and an empty filter reads them too', async () => {
    const stored = await expectStoredEqualsGrouped();
    expect(stored).toMatchObject({ events: 10, agreements: 3, delegations: 2 });
    expect((await statsScope(db, {})).stored).not.toBeNull();
    expect((await statsScope(db, { countryCode: 'KZ' })).stored).toBeNull();
  });

  test('follow an import, and a re-import that changes nothing', async () => {
    await importDocument(db, secondArticle());
    expect((await expectStoredEqualsGrouped()).events).toBe(12);
    await importDocument(db, secondArticle());
    expect((await expectStoredEqualsGrouped()).events).toBe(12);
  });

  test('follow updates that move events and agreements to other buckets, or to none', async () => {
    const unplaced = async () => (await expectStoredEqualsGrouped()).eventsByCountry.find((bucket) => bucket.key === null)?.count ?? 0;
    const unplacedBefore = await unplaced();
    const [first, second] = await db.event.findMany({ orderBy: { id: 'asc' }, take: 2 });
    await db.event.update({ where: { id: first!.id }, data: { kind: 'MEETING', startDate: '2024-02-29', cityId: null, countryId: null } });
    await db.event.update({ where: { id: second!.id }, data: { startDate: null, cityId: first!.cityId, countryId: first!.countryId } });
    const agreement = await db.agreement.findFirstOrThrow();
    await db.agreement.update({ where: { id: agreement.id }, data: { kind: 'OTHER', countryId: null } });
    const stored = await expectStoredEqualsGrouped();
    expect(stored.eventsByMonth).toContainEqual({ key: '2024-02', count: 1 });
    expect(await unplaced()).toBe(unplacedBefore + 1);
  });

  test('follow trips that lose, change or regain their countries', async () => {
    const [delegation] = await db.delegation.findMany({ where: { visits: { some: {} } }, orderBy: { id: 'asc' }, take: 1 });
    const visits = await db.delegationVisit.findMany({ where: { delegationId: delegation!.id }, orderBy: { position: 'asc' } });
    await db.delegationVisit.deleteMany({ where: { delegationId: delegation!.id } });
    const nowhere = await expectStoredEqualsGrouped();
    expect(nowhere.delegationsByCountry.at(-1)).toEqual({ key: null, count: 1 });

    await db.delegationVisit.createMany({ data: visits });
    const other = await db.country.findFirstOrThrow({ where: { id: { notIn: visits.map((visit) => visit.countryId) } } });
    await db.delegationVisit.update({ where: { delegationId_countryId: { delegationId: delegation!.id, countryId: visits[0]!.countryId } }, data: { countryId: other.id } });
    const moved = await expectStoredEqualsGrouped();
    expect(moved.delegationsByCountry).toContainEqual({ key: other.id, count: 1 });
    expect(moved.delegationsByCountry.some((bucket) => bucket.key === null)).toBe(false);
  });

  test('follow deletions, the cascade from a deleted article included', async () => {
    const event = await db.event.findFirstOrThrow({ orderBy: { id: 'desc' } });
    await db.event.delete({ where: { id: event.id } });
    await expectStoredEqualsGrouped();
    await db.article.delete({ where: { slug: secondArticle().article.slug } });
    const stored = await expectStoredEqualsGrouped();
    expect(stored).toMatchObject({ events: 10, agreements: 3, delegations: 2 });
  });

  test('date filters find records that began long before the range, however long they lasted', async () => {
    const event = await db.event.findFirstOrThrow({ where: { startDate: { not: null } }, orderBy: { id: 'asc' } });
    const delegation = await db.delegation.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const found = async (from: string) => {
      const data = await server.query<{ events: { nodes: { id: string }[] }; delegations: { nodes: { id: string }[] } }>(
        'query($from: Date) { events(first: 100, filter: { from: $from }) { nodes { id } } delegations(first: 100, filter: { from: $from }) { nodes { id } } }',
        { from },
      );
      return { events: data.events.nodes.length, delegations: data.delegations.nodes.length };
    };
    expect(await found('2031-06-01')).toEqual({ events: 0, delegations: 0 });
    // Three and a half years, from far before the range into it, written by an update and by plain SQL.
    await db.event.update({ where: { id: event.id }, data: { startDate: '2028-01-01', endDate: '2031-06-30' } });
    await db.$executeRaw`UPDATE "Delegation" SET "startDate" = '2027-12-31', "endDate" = '2031-06-02' WHERE id = ${delegation.id}`;
    expect(await found('2031-06-01')).toEqual({ events: 1, delegations: 1 });
    expect(await found('2031-06-03')).toEqual({ events: 1, delegations: 0 });
    // Shortened again: the bound stays as wide (it only grows), and the short record is still found.
    await db.event.update({ where: { id: event.id }, data: { startDate: '2031-06-01', endDate: '2031-06-30' } });
    expect(await found('2031-06-03')).toEqual({ events: 1, delegations: 0 });
  });

  test('the API answers the same unfiltered as filtered to the only article', async () => {
    const STATS = `query($filter: StatsFilter) { stats(filter: $filter) {
      eventCount agreementCount delegationCount
      eventsByCountry { country { isoCode } count } eventsByCity { city { name } count } eventsByKind { kind count }
      eventsByMonth { month count } agreementsByCountry { country { isoCode } count } agreementsByKind { kind count }
      delegationsByCountry { country { isoCode } count } } }`;
    const { articles } = await server.query<{ articles: { nodes: { id: string }[] } }>('{ articles { nodes { id } } }');
    expect(articles.nodes).toHaveLength(1);
    const unfiltered = await server.query(STATS);
    expect(unfiltered).toEqual(await server.query(STATS, { filter: { articleId: articles.nodes[0]!.id } }));
    expect(unfiltered.stats.eventCount).toBe(10);
  });
});
