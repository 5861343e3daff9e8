import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedDocuments } from '../src/modules/import/seed.js';
import { sha256 } from '../src/shared/auth.js';
import { toGlobalId } from '../src/shared/global-id.js';
import { articleB, articleBSlug, articleC, articleCSlug } from './fixtures/multi-article.js';
import { expectIndexMatchesSource, startTestServer, type TestServer } from './helpers.js';

// The graph across articles: the seed (A) and two articles written for the tests that share its places and
// organizations and disagree with it (B), or spell them otherwise (C). Importing B and C must leave every
// value A's records show as it was; what B and C say is kept as their claims, and conflicts show both sides.

const EDITOR = 'dg_editor-token-for-multi-article-tests';
const ADMIN = 'dg_admin-token-for-multi-article-tests';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ apiKeys: [{ keyId: 'editor1', role: 'editor', sha256: sha256(EDITOR) }, { keyId: 'admin1', role: 'admin', sha256: sha256(ADMIN) }] });
});
afterAll(() => server.close());

const IMPORT = `mutation Import($input: ArticleDocumentInput!) {
  articleImport(input: $input) {
    article { id slug }
    status
    shared { type id as outcome }
    conflicts { id field shown claims { articleId value } }
    possibleDuplicates { organizationId name similarId similarName reason }
    userErrors { path message code candidates { geonameId name countryCode region population } }
  }
}`;
const importDocument = async (input: unknown) => (await server.query(IMPORT, { input }, { token: EDITOR })).articleImport;

const PLACE = 'id name geonameId region latitude longitude isCapital fromReference country { isoCode name }';
const ORGANIZATION = `id version name kind city { ${PLACE} } country { isoCode name }`;
/** Everything the records of one article show, shared records included. */
const VIEW = `query View($articleId: ID!) {
  delegations(filter: { articleId: $articleId }, first: 20) {
    nodes { id version name startDate endDate homeCity { ${PLACE} } organization { ${ORGANIZATION} } countriesVisited { isoCode name } }
  }
  events(filter: { articleId: $articleId }, first: 20) {
    nodes { id version name kind startDate endDate city { ${PLACE} } country { isoCode name } organizers { ${ORGANIZATION} } }
  }
  agreements(filter: { articleId: $articleId }, first: 20) {
    nodes { id version title signedOn city { ${PLACE} } country { isoCode name } parties { description organization { ${ORGANIZATION} } } }
  }
  images(filter: { articleId: $articleId }, first: 20) {
    nodes { id version caption city { ${PLACE} } country { isoCode name } }
  }
}`;

describe('three articles that share places and organizations', () => {
  let articleA: string;
  let viewBefore: unknown;
  let reportB: any;
  let reportC: any;

  beforeAll(async () => {
    articleA = (await server.query('{ article(slug: "liaocheng-delegation-visits-central-asia") { id } }')).article.id;
    viewBefore = await server.query(VIEW, { articleId: articleA });
    reportB = await importDocument(articleB());
    reportC = await importDocument(articleC());
  });

  test('the articles import; B and C report what they matched and what was new', () => {
    expect(reportB.userErrors).toEqual([]);
    expect(reportC.userErrors).toEqual([]);
    const outcome = (report: any, type: string, as: string) => report.shared.find((s: any) => s.type === type && s.as === as)?.outcome;
    expect(outcome(reportB, 'Country', "People's Republic of China")).toBe('MATCHED');
    expect(outcome(reportB, 'City', 'Liaocheng')).toBe('MATCHED');
    expect(outcome(reportB, 'City', 'Cologne')).toBe('CREATED');
    expect(outcome(reportB, 'Organization', 'Shandong Sinoglory Health Food Co., Ltd.')).toBe('MATCHED');
    expect(outcome(reportC, 'City', 'Koeln')).toBe('MATCHED');
    expect(outcome(reportC, 'City', 'Düsseldorf')).toBe('MATCHED');
    expect(outcome(reportC, 'City', 'Koelnmesse exhibition centre')).toBe('CREATED');
    expect(outcome(reportC, 'Organization', 'Shandong Sinoglory Health Food')).toBe('MATCHED');
    expect(outcome(reportC, 'Organization', 'Sinoglory Health Food Trading Co')).toBe('CREATED');
  });

  test("what A's records show is unchanged by B and C, versions included", async () => {
    expect(await server.query(VIEW, { articleId: articleA })).toEqual(viewBefore);
  });

  test("B's disagreement on Sinoglory's city is a conflict with both sides, in the payload and on the organization", async () => {
    const { articleB: b } = { articleB: reportB.article.id };
    expect(reportB.conflicts).toHaveLength(1);
    const [conflict] = reportB.conflicts;
    expect(conflict.field).toBe('city');
    expect(conflict.claims.map((side: any) => side.articleId)).toEqual([articleA, b]);
    const cities = await server.query(`{ a: cities(countryCode: "CN") { id name } }`);
    const cityId = (name: string) => cities.a.find((c: any) => c.name === name).id;
    expect(conflict.claims.map((side: any) => side.value)).toEqual([cityId('Liaocheng'), cityId('Jinan')]);
    expect(conflict.shown).toBe(cityId('Liaocheng'));

    const { node } = await server.query(`query($id: ID!) { node(id: $id) { ... on Organization { name city { name }
      claims { field value article { slug } evidence { quote } }
      conflicts { field shown claims { value article { slug } } } } } }`, { id: conflict.id });
    expect(node.name).toBe('Shandong Sinoglory Health Food Co');
    expect(node.city.name).toBe('Liaocheng');
    expect(node.conflicts).toEqual([{ field: 'city', shown: cityId('Liaocheng'), claims: [
      { value: cityId('Liaocheng'), article: { slug: 'liaocheng-delegation-visits-central-asia' } },
      { value: cityId('Jinan'), article: { slug: articleBSlug } },
      { value: cityId('Liaocheng'), article: { slug: 'shandong-companies-open-offices-in-dusseldorf' } },
    ] }]);
    // Every name an article gave it is a claim, with that article's quote.
    const names = node.claims.filter((c: any) => c.field === 'name');
    expect(names.map((c: any) => c.value)).toEqual(['Shandong Sinoglory Health Food Co', 'Shandong Sinoglory Health Food Co., Ltd.', 'Shandong Sinoglory Health Food']);
    expect(names[1].evidence[0].quote).toContain('Co., Ltd.');
  });

  test('one city per place across spellings, with the reference name and every spelling with its evidence', async () => {
    const { cities } = await server.query(`{ cities(countryCode: "DE") { name geonameId region fromReference referenceSource { name }
      spellings { value article { slug } evidence { quote } } } }`);
    expect(cities.map((c: any) => c.name)).toEqual(['Düsseldorf', 'Koelnmesse exhibition centre', 'Köln']);
    const [dusseldorf, venue, koeln] = cities;
    expect(koeln).toMatchObject({ geonameId: 2886242, region: 'North Rhine-Westphalia', fromReference: true });
    expect(koeln.referenceSource.name).toMatch(/GeoNames/);
    expect(koeln.spellings.map((s: any) => s.value)).toEqual(['Cologne', 'Koeln']);
    expect(koeln.spellings[0].evidence[0].quote).toBe('In Cologne');
    expect(dusseldorf.spellings.map((s: any) => s.value)).toEqual(['Dusseldorf', 'Düsseldorf']);
    expect(venue).toMatchObject({ geonameId: null, fromReference: false });
    expect(venue.referenceSource.name).toMatch(/not in the gazetteer/);
  });

  test("countries show the ISO name; each article's name for one is a spelling", async () => {
    const { countries } = await server.query('{ countries { isoCode name spellings { value article { slug } } } }');
    const china = countries.find((c: any) => c.isoCode === 'CN');
    expect(china.name).toBe('China');
    expect(china.spellings.map((s: any) => s.value)).toEqual(['China', "People's Republic of China", 'China']);
  });

  test('a new organization close to an existing one is reported as a possible duplicate, not merged', () => {
    expect(reportC.possibleDuplicates).toHaveLength(1);
    expect(reportC.possibleDuplicates[0]).toMatchObject({ name: 'Sinoglory Health Food Trading Co', similarName: expect.stringMatching(/^Shandong Sinoglory Health Food/) });
    expect(reportC.possibleDuplicates[0].organizationId).not.toBe(reportC.possibleDuplicates[0].similarId);
  });
});

/** A version-2 document about one place, named as `mention` in its body, with the city's fields given by `city`. */
function placeDocument(mention: string, city: Record<string, unknown>, version = 2) {
  const body = `Officials visited ${mention} last week.`;
  return {
    version,
    article: { slug: `visit-${Math.random().toString(36).slice(2, 10)}`, title: `A visit to ${mention}`, body, language: 'en' },
    ...(version === 1 ? { referenceSources: [{ key: 'iso-3166-1', name: 'ISO 3166-1' }, { key: 'geonames', name: 'GeoNames' }] } : {}),
    countries: [{ isoCode: city.countryCode, name: String(city.countryCode), ...(version === 1 ? { referenceSource: 'iso-3166-1' } : {}), evidence: [] }],
    cities: [{ key: 'place', name: mention, evidence: [{ quote: `visited ${mention}`, facts: ['name'] }], ...city }],
  };
}

describe('places the gazetteer cannot settle are refused, each with its code and path', () => {
  const refusal = async (input: unknown) => {
    const payload = await importDocument(input);
    expect(payload.article).toBeNull();
    return payload.userErrors;
  };

  test('a name several places of the country carry: AMBIGUOUS_PLACE, with the candidates; a geonameId settles it', async () => {
    const [error, ...others] = await refusal(placeDocument('Neustadt', { countryCode: 'DE' }));
    expect(others).toEqual([]);
    expect(error).toMatchObject({ code: 'AMBIGUOUS_PLACE', path: ['input', 'cities', '0', 'name'] });
    expect(error.candidates.length).toBeGreaterThan(3);
    expect(error.candidates[0]).toEqual({ geonameId: 2864054, name: 'Neustadt', countryCode: 'DE', region: 'Rheinland-Pfalz', population: expect.any(Number) });

    const settled = await importDocument(placeDocument('Neustadt', { countryCode: 'DE', geonameId: error.candidates[1].geonameId }));
    expect(settled.userErrors).toEqual([]);
    const { city } = await server.query(`query($id: ID!) { city: node(id: $id) { ... on City { name geonameId spellings { value } } } }`, { id: settled.shared.find((s: any) => s.type === 'City').id });
    expect(city).toEqual({ name: error.candidates[1].name, geonameId: error.candidates[1].geonameId, spellings: [{ value: 'Neustadt' }] });
  });

  test('a place the gazetteer does not know: UNKNOWN_PLACE at the name, or at the geonameId', async () => {
    expect(await refusal(placeDocument('Ankh-Morpork', { countryCode: 'DE' }))).toMatchObject([{ code: 'UNKNOWN_PLACE', path: ['input', 'cities', '0', 'name'] }]);
    expect(await refusal(placeDocument('Köln', { countryCode: 'DE', geonameId: 999_999_999 }))).toMatchObject([{ code: 'UNKNOWN_PLACE', path: ['input', 'cities', '0', 'geonameId'] }]);
  });

  test('a place the gazetteer has in another country: COUNTRY_MISMATCH at the country code, naming where it is', async () => {
    const [error] = await refusal(placeDocument('Debrecen', { countryCode: 'DE' }));
    expect(error).toMatchObject({ code: 'COUNTRY_MISMATCH', path: ['input', 'cities', '0', 'countryCode'] });
    expect(error.candidates).toEqual([{ geonameId: 721472, name: 'Debrecen', countryCode: 'HU', region: 'Hajdú-Bihar', population: expect.any(Number) }]);
    expect(await refusal(placeDocument('Köln', { countryCode: 'HU', geonameId: 2886242 }))).toMatchObject([{ code: 'COUNTRY_MISMATCH', path: ['input', 'cities', '0', 'countryCode'] }]);
  });

  test('version 1 coordinates or capital flags that disagree with the gazetteer: REFERENCE_MISMATCH; within 0.1 degree the gazetteer decides', async () => {
    const v1 = (fields: Record<string, unknown>) => placeDocument('Budapest', { countryCode: 'HU', isCapital: true, latitude: 47.49835, longitude: 19.04045, referenceSource: 'geonames', ...fields }, 1);
    expect(await refusal(v1({ latitude: 48.6 }))).toMatchObject([{ code: 'REFERENCE_MISMATCH', path: ['input', 'cities', '0', 'latitude'] }]);
    expect(await refusal(v1({ isCapital: false }))).toMatchObject([{ code: 'REFERENCE_MISMATCH', path: ['input', 'cities', '0', 'isCapital'] }]);
    const near = await importDocument(v1({ latitude: 47.55, longitude: 19.0 }));
    expect(near.userErrors).toEqual([]);
    const { cities } = await server.query('{ cities(countryCode: "HU") { name latitude longitude isCapital } }');
    expect(cities).toContainEqual({ name: 'Budapest', latitude: 47.49835, longitude: 19.04045, isCapital: true });
  });

  test("each version's fields: version 1 types what version 2 takes from the gazetteer, and refuses version 2's", async () => {
    expect(await refusal(placeDocument('Budapest', { countryCode: 'HU', referenceSource: 'geonames' }, 1))).toMatchObject([
      { code: 'INVALID_VALUE', path: ['input', 'cities', '0', 'isCapital'] },
      { code: 'INVALID_VALUE', path: ['input', 'cities', '0', 'latitude'] },
      { code: 'INVALID_VALUE', path: ['input', 'cities', '0', 'longitude'] },
    ]);
    expect(await refusal(placeDocument('Budapest', { countryCode: 'HU', latitude: 47.5 }))).toMatchObject([{ code: 'INVALID_VALUE', path: ['input', 'cities', '0', 'latitude'] }]);
    expect(await refusal(placeDocument('Budapest', { countryCode: 'HU', unlisted: true, latitude: 47.5, longitude: 19 }))).toMatchObject([{ code: 'INVALID_VALUE', path: ['input', 'cities', '0', 'unlisted'] }]);
    expect(await refusal(placeDocument('Hungexpo fairground', { countryCode: 'HU', unlisted: true }))).toMatchObject([
      { code: 'INVALID_VALUE', path: ['input', 'cities', '0', 'latitude'] },
      { code: 'INVALID_VALUE', path: ['input', 'cities', '0', 'longitude'] },
    ]);
  });
});

describe('facts are checked against the words of their quotes', () => {
  const seedDocument = () => structuredClone(seedDocuments()[0]!.document) as any;
  const refusal = async (input: unknown) => {
    const payload = await importDocument(input);
    expect(payload.article).toBeNull();
    return payload.userErrors.map(({ path, code }: any) => ({ path, code }));
  };
  const indexOf = (list: any[], key: string) => list.findIndex((item) => item.key === key);

  test('the seed passes unchanged', async () => {
    expect((await importDocument(seedDocument())).userErrors).toEqual([]);
  });

  test('a date no quote tagged with it expresses: FACT_NOT_IN_QUOTE at the date field', async () => {
    const doc = seedDocument();
    const i = indexOf(doc.events, 'samarkand-friendly-shandong-exhibition');
    doc.events[i].startDate = '2023-09-07'; // its quote says "held on Sept 6"
    expect(await refusal(doc)).toEqual([{ path: ['input', 'events', String(i), 'startDate'], code: 'FACT_NOT_IN_QUOTE' }]);
    // The year of "Sept 6" is the article's (2023): the same day a year off is not what the quote says.
    doc.events[i].startDate = '2022-09-06';
    expect(await refusal(doc)).toEqual([{ path: ['input', 'events', String(i), 'startDate'], code: 'FACT_NOT_IN_QUOTE' }]);
  });

  test('a quote tagged with a date but stating none backs nothing', async () => {
    const doc = seedDocument();
    const i = indexOf(doc.events, 'astana-shandong-kazakhstan-cooperation-event');
    doc.events[i].startDate = '2023-09-03';
    doc.events[i].evidence[0].facts.push('startDate'); // "In Astana, the capital of Kazakhstan, ..." has no date
    expect(await refusal(doc)).toEqual([{ path: ['input', 'events', String(i), 'startDate'], code: 'FACT_NOT_IN_QUOTE' }]);
  });

  test('a place or an organization its quotes do not name: FACT_NOT_IN_QUOTE at the reference', async () => {
    const doc = seedDocument();
    const i = indexOf(doc.events, 'tashkent-china-shandong-uzbekistan-conference');
    doc.events[i].cityKey = 'samarkand'; // same country, but the quote says Tashkent
    const a = doc.agreements.findIndex((agreement: any) => agreement.parties.some((p: any) => p.organizationKey != null));
    const j = doc.agreements[a].parties.findIndex((p: any) => p.organizationKey != null);
    doc.agreements[a].parties[j].organizationKey = 'shandong-provincial-government';
    expect(await refusal(doc)).toEqual([
      { path: ['input', 'events', String(i), 'cityKey'], code: 'FACT_NOT_IN_QUOTE' },
      { path: ['input', 'agreements', String(a), 'parties', String(j), 'organizationKey'], code: 'FACT_NOT_IN_QUOTE' },
    ]);
  });

  test('an edit is checked the same way: a date its quotes do not state is refused at the input field', async () => {
    const { events } = await server.query('{ events(filter: { from: "2023-09-06", to: "2023-09-06" }) { nodes { id version name } } }');
    const [event] = events.nodes;
    const { eventUpdate } = await server.query(`mutation($input: EventUpdateInput!) { eventUpdate(input: $input) { event { startDate } userErrors { path code } } }`,
      { input: { id: event.id, version: event.version, startDate: '2023-09-08' } }, { token: EDITOR });
    expect(eventUpdate).toEqual({ event: null, userErrors: [{ path: ['input', 'startDate'], code: 'FACT_NOT_IN_QUOTE' }] });
  });
});

describe('withdrawing an article, and correcting one', () => {
  const DELETE = `mutation($input: ArticleDeleteInput!) { articleDelete(input: $input) { deletedId alsoDeletedIds userErrors { path code } } }`;
  const remove = async (id: string, token: string | null = EDITOR) => server.request(DELETE, { input: { id } }, token ? { token } : {});
  const idOf = async (slug: string) => (await server.query('query($slug: String) { article(slug: $slug) { id } }', { slug })).article?.id;
  const cityNames = async (countryCode: string) => (await server.query('query($c: String) { cities(countryCode: $c) { name } }', { c: countryCode })).cities.map((c: any) => c.name);
  const sinoglory = async () => (await server.query('{ organizations(filter: { countryCode: "CN" }, first: 50) { nodes { id name kind city { name } claims { field value } conflicts { field } } } }'))
    .organizations.nodes.find((o: any) => o.name.startsWith('Shandong Sinoglory'));

  test('needs an editor key, and an existing article', async () => {
    const c = await idOf(articleCSlug);
    const anonymous = await remove(c, null);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const missing = (await remove(toGlobalId('Article', 99_999))).data!.articleDelete;
    expect(missing).toEqual({ deletedId: null, alsoDeletedIds: [], userErrors: [{ path: ['input', 'id'], code: 'NOT_FOUND' }] });
  });

  test('C goes with its records and what only it supports; what other articles support stays, with their claims', async () => {
    const a = await idOf('liaocheng-delegation-visits-central-asia');
    const before = await server.query(VIEW, { articleId: a });
    const c = await idOf(articleCSlug);
    const { articleDelete } = (await remove(c)).data!;
    expect(articleDelete.deletedId).toBe(c);
    expect(articleDelete.userErrors).toEqual([]);
    expect(await idOf(articleCSlug)).toBeUndefined();
    const deletedTypes = await Promise.all(articleDelete.alsoDeletedIds.map(async (id: string) => (await server.query('query($id: ID!) { node(id: $id) { id } }', { id })).node));
    expect(deletedTypes.every((node) => node === null)).toBe(true);
    const german = await cityNames('DE');
    expect(german).toEqual(expect.arrayContaining(['Düsseldorf', 'Köln']));
    expect(german).not.toContain('Koelnmesse exhibition centre'); // the venue only C named is gone
    const { organizations } = await server.query('{ organizations(filter: { countryCode: "CN" }, first: 50) { nodes { name } } }');
    expect(organizations.nodes.map((o: any) => o.name)).not.toContain('Sinoglory Health Food Trading Co');
    const { cities } = await server.query('{ cities(countryCode: "DE") { name spellings { value } } }');
    expect(cities.find((city: any) => city.name === 'Köln').spellings).toEqual([{ value: 'Cologne' }]);
    expect((await sinoglory()).claims.filter((claim: any) => claim.field === 'name').map((claim: any) => claim.value)).toEqual(['Shandong Sinoglory Health Food Co', 'Shandong Sinoglory Health Food Co., Ltd.']);
    expect(await server.query(VIEW, { articleId: a })).toEqual(before);
    expect(await server.db.auditEntry.count({ where: { entity: 'Article', action: 'DELETE' } })).toBe(1);
  });

  test('a corrected re-import drops the shared records it no longer names when nothing else supports them', async () => {
    const corrected = articleB();
    corrected.cities = corrected.cities.filter((city) => city.key !== 'debrecen');
    corrected.countries = corrected.countries.filter((country) => country.isoCode !== 'HU');
    corrected.delegations[0]!.countriesVisited = ['DE'];
    corrected.article.body = corrected.article.body.replace('In Debrecen, Hungary', 'In one more city');
    const report = await importDocument(corrected);
    expect(report.userErrors.map((e: any) => e.message)).toEqual([]);
    // Hungary stays: another article (of the refusal tests above) names Budapest.
    expect(await cityNames('HU')).toEqual(['Budapest']);
    const { countries } = await server.query('{ countries { isoCode spellings { article { slug } } } }');
    expect(countries.find((c: any) => c.isoCode === 'HU').spellings.map((s: any) => s.article.slug)).not.toContain(articleBSlug);
  });

  test("withdrawing A: a shared organization then shows the next earliest article's claims; the index and counts follow", async () => {
    expect((await sinoglory()).city.name).toBe('Liaocheng');
    const a = await idOf('liaocheng-delegation-visits-central-asia');
    expect((await remove(a)).data!.articleDelete.userErrors).toEqual([]);
    const org = await sinoglory();
    expect(org).toMatchObject({ name: 'Shandong Sinoglory Health Food Co., Ltd.', city: { name: 'Jinan' }, conflicts: [] });
    expect(await cityNames('KZ')).toEqual([]);
    expect(await cityNames('CN')).toEqual(['Jinan', 'Liaocheng']); // B still names Liaocheng
    const { stats } = await server.query('{ stats { eventCount delegationCount eventsByCountry { country { isoCode } count } } }');
    expect(stats).toEqual({ eventCount: 2, delegationCount: 1, eventsByCountry: [{ country: { isoCode: 'DE' }, count: 2 }] });
    await expectIndexMatchesSource(server.db);
  });

  test('an admin deletes a shared record nothing refers to (one left from before these rules); a referenced one is refused', async () => {
    const DELETE_SHARED = `mutation($input: SharedRecordDeleteInput!) { sharedRecordDelete(input: $input) { deletedId userErrors { path code } } }`;
    const germany = await server.db.country.findUniqueOrThrow({ where: { isoCode: 'DE' } });
    // What an import before the gazetteer could leave: Debrecen typed into Germany, no longer named by anything.
    const orphan = await server.db.city.create({ data: { name: 'Debrecen', countryId: germany.id, isCapital: false, latitude: 47.53, longitude: 21.62, referenceSourceId: germany.referenceSourceId } });
    const asEditor = await server.request(DELETE_SHARED, { input: { id: toGlobalId('City', orphan.id) } }, { token: EDITOR });
    expect(asEditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const deleted = await server.query(DELETE_SHARED, { input: { id: toGlobalId('City', orphan.id) } }, { token: ADMIN });
    expect(deleted.sharedRecordDelete).toEqual({ deletedId: toGlobalId('City', orphan.id), userErrors: [] });
    expect(await server.db.city.findUnique({ where: { id: orphan.id } })).toBeNull();
    const referenced = await server.query(DELETE_SHARED, { input: { id: toGlobalId('Country', germany.id) } }, { token: ADMIN });
    expect(referenced.sharedRecordDelete).toEqual({ deletedId: null, userErrors: [{ path: ['input', 'id'], code: 'REFERENCED' }] });
  });
});
