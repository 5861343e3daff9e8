import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedDocuments } from '../src/modules/import/seed.js';
import { importDocument } from '../src/modules/import/import.service.js';
import { startTestServer, type TestServer } from './helpers.js';

// The article's facts, read back through the API as a dashboard would.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const evidenceFields = 'evidence { quote start end facts article { slug } } articles { slug }';

describe('the seed article through the API', () => {
  test('every quote of the article, in the order of the text, each with the record it supports', async () => {
    const { article } = await server.query(`{ article(slug: "liaocheng-delegation-visits-central-asia") { body evidence { quote start end facts record { __typename id ... on Delegation { name } ... on City { name } } } } }`);
    const seed = seedDocuments()[0]!.document as Record<string, any>;
    const sections = ['countries', 'cities', 'organizations', 'people', 'delegations', 'events', 'agreements', 'images', 'figures'];
    expect(article.evidence).toHaveLength(sections.reduce((n, s) => n + (seed[s] ?? []).reduce((m: number, r: any) => m + r.evidence.length, 0), 0));
    const starts = article.evidence.map((e: any) => e.start);
    expect(starts).toEqual([...starts].sort((a: number, b: number) => a - b));
    for (const e of article.evidence) expect(article.body.slice(e.start, e.end)).toBe(e.quote);
    expect(article.evidence.find((e: any) => e.quote === 'Samarkand, Uzbekistan')).toMatchObject({ facts: ['country', 'name'], record: { __typename: 'City', name: 'Samarkand' } });
    expect(article.evidence.filter((e: any) => e.record.__typename === 'Delegation' && e.record.name === 'Liaocheng delegation')).toHaveLength(2);
    expect(new Set(article.evidence.map((e: any) => e.record.__typename))).toEqual(new Set(['Country', 'City', 'Organization', 'Delegation', 'Event', 'Agreement', 'Image', 'Figure']));
  });

  test('the article itself', async () => {
    const { article } = await server.query(`{ article(slug: "liaocheng-delegation-visits-central-asia") { title updatedOn language source url body } }`);
    expect(article).toMatchObject({ title: 'Liaocheng delegation visits Central Asia', updatedOn: '2023-09-15', language: 'en', source: null, url: null });
    expect(article.body).toMatch(/^Liaocheng delegation visits Central Asia\n/);
    expect(article.body).toHaveLength(2368);
  });

  test('the Liaocheng delegation: trip dates, home, parent and itinerary countries', async () => {
    const { delegations } = await server.query(`{
      delegations { nodes { name nameIsQuoted startDate endDate homeCity { name country { isoCode } }
        parent { name organization { name kind } } subdelegations { name } countriesVisited { name isoCode } } } }`);
    const liaocheng = delegations.nodes.find((d: any) => d.name === 'Liaocheng delegation');
    expect(liaocheng).toEqual({
      name: 'Liaocheng delegation',
      nameIsQuoted: true,
      startDate: '2023-09-02',
      endDate: '2023-09-09',
      homeCity: { name: 'Liaocheng', country: { isoCode: 'CN' } },
      parent: { name: 'Shandong provincial government delegation', organization: { name: 'Shandong provincial government', kind: 'GOVERNMENT' } },
      subdelegations: [],
      countriesVisited: [
        { name: 'Kazakhstan', isoCode: 'KZ' },
        { name: 'Uzbekistan', isoCode: 'UZ' },
        { name: 'Kyrgyzstan', isoCode: 'KG' },
      ],
    });
    const provincial = delegations.nodes.find((d: any) => d.name === 'Shandong provincial government delegation');
    // The article gives the provincial delegation no dates of its own: none are invented.
    expect(provincial).toMatchObject({ nameIsQuoted: false, startDate: null, endDate: null, parent: null, subdelegations: [{ name: 'Liaocheng delegation' }] });
  });

  test('the three countries visited and their capitals, with gazetteer coordinates', async () => {
    const { countries } = await server.query('{ countries { isoCode name referenceSource { name } cities { name isCapital latitude longitude referenceSource { name } } } }');
    const byCode = Object.fromEntries(countries.map((c: any) => [c.isoCode, c]));
    expect(Object.keys(byCode).sort()).toEqual(['CN', 'KG', 'KZ', 'UZ']);
    const capital = (code: string) => byCode[code].cities.filter((c: any) => c.isCapital).map((c: any) => c.name);
    expect(capital('KZ')).toEqual(['Astana']);
    expect(capital('UZ')).toEqual(['Tashkent']);
    expect(capital('KG')).toEqual(['Bishkek']);
    expect(capital('CN')).toEqual([]);
    const astana = byCode.KZ.cities[0];
    expect(astana.latitude).toBeCloseTo(51.18, 1);
    expect(astana.longitude).toBeCloseTo(71.45, 1);
    expect(astana.referenceSource.name).toMatch(/GeoNames/);
    expect(byCode.KZ.referenceSource.name).toMatch(/ISO 3166-1/);
  });

  test('each event’s city, country, kind and known date; no day is invented', async () => {
    const { events } = await server.query('{ events(first: 100) { totalCount nodes { name kind startDate endDate city { name } country { isoCode } participants { role delegation { name } } } } }');
    expect(events.totalCount).toBe(10);
    const summary = Object.fromEntries(
      events.nodes.map((e: any) => [e.name, [e.kind, e.city?.name ?? null, e.country?.isoCode ?? null, e.startDate, e.endDate]]),
    );
    expect(summary).toEqual({
      'Shandong–Kazakhstan cooperation and exchange event marking the 10th anniversary of the Belt and Road Initiative': ['COOPERATION_EVENT', 'Astana', 'KZ', null, null],
      'China (Shandong)-Uzbekistan Cooperation and Exchange Conference': ['CONFERENCE', 'Tashkent', 'UZ', null, null],
      'Liaocheng business promotional event in Tashkent': ['BUSINESS_PROMOTION', 'Tashkent', 'UZ', null, null],
      'Shandong promotional exhibition': ['EXHIBITION', 'Tashkent', 'UZ', '2023-09-05', null],
      '"Friendly Shandong, Good Shandong Products" exhibition': ['EXHIBITION', 'Samarkand', 'UZ', '2023-09-06', null],
      'Shandong-Kyrgyz company cooperation and exchange meeting': ['MEETING', 'Bishkek', 'KG', null, null],
      'Cultural exchange events in Kazakhstan': ['CULTURAL_EXCHANGE', null, 'KZ', null, null],
      'Cultural exchange events in Uzbekistan': ['CULTURAL_EXCHANGE', null, 'UZ', null, null],
      'Cultural exchange events in Kyrgyzstan': ['CULTURAL_EXCHANGE', null, 'KG', null, null],
      'Talks and exchanges in Central Asia': ['TALKS', null, null, null, null],
    });
    const promotion = events.nodes.find((e: any) => e.name === 'Liaocheng business promotional event in Tashkent');
    expect(promotion.participants).toEqual([{ role: 'HOST', delegation: { name: 'Liaocheng delegation' } }]);
  });

  test('each agreement’s kind, place, event and parties; unnamed parties stay descriptions', async () => {
    const { agreements } = await server.query(`{ agreements { totalCount nodes { title kind signedOn city { name } country { isoCode } event { name }
      parties { role description organization { name kind city { name } } } } } }`);
    expect(agreements.totalCount).toBe(3);
    const astana = agreements.nodes.filter((a: any) => a.city?.name === 'Astana');
    expect(astana).toHaveLength(2);
    for (const agreement of astana) {
      // The article does not say at which event the agreements were signed: no event is linked.
      expect(agreement).toMatchObject({ kind: 'COOPERATION_AGREEMENT', signedOn: null, country: { isoCode: 'KZ' }, event: null });
      expect(agreement.parties).toEqual([
        { role: 'VISITING_PARTY', description: 'a company from Liaocheng (unnamed)', organization: null },
        { role: 'LOCAL_PARTY', description: 'a local enterprise (unnamed)', organization: null },
      ]);
    }
    const tashkent = agreements.nodes.find((a: any) => a.city?.name === 'Tashkent');
    expect(tashkent).toMatchObject({
      kind: 'LONG_TERM_COOPERATION_FRAMEWORK_AGREEMENT',
      signedOn: null,
      country: { isoCode: 'UZ' },
      event: null,
      parties: [
        { role: 'VISITING_PARTY', description: 'a Liaocheng-based company', organization: { name: 'Shandong Sinoglory Health Food Co', kind: 'COMPANY', city: { name: 'Liaocheng' } } },
        { role: 'LOCAL_PARTY', description: 'a local company (unnamed)', organization: null },
      ],
    });
  });

  test('each image’s caption, credit, date, place and event, in article order', async () => {
    const { images } = await server.query('{ images { nodes { position caption credit takenOn url city { name } country { isoCode } event { name } } } }');
    expect(images.nodes.map((i: any) => [i.position, i.takenOn, i.city?.name ?? null, i.event?.name ?? null, i.credit, i.url])).toEqual([
      [1, '2023-09-06', 'Samarkand', '"Friendly Shandong, Good Shandong Products" exhibition', 'Photo provided to', null],
      [2, '2023-09-05', 'Tashkent', 'Shandong promotional exhibition', 'Photo provided to', null],
      [3, null, null, null, 'Photo provided to', null],
    ]);
    expect(images.nodes[0].caption).toBe(
      'Liaocheng\'s Dongchangfu paper-cutting artwork is displayed at the "Friendly Shandong, Good Shandong Products" exhibition that was held on Sept 6 in Samarkand, Uzbekistan.',
    );
    expect(images.nodes[2].caption).toBe("A foreign visitor is attracted by Liaocheng's gourd pyrography works.");
  });

  test('an event links back to the images that show it', async () => {
    const { events } = await server.query('{ events(first: 100) { nodes { name agreements { kind } images { position } } } }');
    const byName = Object.fromEntries(events.nodes.map((e: any) => [e.name, e]));
    expect(byName['"Friendly Shandong, Good Shandong Products" exhibition'].images).toEqual([{ position: 1 }]);
    expect(byName['Shandong promotional exhibition'].images).toEqual([{ position: 2 }]);
    expect(events.nodes.flatMap((e: any) => e.agreements)).toEqual([]);
  });

  test('an agreement linked to its signing event shows on both sides', async () => {
    // The seed links none (the article does not say where they were signed); a document that does:
    const doc = structuredClone(seedDocuments()[0]!.document) as any;
    const conference = doc.events.find((e: any) => e.key === 'tashkent-china-shandong-uzbekistan-conference');
    const agreement = doc.agreements.find((a: any) => a.key === 'tashkent-sinoglory-framework-agreement');
    agreement.eventKey = conference.key;
    agreement.evidence[1].facts.push('event');
    const scratch = await startTestServer();
    try {
      await importDocument(scratch.db, doc);
      const { agreements } = await scratch.query('{ agreements(filter: { countryCode: "UZ" }) { nodes { event { name agreements { kind } } } } }');
      expect(agreements.nodes).toEqual([
        { event: { name: conference.name, agreements: [{ kind: 'LONG_TERM_COOPERATION_FRAMEWORK_AGREEMENT' }] } },
      ]);
    } finally {
      await scratch.close();
    }
  });
});

describe('provenance', () => {
  const queries: Record<string, string> = {
    delegations: `{ delegations(first: 100) { nodes { startDate endDate homeCity { id } parent { id } countriesVisited { id } ${evidenceFields} } } }`,
    events: `{ events(first: 100) { nodes { name nameIsQuoted startDate endDate city { id } country { id } delegations { id } ${evidenceFields} } } }`,
    agreements: `{ agreements(first: 100) { nodes { signedOn city { id } country { id } event { id } parties { description } ${evidenceFields} } } }`,
    images: `{ images(first: 100) { nodes { caption credit takenOn city { id } country { id } event { id } ${evidenceFields} } } }`,
    organizations: `{ organizations(first: 100) { nodes { name city { id } ${evidenceFields} } } }`,
  };

  test.each(Object.keys(queries))('every %s quote equals article.body.slice(start, end), and every stated fact has one', async (list) => {
    const { article } = await server.query('{ article(slug: "liaocheng-delegation-visits-central-asia") { body } }');
    const data = await server.query(queries[list]!);
    const nodes = data[list].nodes as any[];
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(node.evidence.length).toBeGreaterThan(0);
      expect(node.articles).toEqual([{ slug: 'liaocheng-delegation-visits-central-asia' }]);
      for (const item of node.evidence) {
        expect(item.article.slug).toBe('liaocheng-delegation-visits-central-asia');
        expect(article.body.slice(item.start, item.end)).toBe(item.quote);
      }
      const supported = new Set(node.evidence.flatMap((item: any) => item.facts));
      for (const [field, value] of Object.entries(node)) {
        if (['evidence', 'articles', 'nameIsQuoted', 'parties'].includes(field)) continue;
        if (field === 'name' && node.nameIsQuoted === false) continue;
        const stated = Array.isArray(value) ? value.length > 0 : value !== null;
        if (stated) expect(supported, `${list} ${JSON.stringify(node.name ?? node.caption ?? '')}: ${field}`).toContain(field);
      }
    }
  });

  test('captions are the quotes themselves', async () => {
    const { images } = await server.query(`{ images { nodes { caption evidence { quote facts } } } }`);
    for (const image of images.nodes) {
      expect(image.evidence.find((e: any) => e.facts.includes('caption')).quote).toBe(image.caption);
    }
  });
});
