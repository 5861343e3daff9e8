import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importDocument } from '../src/modules/import/import.service.js';
import { secondArticle } from './fixtures/second-article.js';
import { jsonBlocks, section } from './docs.js';
import { startTestServer, testProvider, type TestServer } from './helpers.js';

// No N+1: the number of SQL statements a request runs follows the shape of the query, not the number of
// records it returns. Counted through Prisma's query events, at page sizes 1, 10 and 100.
let server: TestServer;
let statements: string[] = [];
interface QueryEvent {
  query: string;
  params: string;
}
/** The statements of the request `plans` is looking at, with their parameters. */
let captured: QueryEvent[] | null = null;
beforeAll(async () => {
  // The response cache is off and the cost limit raised: the point is to count real work at page size 100.
  // On PostgreSQL one connection: with several, the answers of one level's statements arrive in any order,
  // and the order decides whether a later lookup finds its row already loaded (a country of a city loaded
  // before the same country of an organization), so the count of one request would vary by one or two.
  server = await startTestServer({ poolSize: 1, settings: { cacheMaxAgeSeconds: 0, maxCost: 1_000_000 } });
  for (let n = 0; n < 110; n++) {
    const doc = secondArticle();
    doc.article.slug = `copy-${n}`;
    doc.article.url = `https://example.org/copy/${n}`;
    await importDocument(server.db, doc);
  }
  // People, counterparts, attendance and figures: the worked example of docs/writing-data.md, 110 times, each
  // copy with its own two people (a letter code after their names), so people lists have pages of 100.
  const example = JSON.stringify(jsonBlocks(section('People, counterparts and figures: a worked example').text)[0]);
  for (let n = 0; n < 110; n++) {
    const code = String.fromCharCode(65 + Math.floor(n / 26)) + String.fromCharCode(97 + (n % 26));
    const doc = JSON.parse(example.replaceAll('Li Wei', `Li Wei ${code}`).replaceAll('Péter Szabó', `Péter Szabó ${code}`));
    doc.article.slug = `people-copy-${n}`;
    const report = await importDocument(server.db, doc);
    expect(report.status).toBe('CREATED');
  }
  // One listener for the whole file (Prisma's $on cannot remove one): each test points it at its own list.
  (server.db as unknown as { $on: (e: 'query', f: (event: QueryEvent) => void) => void }).$on('query', (event) => {
    statements.push(event.query);
    captured?.push(event);
  });
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
    'delegations with a page of their events (a nested connection)',
    `query($n: Int) { delegations(first: $n) { nodes { name events(first: 5) { totalCount
      edges { cursor node { name city { name } delegations { name } } } pageInfo { hasNextPage endCursor } } } } }`,
    (data) => data.delegations.nodes.length,
  ],
  [
    'agreements with parties and places',
    `query($n: Int) { agreements(first: $n) { nodes { title kind signedOn city { name country { name } } event { name } parties { role organization { name country { isoCode } } } evidence { quote } } } }`,
    (data) => data.agreements.nodes.length,
  ],
  [
    'people with their titles, delegations, events, agreements and provenance',
    `query($n: Int) { people(first: $n) { totalCount nodes { name country { name } titles { title asOf organization { name } article { slug } evidence { quote } }
      delegations { role delegation { name } } events { side role event { name } } agreements { title } claims { value article { slug } } evidence { quote } } } }`,
    (data) => data.people.nodes.length,
  ],
  [
    'delegations with members and figures, their events with people, counterparts, attendance and figures',
    `query($n: Int) { delegations(first: $n, filter: { countryCode: "HU" }) { nodes { name members { role person { name titles { title } } } figures { value unit evidence { quote } }
      events(first: 5) { nodes { name people { name } counterparts { role person { name } organization { name } } participants { attendedFrom attendedTo delegation { name } } figures { value unit } } } } } }`,
    (data) => data.delegations.nodes.length,
  ],
  [
    'agreements with signatories and figures',
    `query($n: Int) { agreements(first: $n, filter: { kind: CONTRACT }) { nodes { title signatories { name } figures { value upTo qualifier unit unitKey description article { slug } evidence { quote } } } } }`,
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

describe('query plans: no table scans on list, filter, order or aggregate paths', () => {
  // Tables that grow with the data; a plan that reads one whole (see readsWholeTable) would slow down with it.
  const growing = ['Article', 'Delegation', 'DelegationVisit', 'Event', 'EventParticipation', 'EventOrganizer', 'Agreement', 'AgreementParty', 'Image', 'Evidence', 'Organization', 'City', 'AuditEntry',
    'Person', 'PersonTitle', 'DelegationMember', 'EventPerson', 'EventCounterpart', 'AgreementSignatory', 'Figure'];
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const data = await server.query('{ cities { id name } delegations(first: 1) { nodes { id } } articles(first: 1) { nodes { id } } organizations(first: 1) { nodes { id } } }');
    ids.city = data.cities.find((c: any) => c.name === 'Astana').id;
    ids.delegation = data.delegations.nodes[0].id;
    ids.article = data.articles.nodes[0].id;
    ids.organization = data.organizations.nodes[0].id;
  });

  /**
   * Every statement a request runs, with the lines of its plan: SQLite's EXPLAIN QUERY PLAN on the same file,
   * or PostgreSQL's EXPLAIN on the same database with sequential scans priced out (`enable_seqscan = off`), so
   * its planner picks an index wherever one serves, even on tables this small; a `Seq Scan` left in the plan
   * means no index can.
   */
  async function plans(query: string, variables: Record<string, unknown> = {}) {
    const events: QueryEvent[] = (captured = []);
    try {
      await server.query(query, variables);
    } finally {
      captured = null;
    }
    const selects = events.filter((c) => /^\s*SELECT/i.test(c.query)).map((c) => ({ sql: c.query, params: JSON.parse(c.params) as unknown[] }));
    if (testProvider === 'postgres') {
      const client = new pg.Client(server.databaseUrl);
      await client.connect();
      try {
        await client.query('SET enable_seqscan = off');
        const planned = [];
        for (const { sql, params } of selects) {
          const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
          planned.push({ sql, plan: rows.map((row) => row['QUERY PLAN'].trim().replace(/^->\s*/, '')) });
        }
        return planned;
      } finally {
        await client.end();
      }
    }
    const { default: Database } = await import('better-sqlite3');
    const sqlite = new Database(`${server.dir}/test.db`, { readonly: true });
    try {
      return selects.map(({ sql, params }) => ({ sql, plan: (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail) }));
    } finally {
      sqlite.close();
    }
  }

  /** A plan line that reads a whole growing table: SQLite's `SCAN main.Event` (`SCAN ... USING INDEX` walks an index in order), PostgreSQL's `Seq Scan on "Event"`. */
  const readsWholeTable = (line: string) =>
    growing.some((table) => new RegExp(`^SCAN (main\\.)?${table}( AS \\w+)?$`).test(line) || new RegExp(`^Seq Scan on "?(public"?\\.)?"?${table}"?( |$)`).test(line));

  const paths: [string, () => [string, Record<string, unknown>?]][] = [
    ['events, default order', () => ['{ events(first: 50) { nodes { id } } }']],
    ['events by country and dates', () => ['{ events(first: 50, filter: { countryCode: "KZ", from: "2023-01-01", to: "2023-12-31" }) { totalCount nodes { id } } }']],
    ['events by city', () => ['query($c: ID) { events(first: 50, filter: { cityId: $c }) { totalCount nodes { id } } }', { c: ids.city }]],
    ['events by kind, by name descending', () => ['{ events(first: 50, filter: { kind: EXHIBITION }, orderBy: { field: NAME, direction: DESC }) { nodes { id } } }']],
    ['events of a delegation', () => ['query($d: ID) { events(first: 50, filter: { delegationId: $d }) { totalCount nodes { id } } }', { d: ids.delegation }]],
    ['events of an article', () => ['query($a: ID) { events(first: 50, filter: { articleId: $a }) { nodes { id } } }', { a: ids.article }]],
    ['agreements by country and kind', () => ['{ agreements(first: 50, filter: { countryCode: "DE", kind: MEMORANDUM_OF_UNDERSTANDING }) { totalCount nodes { id } } }']],
    ['agreements of an organization', () => ['query($o: ID) { agreements(first: 50, filter: { organizationId: $o }) { nodes { id } } }', { o: ids.organization }]],
    ['delegations by country visited and dates', () => ['{ delegations(first: 50, filter: { countryCode: "DE", from: "2023-10-01" }) { totalCount nodes { id } } }']],
    ['images by country', () => ['{ images(first: 50, filter: { countryCode: "KZ" }) { totalCount nodes { id } } }']],
    ['organizations by country', () => ['{ organizations(first: 50, filter: { countryCode: "DE" }) { nodes { id } } }']],
    ['articles by date', () => ['{ articles(first: 50, filter: { from: "2023-01-01" }) { nodes { id } } }']],
    ['people by country', () => ['{ people(first: 50, filter: { countryCode: "HU" }) { totalCount nodes { id } } }']],
    ['people by role', () => ['{ people(first: 50, filter: { role: LEADER }) { totalCount nodes { id } } }']],
    ['people by name', () => ['{ people(first: 50, filter: { name: "li wei" }) { nodes { id } } }']],
    ['people of an organization', () => ['query($o: ID) { people(first: 50, filter: { organizationId: $o }) { nodes { id } } }', { o: ids.organization }]],
    ['figures of a unit, filtered', () => ['{ stats(filter: { countryCode: "HU" }) { figureTotals(unit: "USD") { total } } }']],
    ['counterparts by country, filtered', () => ['{ stats(filter: { countryCode: "HU", from: "2024-10-01" }) { eventsByCounterpartCountry { count } eventsByCounterpartKind { count } } }']],
    ['aggregates', () => ['{ stats(filter: { countryCode: "KZ" }) { eventsByCity { count } eventsByKind { count } eventsByMonth { count } agreementsByKind { count } delegationsByCountry { count } } }']],
    ['aggregates, unfiltered', () => ['{ stats { eventsByCountry { count } eventsByMonth { count } agreementsByCountry { count } delegationsByCountry { count } } }']],
  ];

  test.each(paths)('%s', async (_, operation) => {
    const [query, variables] = operation();
    const statements = await plans(query, variables);
    expect(statements.length).toBeGreaterThan(0);
    for (const { sql, plan } of statements) {
      const scans = plan.filter(readsWholeTable);
      expect(scans, `${sql}\n${plan.join('\n')}`).toEqual([]);
    }
  });
});
