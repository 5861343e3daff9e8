import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importDocument } from '../src/modules/ingest/ingest.service.js';
import { secondArticle } from './fixtures/second-article.js';
import { startTestServer, type TestServer } from './helpers.js';

// No N+1: the number of SQL statements a request runs follows the shape of the query, not the number of
// records it returns. Counted through Prisma's query events, at page sizes 1, 10 and 100.
let server: TestServer;
let statements: string[] = [];
beforeAll(async () => {
  // The response cache is off and the cost limit raised: the point is to count real work at page size 100.
  server = await startTestServer({ settings: { cacheMaxAgeSeconds: 0, maxCost: 1_000_000 } });
  for (let n = 0; n < 110; n++) {
    const doc = secondArticle();
    doc.article.slug = `copy-${n}`;
    doc.article.url = `https://example.org/copy/${n}`;
    await importDocument(server.db, doc);
  }
  (server.db as unknown as { $on: (e: 'query', f: (event: { query: string }) => void) => void }).$on('query', (event) => statements.push(event.query));
}, 120_000);
afterAll(() => server.close());

async function countStatements(query: string, variables: Record<string, unknown>) {
  statements = [];
  const data = await server.query(query, variables);
  return { data, count: statements.length };
}

const operations: [string, string, (data: any) => number][] = [
  [
    'a nested delegation itinerary with events, cities, agreements and images',
    `query($n: Int) { delegations(first: $n) { nodes { name startDate homeCity { name } organization { name } parent { name }
      itinerary { country { name } city { name latitude longitude } arrivalDate departureDate
        events { name kind startDate city { name } country { isoCode } agreements { title parties { description organization { name } } } images { caption } delegations { name } } } } } }`,
    (data) => data.delegations.nodes.length,
  ],
  [
    'an event list filtered by country and dates, with its relations and provenance',
    `query($n: Int) { events(first: $n, filter: { countryCode: "KZ", from: "2023-01-01", to: "2023-12-31" }) { totalCount
      edges { cursor node { name kind startDate city { name } country { isoCode } delegations { name } participants { role delegation { name } }
        organizers { name } agreements { title } images { caption } evidence { quote facts article { slug } } articles { slug } } } } }`,
    (data) => data.events.edges.length,
  ],
  [
    'agreements with parties and places',
    `query($n: Int) { agreements(first: $n) { nodes { title kind signedOn city { name country { name } } event { name } parties { role organization { name country { isoCode } } } evidence { quote } } } }`,
    (data) => data.agreements.nodes.length,
  ],
  [
    'search results with their records',
    `query($n: Int) { search(query: "Astana", first: $n) { totalCount nodes { score snippet node { id
      ... on Event { name city { name } delegations { name } } ... on Image { caption event { name } } ... on Delegation { name itinerary { city { name } } } } } } }`,
    (data) => data.search.nodes.length,
  ],
];

describe('statements per request do not grow with the page size', () => {
  test.each(operations)('%s', async (_, query, sizeOf) => {
    const counts: number[] = [];
    for (const n of [1, 10, 100]) {
      const { data, count } = await countStatements(query, { n });
      expect(sizeOf(data)).toBe(n === 1 ? 1 : Math.min(n, sizeOf(data)));
      counts.push(count);
    }
    // Page 100 really returns many records, so a per-record query would show.
    const { data } = await countStatements(query, { n: 100 });
    expect(sizeOf(data)).toBeGreaterThan(40);
    // A page of one may skip a relation that record happens not to have; 10 and 100 records need the same.
    expect(counts[0]).toBeLessThanOrEqual(counts[1]!);
    expect(counts[2]).toBe(counts[1]);
  });

  test('the aggregates run a fixed number of GROUP BY statements', async () => {
    const { count } = await countStatements(
      `{ stats { eventCount agreementCount delegationCount eventsByCountry { country { name } count } eventsByCity { city { name } count }
        eventsByKind { kind count } eventsByMonth { month count } agreementsByCountry { country { name } count } agreementsByKind { kind count }
        delegationsByCountry { country { name } count } } }`,
      {},
    );
    // Ten counts, plus the batched country and city lookups of the buckets.
    expect(count).toBeLessThanOrEqual(14);
  });
});
