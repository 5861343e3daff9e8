import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sha256 } from '../src/shared/auth.js';
import { tradeFairArticle, tradeFairSlug } from './fixtures/trade-fair-article.js';
import { startTestServer, type TestServer } from './helpers.js';

// An article written for the tests with people, counterparts, attendance and figures, imported over HTTP:
// everything it says reads back as it says it, each record with its quotes at their offsets, and it shows
// in the people list, search, stats, the itinerary and the exports.

const EDITOR = 'dg_editor-token-for-people-tests';
let server: TestServer;
let articleId: string;
let body: string;
const doc = tradeFairArticle();

beforeAll(async () => {
  server = await startTestServer({ apiKeys: [{ keyId: 'editor1', role: 'editor', sha256: sha256(EDITOR) }] });
  const { articleImport } = await server.query(
    `mutation Import($input: ArticleDocumentInput!) { articleImport(input: $input) { status article { id body } shared { type as outcome } userErrors { path code message } } }`,
    { input: doc },
    { token: EDITOR },
  );
  expect(articleImport.userErrors).toEqual([]);
  expect(articleImport.status).toBe('CREATED');
  expect(articleImport.shared.filter((s: any) => s.type === 'Person')).toEqual(doc.people.map((p) => ({ type: 'Person', as: p.name, outcome: 'CREATED' })));
  ({ id: articleId, body } = articleImport.article);
});
afterAll(() => server.close());

const QUOTES = 'evidence { quote start end facts article { slug } }';
/** Every quote is the article's body at its offsets, and cites this article. */
function expectQuotesAtOffsets(evidence: { quote: string; start: number; end: number; article: { slug: string } }[]) {
  expect(evidence.length).toBeGreaterThan(0);
  for (const e of evidence) {
    expect(body.slice(e.start, e.end)).toBe(e.quote);
    expect(e.article.slug).toBe(tradeFairSlug);
  }
}

describe('reads back what the article says', () => {
  test('people, with their titles, affiliations and quotes', async () => {
    const { people } = await server.query(`{ people(first: 20) { totalCount nodes { name country { isoCode } titles { title asOf organization { name } ${QUOTES} } ${QUOTES} } } }`);
    expect(people.totalCount).toBe(doc.people.length);
    const organizations = new Map(doc.organizations.map((o) => [o.key, o.name]));
    for (const person of doc.people) {
      const read = people.nodes.find((p: any) => p.name === person.name);
      expect(read.country.isoCode).toBe(person.countryCode);
      expect(read.titles.map((t: any) => [t.title, t.organization?.name ?? null, t.asOf])).toEqual(
        person.titles.map((t) => [t.title, 'organizationKey' in t ? organizations.get(t.organizationKey!) : null, '2024-10-14']),
      );
      expectQuotesAtOffsets(read.evidence);
      for (const title of read.titles) expectQuotesAtOffsets(title.evidence);
    }
  });

  test('the delegation, its members with their roles, and its figures', async () => {
    const { delegations } = await server.query(`query($a: ID) { delegations(filter: { articleId: $a }) { nodes { name startDate endDate members { role person { name } }
      figures { value upTo qualifier unit unitKey description ${QUOTES} } ${QUOTES} } } }`, { a: articleId });
    const [delegation] = delegations.nodes;
    expect(delegation).toMatchObject({ name: 'Liaocheng trade delegation', startDate: '2024-10-05', endDate: '2024-10-11' });
    expect(delegation.members).toEqual([{ role: 'LEADER', person: { name: 'Wang Hong' } }, { role: 'MEMBER', person: { name: 'Zhang Min' } }]);
    expect(delegation.figures.map((f: any) => [f.value, f.qualifier, f.unit, f.unitKey])).toEqual([[60, 'EXACT', 'representatives', 'representative'], [11, 'EXACT', 'enterprises', 'enterprise']]);
    expectQuotesAtOffsets(delegation.evidence);
    for (const figure of delegation.figures) expectQuotesAtOffsets(figure.evidence);
  });

  test('events, with their people, counterparts, attendance and figures', async () => {
    const { events } = await server.query(`query($a: ID) { events(filter: { articleId: $a }, first: 20) { nodes { name startDate endDate
      people { name } counterparts { role organization { name kind } person { name } }
      participants { role attendedFrom attendedTo delegation { name } }
      figures { value upTo qualifier unit unitKey description ${QUOTES} } ${QUOTES} } } }`, { a: articleId });
    const byName = new Map(events.nodes.map((e: any) => [e.name, e]));
    expect(byName.get('Anuga food fair')).toMatchObject({
      startDate: '2024-10-05', endDate: '2024-10-09',
      participants: [{ role: 'EXHIBITOR', attendedFrom: '2024-10-05', attendedTo: '2024-10-07', delegation: { name: 'Liaocheng trade delegation' } }],
    });
    expect(byName.get('Signing of the logistics contract')).toMatchObject({
      people: [{ name: 'Wang Hong' }],
      counterparts: [{ role: 'COUNTERPART', person: { name: 'Klara Brandt' }, organization: null }, { role: 'COUNTERPART', organization: { name: 'Rhein Spedition GmbH', kind: 'COMPANY' }, person: null }],
    });
    expect(byName.get('Business forum hosted by the Hungarian Investment Promotion Agency')).toMatchObject({ counterparts: [{ role: 'HOST', organization: { name: 'Hungarian Investment Promotion Agency', kind: 'GOVERNMENT' } }] });
    expect(byName.get('Meeting with the mayor of Debrecen')).toMatchObject({ counterparts: [{ role: 'COUNTERPART', person: { name: 'Gábor Nagy' } }] });
    const figures = events.nodes.flatMap((e: any) => e.figures);
    const expected = doc.figures.filter((f) => 'eventKey' in f);
    expect(figures.map((f: any) => [f.value, f.upTo, f.qualifier, f.unit])).toEqual(expect.arrayContaining(expected.map((f) => [f.value, f.upTo ?? null, f.qualifier ?? 'EXACT', f.unit])));
    expect(figures).toHaveLength(expected.length);
    for (const event of events.nodes) expectQuotesAtOffsets(event.evidence);
    for (const figure of figures) expectQuotesAtOffsets(figure.evidence);
  });

  test('the agreement, its signatories and its figure', async () => {
    const { agreements } = await server.query(`query($a: ID) { agreements(filter: { articleId: $a }) { nodes { title signedOn event { name } signatories { name } figures { value unit unitKey } ${QUOTES} } } }`, { a: articleId });
    expect(agreements.nodes).toEqual([expect.objectContaining({ signedOn: '2024-10-08', event: { name: 'Signing of the logistics contract' }, signatories: [{ name: 'Wang Hong' }, { name: 'Klara Brandt' }], figures: [{ value: 2_500_000, unit: 'euros', unitKey: 'EUR' }] })]);
    expectQuotesAtOffsets(agreements.nodes[0].evidence);
  });

  test("a person's delegations, events (on either side) and agreements", async () => {
    const { people } = await server.query('{ people(filter: { name: "wang hong" }) { nodes { delegations { role delegation { name } } events { side role event { name } } agreements { title } } } }');
    expect(people.nodes).toEqual([{
      delegations: [{ role: 'LEADER', delegation: { name: 'Liaocheng trade delegation' } }],
      events: [{ side: 'DELEGATION', role: null, event: { name: 'Signing of the logistics contract' } }],
      agreements: [{ title: 'Logistics contract between Liaocheng Xinhua Bearing Co and Rhein Spedition GmbH' }],
    }]);
    const { people: met } = await server.query('{ people(filter: { countryCode: "HU" }) { nodes { name events { side role event { name } } } } }');
    expect(met.nodes).toEqual([{ name: 'Gábor Nagy', events: [{ side: 'COUNTERPART', role: 'COUNTERPART', event: { name: 'Meeting with the mayor of Debrecen' } }] }]);
  });

  test('people filtered by affiliation and by role', async () => {
    const { organizations } = await server.query('{ organizations(filter: { countryCode: "DE" }) { nodes { id name } } }');
    const rhein = organizations.nodes.find((o: any) => o.name === 'Rhein Spedition GmbH');
    const { people } = await server.query('query($o: ID) { people(filter: { organizationId: $o }) { nodes { name } } }', { o: rhein.id });
    expect(people.nodes).toEqual([{ name: 'Klara Brandt' }]);
    const { people: members } = await server.query('{ people(filter: { role: MEMBER }) { nodes { name } } }');
    expect(members.nodes).toEqual([{ name: 'Zhang Min' }]);
    const bad = await server.request('{ people(filter: { countryCode: "XX" }) { nodes { name } } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['filter', 'countryCode'] });
  });

  test('the itinerary orders its stops by attendance, then event days, and says which it used', async () => {
    const { delegations } = await server.query(`query($a: ID) { delegations(filter: { articleId: $a }) { nodes { itinerary { country { isoCode } city { name } arrivalDate departureDate orderedBy events { name } } } } }`, { a: articleId });
    expect(delegations.nodes[0].itinerary).toEqual([
      { country: { isoCode: 'DE' }, city: { name: 'Köln' }, arrivalDate: '2024-10-05', departureDate: '2024-10-07', orderedBy: 'ATTENDANCE', events: [{ name: 'Anuga food fair' }] },
      { country: { isoCode: 'HU' }, city: { name: 'Budapest' }, arrivalDate: '2024-10-09', departureDate: '2024-10-09', orderedBy: 'EVENT_DATES', events: [{ name: 'Business forum hosted by the Hungarian Investment Promotion Agency' }] },
      { country: { isoCode: 'HU' }, city: { name: 'Debrecen' }, arrivalDate: '2024-10-10', departureDate: '2024-10-10', orderedBy: 'EVENT_DATES', events: [{ name: 'Meeting with the mayor of Debrecen' }] },
    ]);
  });
});

describe('shows in search, stats and exports', () => {
  test('search finds people by name, title and country, accents aside', async () => {
    const { search } = await server.query('{ search(query: "Gabor Nagy") { nodes { type node { ... on Person { name } } } } }');
    expect(search.nodes[0]).toEqual({ type: 'PERSON', node: { name: 'Gábor Nagy' } });
    const { search: directors } = await server.query('{ search(query: "managing director", types: [PERSON]) { nodes { snippet node { ... on Person { name } } } } }');
    expect(directors.nodes.map((n: any) => n.node.name)).toEqual(['Klara Brandt']);
    expect(directors.nodes[0].snippet).toContain('<mark>');
  });

  test('stats count events by counterpart country and kind, and sum figures per unit', async () => {
    const { stats } = await server.query(`query($a: ID) { stats(filter: { articleId: $a }) {
      eventsByCounterpartCountry { country { isoCode } count } eventsByCounterpartKind { kind count }
      figureTotals { unit figures total exact } euros: figureTotals(unit: "euro") { unit total } } }`, { a: articleId });
    // The signing has two German counterparts: one event.
    expect(stats.eventsByCounterpartCountry).toEqual([{ country: { isoCode: 'HU' }, count: 2 }, { country: { isoCode: 'DE' }, count: 1 }]);
    expect(stats.eventsByCounterpartKind).toEqual([{ kind: 'COMPANY', count: 1 }, { kind: 'GOVERNMENT', count: 1 }]);
    expect(stats.figureTotals).toEqual(expect.arrayContaining([
      { unit: 'representative', figures: 1, total: 60, exact: true },
      { unit: 'exhibitor', figures: 1, total: 1500, exact: false },
      { unit: 'USD', figures: 1, total: 3_000_000, exact: false },
      { unit: 'student exchange a year', figures: 1, total: 20, exact: false },
    ]));
    expect(stats.figureTotals).toHaveLength(doc.figures.length);
    expect(stats.euros).toEqual([{ unit: 'EUR', total: 2_500_000 }]);
  });

  const download = async (file: string, query: Record<string, string>) => {
    const response = await fetch(`${new URL(server.url).origin}/export/${file}?${new URLSearchParams(query)}`);
    expect(response.status).toBe(200);
    return response.text();
  };

  test('events.csv and agreements.csv carry people, counterparts and figures; figures.csv has every figure with its quotes', async () => {
    const events = parse(await download('events.csv', { articleId }), { columns: true }) as Record<string, string>[];
    expect(events.find((e) => e.name === 'Anuga food fair')).toMatchObject({ figures: 'more than 1500 exhibitors; about 3000000 USD' });
    expect(events.find((e) => e.name === 'Signing of the logistics contract')).toMatchObject({ people: 'Wang Hong', counterparts: 'COUNTERPART: Klara Brandt; COUNTERPART: Rhein Spedition GmbH' });
    expect(events.find((e) => e.name === 'Meeting with the mayor of Debrecen')).toMatchObject({ figures: '20 to 30 student exchanges a year', counterparts: 'COUNTERPART: Gábor Nagy' });
    const agreements = parse(await download('agreements.csv', { articleId }), { columns: true }) as Record<string, string>[];
    expect(agreements).toEqual([expect.objectContaining({ signatories: 'Wang Hong; Klara Brandt', figures: '2500000 euros' })]);
    const figures = parse(await download('figures.csv', { articleId }), { columns: true }) as Record<string, string>[];
    expect(figures).toHaveLength(doc.figures.length);
    expect(figures.find((f) => f.unit_key === 'EUR')).toMatchObject({ figure: '2500000 euros', value: '2500000', record_type: 'Agreement', quotes: 'worth 2.5 million euros', article_slug: tradeFairSlug });
    expect(figures.find((f) => f.qualifier === 'RANGE')).toMatchObject({ value: '20', up_to: '30', record_name: 'Meeting with the mayor of Debrecen' });
    const dollars = parse(await download('figures.csv', { articleId, unit: 'US dollars' }), { columns: true }) as Record<string, string>[];
    expect(dollars.map((f) => f.value)).toEqual(['3000000']);
    const geojson = JSON.parse(await download('events.geojson', { articleId }));
    const fair = geojson.features.find((f: any) => f.properties.name === 'Anuga food fair');
    expect(fair.properties.figures).toEqual([expect.objectContaining({ value: 1500, qualifier: 'MORE_THAN', unit: 'exhibitors' }), expect.objectContaining({ value: 3_000_000, unitKey: 'USD' })]);
    const bad = await fetch(`${new URL(server.url).origin}/export/figures.csv?unit=%20`);
    expect(bad.status).toBe(400);
  });
});

describe('re-imports', () => {
  test('the same document is UNCHANGED; without a figure and a counterpart, only those go', async () => {
    const IMPORT = 'mutation($input: ArticleDocumentInput!) { articleImport(input: $input) { status changes { entity created updated deleted } userErrors { message } } }';
    expect((await server.query(IMPORT, { input: tradeFairArticle() }, { token: EDITOR })).articleImport.status).toBe('UNCHANGED');
    const edited = tradeFairArticle();
    edited.figures = edited.figures.filter((f) => f.key !== 'student-exchanges');
    edited.events[1]!.counterparts = edited.events[1]!.counterparts!.slice(0, 1);
    const { articleImport } = await server.query(IMPORT, { input: edited }, { token: EDITOR });
    expect(articleImport.status).toBe('UPDATED');
    expect(articleImport.changes).toEqual(expect.arrayContaining([
      { entity: 'figures', created: 0, updated: 0, deleted: 1 },
      { entity: 'eventCounterparts', created: 0, updated: 0, deleted: 1 },
    ]));
    const { stats } = await server.query('query($a: ID) { stats(filter: { articleId: $a }) { figureTotals { unit } eventsByCounterpartKind { kind count } } }', { a: articleId });
    expect(stats.figureTotals).toHaveLength(edited.figures.length);
    expect(stats.eventsByCounterpartKind).toEqual([{ kind: 'GOVERNMENT', count: 1 }]);
  });
});
