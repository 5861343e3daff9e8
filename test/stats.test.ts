import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importDocument } from '../src/modules/import/import.service.js';
import { secondArticle } from './fixtures/second-article.js';
import { startTestServer, type TestServer } from './helpers.js';

// The chart counts, checked against the lists a dashboard shows beside them.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const STATS = `query Stats($filter: StatsFilter) {
  stats(filter: $filter) {
    eventCount agreementCount delegationCount
    eventsByCountry { country { name isoCode } count }
    eventsByCity { city { id name } count }
    eventsByKind { kind count }
    eventsByMonth { month count }
    agreementsByCountry { country { name isoCode } count }
    agreementsByKind { kind count }
    delegationsByCountry { country { name isoCode } count }
  }
}`;

type Filter = Record<string, unknown>;
const total = async (list: 'events' | 'agreements' | 'delegations', filter: Filter) =>
  (await server.query(`query($filter: ${list === 'events' ? 'Event' : list === 'agreements' ? 'Agreement' : 'Delegation'}Filter) {
    ${list}(filter: $filter) { totalCount } }`, { filter }))[list].totalCount as number;

/** The part of a stats filter that each list's filter has (see StatsFilter). */
function listFilters(filter: Filter) {
  const { eventKind, agreementKind, delegationId, cityId, ...common } = filter;
  return {
    events: { ...common, cityId, delegationId, kind: eventKind },
    agreements: { ...common, cityId, kind: agreementKind },
    delegations: common,
  };
}

/** Every bucket of every breakdown equals the total of the list filtered by the bucket's key as well. */
async function checkAgainstLists(filter: Filter) {
  const { stats } = await server.query(STATS, { filter });
  const lists = listFilters(filter);
  const sum = (buckets: { count: number }[]) => buckets.reduce((n, b) => n + b.count, 0);

  expect(stats.eventCount).toBe(await total('events', lists.events));
  expect(stats.agreementCount).toBe(await total('agreements', lists.agreements));
  if (filter.delegationId != null) {
    // The delegation list has no delegation filter: the counts are that delegation's own trip.
    const { delegation } = await server.query('query($id: ID!) { delegation(id: $id) { countriesVisited { isoCode } } }', { id: filter.delegationId });
    expect(stats.delegationCount).toBe(1);
    expect(stats.delegationsByCountry.map((b: any) => b.country.isoCode).sort()).toEqual(delegation.countriesVisited.map((c: any) => c.isoCode).sort());
  } else {
    expect(stats.delegationCount).toBe(await total('delegations', lists.delegations));
    for (const { country, count } of stats.delegationsByCountry) {
      if (country) expect(count).toBe(await total('delegations', { ...lists.delegations, countryCode: country.isoCode }));
    }
  }
  for (const breakdown of ['eventsByCountry', 'eventsByCity', 'eventsByKind', 'eventsByMonth']) expect(sum(stats[breakdown])).toBe(stats.eventCount);
  for (const breakdown of ['agreementsByCountry', 'agreementsByKind']) expect(sum(stats[breakdown])).toBe(stats.agreementCount);

  for (const { country, count } of stats.eventsByCountry) {
    if (country) expect(count).toBe(await total('events', { ...lists.events, countryCode: country.isoCode }));
  }
  for (const { city, count } of stats.eventsByCity) {
    if (city) expect(count).toBe(await total('events', { ...lists.events, cityId: city.id }));
  }
  for (const { kind, count } of stats.eventsByKind) expect(count).toBe(await total('events', { ...lists.events, kind }));
  for (const { country, count } of stats.agreementsByCountry) {
    if (country) expect(count).toBe(await total('agreements', { ...lists.agreements, countryCode: country.isoCode }));
  }
  for (const { kind, count } of stats.agreementsByKind) expect(count).toBe(await total('agreements', { ...lists.agreements, kind }));

  // Months: every event of the list, grouped by the month of its first day.
  const { events } = await server.query('query($filter: EventFilter) { events(filter: $filter, first: 100) { nodes { startDate } } }', { filter: lists.events });
  const months = new Map<string | null, number>();
  for (const { startDate } of events.nodes) months.set(startDate?.slice(0, 7) ?? null, (months.get(startDate?.slice(0, 7) ?? null) ?? 0) + 1);
  expect(new Map(stats.eventsByMonth.map((b: { month: string | null; count: number }) => [b.month, b.count]))).toEqual(months);
  return stats;
}

describe('stats for the seed article', () => {
  test('agreements by country: Kazakhstan 2, Uzbekistan 1', async () => {
    const { stats } = await server.query(STATS);
    expect(stats.agreementsByCountry).toEqual([
      { country: { name: 'Kazakhstan', isoCode: 'KZ' }, count: 2 },
      { country: { name: 'Uzbekistan', isoCode: 'UZ' }, count: 1 },
    ]);
  });

  test('events by country, largest first, with the unplaced talks counted under null', async () => {
    const { stats } = await server.query(STATS);
    const buckets = stats.eventsByCountry.map((b: any) => [b.country?.isoCode ?? null, b.count]);
    expect(buckets[0]).toEqual(['UZ', 5]);
    expect(buckets.slice(1, 3).sort()).toEqual([['KG', 2], ['KZ', 2]]);
    expect(buckets[3]).toEqual([null, 1]);
    expect(stats.eventsByMonth).toEqual([{ month: '2023-09', count: 2 }, { month: null, count: 8 }]);
    expect(stats.delegationsByCountry.map((b: any) => [b.country.isoCode, b.count]).sort()).toEqual([['KG', 2], ['KZ', 2], ['UZ', 2]]);
  });
});

describe('stats agree with the lists under the same filter', () => {
  beforeAll(async () => {
    await importDocument(server.db, secondArticle());
  });
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const data = await server.query(`{ cities { id name } delegations { nodes { id name } } articles { nodes { id slug } } }`);
    for (const node of [...data.cities, ...data.delegations.nodes]) ids[node.name] = node.id;
    for (const node of data.articles.nodes) ids[node.slug] = node.id;
  });

  test.each<[string, () => Filter]>([
    ['no filter', () => ({})],
    ['a country', () => ({ countryCode: 'KZ' })],
    ['a lower-case country code', () => ({ countryCode: 'uz' })],
    ['a city', () => ({ cityId: ids.Astana })],
    ['a date range', () => ({ from: '2023-09-06', to: '2023-10-12' })],
    ['an article', () => ({ articleId: ids['jinan-trade-delegation-tours-dusseldorf-and-astana'] })],
    ['a delegation', () => ({ delegationId: ids['Liaocheng delegation'] })],
    ['kinds', () => ({ eventKind: 'EXHIBITION', agreementKind: 'MEMORANDUM_OF_UNDERSTANDING' })],
    ['everything at once', () => ({ countryCode: 'KZ', from: '2023-01-01', eventKind: 'EXHIBITION' })],
  ])('%s', async (_, filter) => {
    const stats = await checkAgainstLists(filter());
    expect(stats.eventCount + stats.agreementCount + stats.delegationCount).toBeGreaterThan(0);
  });

  test('a bad filter value is a BAD_USER_INPUT error on its field', async () => {
    for (const [filter, argumentPath] of [
      [{ countryCode: 'XX' }, ['filter', 'countryCode']],
      [{ from: '2023-10-01', to: '2023-09-01' }, ['filter', 'from']],
      [{ cityId: ids['Liaocheng delegation'] }, ['filter', 'cityId']],
    ] as const) {
      const response = await server.request(STATS, { filter });
      expect(response.errors?.[0]).toMatchObject({ path: ['stats'], extensions: { code: 'BAD_USER_INPUT', argumentPath } });
    }
  });
});
