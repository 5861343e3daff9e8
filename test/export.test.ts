import { check } from '@placemarkio/check-geojson';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importDocument } from '../src/modules/import/import.service.js';
import { toGlobalId } from '../src/shared/global-id.js';
import { secondArticle } from './fixtures/second-article.js';
import { postgresRows, startTestServer, testProvider, type TestServer } from './helpers.js';

type Row = Record<string, string>;
type Filter = Record<string, string>;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await importDocument(server.db, secondArticle());
});
afterAll(() => server.close());

function exportUrl(on: TestServer, file: string, filter: Filter = {}): string {
  return `${new URL(on.url).origin}/export/${file}?${new URLSearchParams(filter)}`;
}

async function download(file: string, filter: Filter = {}, on: TestServer = server): Promise<string> {
  const response = await fetch(exportUrl(on, file, filter));
  const body = await response.text();
  expect(response.status, body).toBe(200);
  return body;
}

async function csvRows(file: string, filter: Filter = {}, on: TestServer = server): Promise<Row[]> {
  return parse(await download(file, filter, on), { columns: true }) as Row[];
}

async function failure(path: string, init?: RequestInit) {
  const response = await fetch(`${new URL(server.url).origin}${path}`, init);
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

const figureFields = 'value upTo qualifier unit';
/** A figure as the exports write it: "60 representatives", "more than 1500 exhibitors", "20 to 30 tons". */
const figureCell = (f: any) => `${{ EXACT: '', APPROXIMATE: 'about ', MORE_THAN: 'more than ', LESS_THAN: 'less than ', RANGE: '' }[f.qualifier as string]}${f.qualifier === 'RANGE' ? `${f.value} to ${f.upTo}` : f.value} ${f.unit}`;
const eventFields = `id name kind startDate endDate description
  city { name latitude longitude } country { name isoCode } delegations { name } articles { slug }
  people { name } counterparts { role organization { name } person { name } } figures { ${figureFields} }`;

async function listEvents(filter: Filter): Promise<{ totalCount: number; nodes: any[] }> {
  const query = `query ($filter: EventFilter) { events(filter: $filter, first: 100) { totalCount nodes { ${eventFields} } } }`;
  return (await server.query(query, { filter })).events;
}

async function listAgreements(filter: Filter): Promise<{ totalCount: number; nodes: any[] }> {
  const query = `query ($filter: AgreementFilter) { agreements(filter: $filter, first: 100) {
    totalCount nodes { id title kind signedOn description city { name } country { name isoCode } parties { description } event { id } articles { slug } signatories { name } figures { ${figureFields} } }
  } }`;
  return (await server.query(query, { filter })).agreements;
}

async function idByName(list: 'delegations' | 'organizations', name: string): Promise<string> {
  const { nodes } = (await server.query(`{ ${list}(first: 100) { nodes { id name } } }`))[list] as { nodes: { id: string; name: string }[] };
  return nodes.find((node) => node.name === name)!.id;
}

/** What the CSV row of an event must hold, read from the GraphQL API. */
function expectedEventRow(event: any): Row {
  return {
    id: event.id,
    name: event.name,
    kind: event.kind,
    start_date: event.startDate ?? '',
    end_date: event.endDate ?? '',
    city: event.city?.name ?? '',
    country: event.country?.name ?? '',
    country_code: event.country?.isoCode ?? '',
    latitude: event.city ? String(event.city.latitude) : '',
    longitude: event.city ? String(event.city.longitude) : '',
    delegations: event.delegations.map((delegation: any) => delegation.name).join('; '),
    description: event.description ?? '',
    article_slug: event.articles[0].slug,
    people: event.people.map((person: any) => person.name).join('; '),
    counterparts: event.counterparts.map((side: any) => `${side.role}: ${(side.organization ?? side.person).name}`).join('; '),
    figures: event.figures.map(figureCell).join('; '),
  };
}

const eventFilters: [string, () => Promise<Filter>][] = [
  ['no filter', async () => ({})],
  ['countryCode=KZ', async () => ({ countryCode: 'KZ' })],
  ['a date range', async () => ({ from: '2023-09-01', to: '2023-09-30' })],
  ['kind=EXHIBITION', async () => ({ kind: 'EXHIBITION' })],
  ['delegationId', async () => ({ delegationId: await idByName('delegations', 'Jinan trade delegation') })],
];

describe('GET /export/events.csv', () => {
  test.each(eventFilters)('holds exactly the events the list returns, in its order, field for field: %s', async (_name, filterOf) => {
    const filter = await filterOf();
    const list = await listEvents(filter);
    const rows = await csvRows('events.csv', filter);
    expect(list.nodes.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.id)).toEqual(list.nodes.map((event) => event.id));
    expect(rows).toEqual(list.nodes.map(expectedEventRow));
  });

  test('a name with a comma and double quotes survives the round trip, quoted as RFC 4180 says', async () => {
    const name = '"Friendly Shandong, Good Shandong Products" exhibition';
    const text = await download('events.csv');
    expect(text).toContain('"""Friendly Shandong, Good Shandong Products"" exhibition"');
    expect(text.split('\r\n')[0]).toBe('id,name,kind,start_date,end_date,city,country,country_code,latitude,longitude,delegations,description,article_slug,people,counterparts,figures');
    const rows = parse(text, { columns: true }) as Row[];
    const fromList = (await listEvents({})).nodes.find((event) => event.name === name);
    expect(rows.find((row) => row.id === fromList.id)!.name).toBe(name);
  });

  test('is sent as a CSV attachment named events.csv', async () => {
    const response = await fetch(exportUrl(server, 'events.csv'));
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="events.csv"');
    await response.text();
  });

  test('HEAD sends the headers without a body', async () => {
    const response = await fetch(exportUrl(server, 'events.csv'), { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="events.csv"');
    expect(await response.text()).toBe('');
  });
});

describe('GET /export/agreements.csv', () => {
  const agreementFilters: [string, () => Promise<Filter>][] = [
    ['no filter', async () => ({})],
    ['countryCode=KZ', async () => ({ countryCode: 'KZ' })],
    ['kind=MEMORANDUM_OF_UNDERSTANDING', async () => ({ kind: 'MEMORANDUM_OF_UNDERSTANDING' })],
    ['a date range', async () => ({ from: '2023-10-01', to: '2023-10-31' })],
    ['organizationId', async () => ({ organizationId: await idByName('organizations', 'Rhein Getränke GmbH') })],
  ];

  test.each(agreementFilters)('holds exactly the agreements the list returns, in its order, field for field: %s', async (_name, filterOf) => {
    const filter = await filterOf();
    const list = await listAgreements(filter);
    const rows = await csvRows('agreements.csv', filter);
    expect(list.nodes.length).toBeGreaterThan(0);
    expect(rows).toEqual(
      list.nodes.map((agreement) => ({
        id: agreement.id,
        title: agreement.title,
        kind: agreement.kind,
        signed_on: agreement.signedOn ?? '',
        city: agreement.city?.name ?? '',
        country: agreement.country?.name ?? '',
        country_code: agreement.country?.isoCode ?? '',
        parties: agreement.parties.map((party: any) => party.description).join('; '),
        event_id: agreement.event?.id ?? '',
        description: agreement.description ?? '',
        article_slug: agreement.articles[0].slug,
        signatories: agreement.signatories.map((person: any) => person.name).join('; '),
        figures: agreement.figures.map(figureCell).join('; '),
      })),
    );
  });

  test('the seed signed 2 agreements in Kazakhstan', async () => {
    expect(await csvRows('agreements.csv', { countryCode: 'KZ' })).toHaveLength(2);
  });

  test('the memorandum points to the event it was signed at', async () => {
    const [memorandum] = await csvRows('agreements.csv', { kind: 'MEMORANDUM_OF_UNDERSTANDING' });
    const forum = (await listEvents({ countryCode: 'DE' })).nodes[0];
    expect(memorandum!.event_id).toBe(forum.id);
  });

  test('is sent as a CSV attachment named agreements.csv', async () => {
    const response = await fetch(exportUrl(server, 'agreements.csv'));
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="agreements.csv"');
    await response.text();
  });
});

describe('GET /export/events.geojson', () => {
  test('is valid GeoJSON with one feature per listed event, placed at its city, unlocated ones with null geometry', async () => {
    const response = await fetch(exportUrl(server, 'events.geojson'));
    expect(response.headers.get('content-type')).toBe('application/geo+json');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="events.geojson"');
    const collection = check(await response.text()) as any;
    const list = await listEvents({});
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(list.totalCount);
    expect(collection.features.map((feature: any) => feature.id)).toEqual(list.nodes.map((event) => event.id));
    for (const [index, event] of list.nodes.entries()) {
      const feature = collection.features[index];
      expect(feature.geometry).toEqual(event.city ? { type: 'Point', coordinates: [event.city.longitude, event.city.latitude] } : null);
      expect(feature.properties).toMatchObject({ name: event.name, countryCode: event.country?.isoCode ?? null, articleSlug: event.articles[0].slug });
      expect(feature.properties.coordinatesSource === null).toBe(event.city === null);
    }
    expect(collection.features.some((feature: any) => feature.geometry === null)).toBe(true);
  });

  test('applies the filter like the list', async () => {
    const collection = check(await download('events.geojson', { countryCode: 'KZ' })) as any;
    expect(collection.features.map((feature: any) => feature.id)).toEqual((await listEvents({ countryCode: 'KZ' })).nodes.map((event) => event.id));
  });
});

describe('bad requests', () => {
  const badParameters: [string, string, string[]][] = [
    ['a country code that is not ISO', 'countryCode=XX', ['countryCode']],
    ['a day that does not exist', 'from=2023-02-30', ['from']],
    ['a range that ends before it starts', 'from=2023-09-10&to=2023-09-01', ['from']],
    ['a kind that does not exist', 'kind=NOPE', ['kind']],
    ['an unknown parameter (a typo)', 'countrycode=KZ', ['countrycode']],
    ['a parameter given twice', 'kind=EXHIBITION&kind=MEETING', ['kind']],
    ['a cityId that is not a City ID', `cityId=${toGlobalId('Country', 1)}`, ['cityId']],
  ];

  test.each(badParameters)('%s is a 400 with a GraphQL-shaped error naming the parameter', async (_name, query, argumentPath) => {
    const response = await failure(`/export/events.csv?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'BAD_USER_INPUT', argumentPath } }] });
    expect((await listEvents({})).totalCount).toBeGreaterThan(0);
  });

  test('every bad parameter is reported at once', async () => {
    const response = await failure('/export/agreements.csv?countryCode=XX&kind=EXHIBITION&from=yesterday&delegationId=x');
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: any) => error.extensions.argumentPath)).toEqual([['countryCode'], ['kind'], ['from'], ['delegationId']]);
  });

  test('the server answers the next request after a bad one', async () => {
    expect((await failure('/export/events.geojson?kind=NOPE')).status).toBe(400);
    expect(await csvRows('events.csv', { kind: 'EXHIBITION' })).not.toHaveLength(0);
  });

  test('POST is a 405 that names the allowed methods', async () => {
    const response = await failure('/export/events.csv', { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  test('an unknown export is a 404 with a JSON body', async () => {
    const response = await failure('/export/events.xlsx');
    expect(response.status).toBe(404);
    expect(response.body.errors[0].message).toMatch(/events\.csv/);
  });
});

describe('values a spreadsheet would run as formulas', () => {
  // Article text is third-party input: a cell starting with one of these runs as a formula in a spreadsheet.
  const risky = ['=HYPERLINK("http://example.org/x","click")', '+1+2', '-2+3', '@SUM(A1)', '\tTabbed', '\rReturned'];
  let spiked: TestServer;
  beforeAll(async () => {
    spiked = await startTestServer();
    await spiked.db.event.createMany({
      data: risky.map((name, i) => ({ articleId: 1, key: `risky-${i}`, name, nameIsQuoted: false, kind: 'OTHER', startDate: `2023-12-0${i + 1}`, description: `${name} again` })),
    });
  });
  afterAll(() => spiked.close());

  test('are written with a leading apostrophe by default, in every text column; numbers stay numbers', async () => {
    const rows = await csvRows('events.csv', { kind: 'OTHER', from: '2023-12-01' }, spiked);
    expect(rows.map((row) => [row.name, row.description])).toEqual(risky.map((name) => [`'${name}`, `'${name} again`]));
    const seeded = await csvRows('events.csv', { kind: 'EXHIBITION' }, spiked);
    expect(seeded.every((row) => row.latitude === '' || /^-?\d/.test(row.latitude!))).toBe(true);
  });

  test('are written verbatim with escapeFormulas=false, for pipelines', async () => {
    const rows = await csvRows('events.csv', { kind: 'OTHER', from: '2023-12-01', escapeFormulas: 'false' }, spiked);
    expect(rows.map((row) => row.name)).toEqual(risky);
  });

  test('stay verbatim in GeoJSON, which is data for map tools', async () => {
    const features = JSON.parse(await download('events.geojson', { kind: 'OTHER', from: '2023-12-01' }, spiked)).features;
    expect(features.map((feature: any) => feature.properties.name)).toEqual(risky);
  });

  test.each([
    ['a value other than true or false', { escapeFormulas: 'yes' }],
    ['the parameter twice', 'escapeFormulas=true&escapeFormulas=false'],
  ])('%s is a 400 naming escapeFormulas', async (_, query) => {
    const response = await fetch(`${new URL(spiked.url).origin}/export/events.csv?${new URLSearchParams(query)}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argumentPath: ['escapeFormulas'] });
  });

  test('GeoJSON does not take it', async () => {
    const response = await fetch(`${new URL(spiked.url).origin}/export/events.geojson?escapeFormulas=false`);
    expect(response.status).toBe(400);
  });
});

describe('a large export', () => {
  const synthetic = 1234;
  let large: TestServer;
  beforeAll(async () => {
    large = await startTestServer({ logs: true });
    // Several batches of 500, with ties on the day and a block of unknown days that spans a batch boundary;
    // descriptions hold what CSV must quote (commas, quotes, CRLF, a lone CR or LF) and a leading = kept verbatim.
    const descriptions = [() => 'a lone LF\nends the line', () => 'a lone CR\rends the line', () => 'a comma, "quotes"\r\nand CRLF ', (i: number) => `=SUM(A${i})`];
    await large.db.event.createMany({
      data: Array.from({ length: synthetic }, (_, n) => n + 1).map((i) => ({
        articleId: 1,
        key: `synthetic-${i}`,
        name: `Synthetic event ${i}`,
        nameIsQuoted: false,
        kind: 'OTHER' as const,
        startDate: i % 3 === 0 ? null : `2023-10-0${(i % 9) + 1}`,
        description: descriptions[i % 4]!(i),
      })),
    });
  });
  afterAll(() => large.close());

  async function allListed(): Promise<{ id: string; description: string }[]> {
    const events: { id: string; description: string }[] = [];
    let after: string | null = null;
    do {
      const page: any = (await large.query('query ($after: String) { events(first: 100, after: $after) { nodes { id description } pageInfo { endCursor hasNextPage } } }', { after })).events;
      events.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return events;
  }

  test('streams every event across batches in the list’s order, with quoted line breaks intact', async () => {
    const text = await download('events.csv', { escapeFormulas: 'false' }, large);
    // Readers that take any of CR, LF or CRLF as a line end (pandas, R) need every line break inside a field quoted.
    expect(text).toContain(',"a lone LF\nends the line",');
    expect(text).toContain(',"a lone CR\rends the line",');
    expect(text).toContain(',=SUM(A3),');
    const rows = parse(text, { columns: true }) as Row[];
    const listed = await allListed();
    expect(listed.length).toBeGreaterThan(synthetic);
    expect(rows.map((row) => row.id)).toEqual(listed.map((event) => event.id));
    expect(rows.map((row) => row.description)).toEqual(listed.map((event) => event.description ?? ''));
  });

  test('a failure before the first byte is a clean 500 without details, logged in full with its request id', async () => {
    await insertDanglingEvent();
    const response = await fetch(exportUrl(large, 'events.csv', { articleId: toGlobalId('Article', 999) }));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    const id = response.headers.get('x-request-id');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = large.logs.filter((line) => line.requestId === id);
    expect(lines.find((line) => line.level === 50)?.err?.message).toBeTruthy();
    expect(lines.find((line) => line.msg === 'request')).toMatchObject({ status: 500 });
  });

  test('a failure after streaming began cuts the download, so it never looks complete', async () => {
    await insertDanglingEvent();
    // The dangling event sorts last (no day, highest id), so the failure comes batches after the headers.
    const response = await fetch(exportUrl(large, 'events.csv', {}));
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect(await csvRows('events.csv', { kind: 'EXHIBITION' }, large)).not.toHaveLength(0);
  });

  /**
   * An event whose article does not exist: loading its relations fails, like a database fault would. The
   * foreign key is switched off for the one insert: SQLite's pragma, PostgreSQL's replica role (which skips
   * the foreign key's triggers, and this table's own for that statement: the event is in no count or index).
   */
  async function insertDanglingEvent(): Promise<void> {
    if (testProvider === 'postgres') {
      await postgresRows(
        large.databaseUrl,
        `SET session_replication_role = replica;
         INSERT INTO "Event" ("articleId", "key", "name", "nameIsQuoted", "kind") VALUES (999, 'dangling', 'Dangling', false, 'OTHER') ON CONFLICT DO NOTHING`,
      );
      return;
    }
    await large.db.$executeRawUnsafe('PRAGMA foreign_keys = OFF');
    await large.db.$executeRawUnsafe(`INSERT OR IGNORE INTO "Event" ("articleId", "key", "name", "nameIsQuoted", "kind") VALUES (999, 'dangling', 'Dangling', 0, 'OTHER')`);
    await large.db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  }
});
