import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sha256 } from '../src/shared/auth.js';
import { startTestServer, type TestServer } from './helpers.js';

// Dates with their precision and basis. The seed's "Sept 6" is a day whose year the article's date
// (2023-09-15) supplies; a version-2 document may date a record by a month or a year, which filters, stats
// and the itinerary treat as the days it covers.

const EDITOR = 'dg_editor-token-for-date-tests';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ apiKeys: [{ keyId: 'editor1', role: 'editor', sha256: sha256(EDITOR) }] });
});
afterAll(() => server.close());

const DETAIL = 'value precision from to year month day';
const IMPORT = 'mutation($input: ArticleDocumentInput!) { articleImport(input: $input) { article { id } userErrors { path code message } } }';
const importDocument = async (input: unknown) => (await server.query(IMPORT, { input }, { token: EDITOR })).articleImport;

const body = `Almaty fair draws Shandong firms

Updated: 2023-11-20

Shandong companies took part in a trade fair in Almaty in October 2023, and a delegation from Jinan visited Almaty in October as well. The firms plan to return in 2024.`;

function autumnArticle(overrides: { fair?: Record<string, unknown>; version?: number } = {}) {
  const at = (text: string) => ({ quote: text, facts: [] as string[] });
  const quote = (text: string, facts: string[]) => ({ ...at(text), facts });
  return {
    version: overrides.version ?? 2,
    article: { slug: 'almaty-fair-draws-shandong-firms', title: 'Almaty fair draws Shandong firms', body, updatedOn: '2023-11-20', language: 'en' },
    countries: [{ isoCode: 'KZ', name: 'Kazakhstan', evidence: [] }, { isoCode: 'CN', name: 'China', evidence: [] }],
    cities: [
      { key: 'almaty', name: 'Almaty', countryCode: 'KZ', evidence: [quote('a trade fair in Almaty', ['name'])] },
      { key: 'jinan', name: 'Jinan', countryCode: 'CN', evidence: [quote('a delegation from Jinan', ['name'])] },
    ],
    delegations: [{
      key: 'jinan', name: 'Jinan delegation', nameIsQuoted: false, homeCityKey: 'jinan', startDate: '2023-10', countriesVisited: ['KZ'],
      evidence: [quote('a delegation from Jinan visited Almaty in October', ['homeCity', 'startDate', 'countriesVisited'])],
    }],
    events: [
      {
        key: 'fair', name: 'trade fair', nameIsQuoted: false, kind: 'EXHIBITION', startDate: '2023-10', cityKey: 'almaty', countryCode: 'KZ',
        participants: [{ delegationKey: 'jinan', role: 'PARTICIPANT' }],
        evidence: [quote('took part in a trade fair in Almaty in October 2023', ['kind', 'startDate', 'city', 'country', 'delegations'])],
        ...overrides.fair,
      },
      {
        key: 'return', name: 'return visit', nameIsQuoted: false, kind: 'OTHER', startDate: '2024', countryCode: 'KZ',
        evidence: [quote('The firms plan to return in 2024', ['kind', 'startDate']), quote('a trade fair in Almaty', ['country'])],
      },
    ],
  };
}

describe('dates with precision and basis', () => {
  test("a day whose year the article's date supplies: the year is INFERRED, month and day STATED", async () => {
    const { events } = await server.query(`{ events(filter: { from: "2023-09-06", to: "2023-09-06" }) { nodes { startDate startDateDetail { ${DETAIL} } } } }`);
    expect(events.nodes).toEqual([{ startDate: '2023-09-06', startDateDetail: { value: '2023-09-06', precision: 'DAY', from: '2023-09-06', to: '2023-09-06', year: 'INFERRED', month: 'STATED', day: 'STATED' } }]);
    const { delegations } = await server.query(`{ delegations(first: 5) { nodes { name endDate endDateDetail { ${DETAIL} } } } }`);
    const trip = delegations.nodes.find((d: any) => d.endDate != null);
    expect(trip.endDateDetail).toEqual({ value: '2023-09-09', precision: 'DAY', from: '2023-09-09', to: '2023-09-09', year: 'INFERRED', month: 'STATED', day: 'STATED' });
  });

  test('version 1 dates are days; a month needs version 2', async () => {
    const v1 = autumnArticle({ version: 1 }) as any;
    v1.referenceSources = [{ key: 'iso-3166-1', name: 'ISO 3166-1' }, { key: 'geonames', name: 'GeoNames' }];
    const payload = await importDocument(v1);
    expect(payload.userErrors.map((e: any) => [e.path.join('.'), e.code])).toEqual(expect.arrayContaining([['input.events.0.startDate', 'INVALID_VALUE'], ['input.delegations.0.startDate', 'INVALID_VALUE']]));
  });

  test("a month or a year must be what its quote says, and a range can't end before its month begins", async () => {
    expect((await importDocument(autumnArticle({ fair: { startDate: '2023-11' } }))).userErrors).toMatchObject([{ path: ['input', 'events', '0', 'startDate'], code: 'FACT_NOT_IN_QUOTE' }]);
    const errors = (await importDocument(autumnArticle({ fair: { endDate: '2023-09-30' } }))).userErrors;
    expect(errors).toContainEqual(expect.objectContaining({ path: ['input', 'events', '0', 'endDate'], code: 'INVALID_DATE_RANGE' }));
  });

  describe('a month and a year, imported', () => {
    beforeAll(async () => {
      expect((await importDocument(autumnArticle())).userErrors).toEqual([]);
    });

    test('show as their first day, with the precision, the range, and what is stated', async () => {
      const { events } = await server.query(`{ events(filter: { countryCode: "KZ" }, first: 50) { nodes { name startDate startDateDetail { ${DETAIL} } } } }`);
      const byName = Object.fromEntries(events.nodes.map((e: any) => [e.name, e]));
      expect(byName['trade fair']).toEqual({ name: 'trade fair', startDate: '2023-10-01', startDateDetail: { value: '2023-10', precision: 'MONTH', from: '2023-10-01', to: '2023-10-31', year: 'STATED', month: 'STATED', day: null } });
      expect(byName['return visit'].startDateDetail).toEqual({ value: '2024', precision: 'YEAR', from: '2024-01-01', to: '2024-12-31', year: 'STATED', month: null, day: null });
      // "in October", in an article of 2023-11-20: the year is the article's.
      const { delegations } = await server.query(`{ delegations(filter: { countryCode: "KZ" }, first: 50) { nodes { name startDateDetail { ${DETAIL} } } } }`);
      expect(delegations.nodes.find((d: any) => d.name === 'Jinan delegation').startDateDetail).toMatchObject({ value: '2023-10', year: 'INFERRED', month: 'STATED' });
    });

    test('filters treat them as the days they cover', async () => {
      const names = async (from: string, to: string) =>
        (await server.query('query($f: Date, $t: Date) { events(filter: { countryCode: "KZ", from: $f, to: $t }, first: 50) { nodes { name } } }', { f: from, t: to })).events.nodes.map((e: any) => e.name).sort();
      expect(await names('2023-10-15', '2023-10-20')).toEqual(['trade fair']);
      expect(await names('2023-09-01', '2023-10-01')).toEqual(['trade fair']);
      expect(await names('2023-11-01', '2023-12-31')).toEqual([]);
      expect(await names('2024-06-01', '2024-06-30')).toEqual(['return visit']);
      expect(await names('2023-10-31', '2024-01-01')).toEqual(['return visit', 'trade fair']);
      const { delegations } = await server.query('{ delegations(filter: { from: "2023-10-20", to: "2023-10-21" }) { nodes { name } } }');
      expect(delegations.nodes.map((d: any) => d.name)).toEqual(['Jinan delegation']);
    });

    test('stats count a month under its month, and a year under no month', async () => {
      // Filtered (GROUP BY) and unfiltered (trigger-kept counts) agree.
      const { stats } = await server.query('{ stats(filter: { countryCode: "KZ" }) { eventsByMonth { month count } } }');
      expect(stats.eventsByMonth).toEqual(expect.arrayContaining([{ month: '2023-10', count: 1 }, { month: null, count: expect.any(Number) }]));
      expect(stats.eventsByMonth.map((m: any) => m.month)).not.toContain('2024');
      const unfiltered = (await server.query('{ stats { eventsByMonth { month count } } }')).stats.eventsByMonth;
      expect(unfiltered.find((m: any) => m.month === '2023-10')?.count).toBe(1);
      expect(unfiltered.map((m: any) => m.month)).not.toContain('2024');
    });

    test("the itinerary's stop spans the month", async () => {
      const { delegations } = await server.query('{ delegations(filter: { countryCode: "KZ" }, first: 50) { nodes { name itinerary { arrivalDate departureDate city { name } } } } }');
      const jinan = delegations.nodes.find((d: any) => d.name === 'Jinan delegation');
      expect(jinan.itinerary).toEqual([{ arrivalDate: '2023-10-01', departureDate: '2023-10-31', city: { name: 'Almaty' } }]);
    });
  });
});

describe('date filters over mixed precisions keep every overlapping record', () => {
  test('an event that starts on a day and ends with a month or a year, and one that starts with the month of the lower bound', async () => {
    const doc = autumnArticle() as any;
    doc.article.slug = 'almaty-fair-mixed-precision';
    doc.article.url = undefined;
    // "October 2023" to "2024": starts in a month, ends in a year.
    doc.events[0].endDate = '2024';
    doc.events[0].evidence.push({ quote: 'The firms plan to return in 2024', facts: ['endDate'] });
    expect((await importDocument(doc)).userErrors).toEqual([]);
    const names = async (from: string) =>
      (await server.query('query($f: Date) { events(filter: { countryCode: "KZ", from: $f }, first: 50) { nodes { name startDateDetail { value } endDate } } }', { f: from })).events.nodes
        .filter((e: any) => e.endDate === '2024-01-01').map((e: any) => e.name);
    for (const from of ['2023-10-01', '2023-12-25', '2024-01-01', '2024-06-01', '2024-12-31']) expect(await names(from), from).toEqual(['trade fair']);
    expect(await names('2025-01-01')).toEqual([]);
    const { agreements } = await server.query('{ agreements(filter: { from: "2023-10-31", to: "2023-11-30" }) { totalCount } }');
    expect(agreements.totalCount).toBe(0);
  });
});
