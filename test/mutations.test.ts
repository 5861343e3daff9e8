import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importDocument } from '../src/modules/import/import.service.js';
import { sha256 } from '../src/shared/auth.js';
import { secondArticle } from './fixtures/second-article.js';
import { snapshot, startTestServer, type TestServer } from './helpers.js';

// Editing records one at a time, as an editor's form would: validated like an import, versioned, audited.
const EDITOR = 'dg_mutations-editor';
let server: TestServer;
const ids: Record<string, string> = {};
beforeAll(async () => {
  server = await startTestServer({ apiKeys: [{ keyId: 'ed', role: 'editor', sha256: sha256(EDITOR) }] });
  await importDocument(server.db, secondArticle());
  const data = await server.query(`{
    articles { nodes { id slug } }
    delegations { nodes { id name } }
    cities { id name }
    events(first: 100) { nodes { id name version } }
  }`);
  for (const node of data.articles.nodes) ids[node.slug] = node.id;
  for (const node of [...data.delegations.nodes, ...data.cities, ...data.events.nodes]) ids[node.name] = node.id;
});
afterAll(() => server.close());

const SEED = 'liaocheng-delegation-visits-central-asia';
const BISHKEK_MEETING = 'In Bishkek, capital of Kyrgyzstan, the Liaocheng delegation attended the Shandong-Kyrgyz company cooperation and exchange meeting.';

const CREATE = `mutation($input: EventCreateInput!) { eventCreate(input: $input) {
  event { id name version city { name } country { isoCode } delegations { name } evidence { quote start end facts } }
  userErrors { path message code } } }`;
const UPDATE = `mutation($input: EventUpdateInput!) { eventUpdate(input: $input) {
  event { id name description version } userErrors { path message code } } }`;
const DELETE = `mutation($input: EventDeleteInput!) { eventDelete(input: $input) {
  deletedId alsoDeletedIds userErrors { path message code } } }`;

const asEditor = (query: string, input: unknown) => server.query(query, { input }, { token: EDITOR });

const newEvent = () => ({
  articleId: ids[SEED],
  name: 'Follow-up talks in Bishkek',
  kind: 'TALKS',
  description: 'A second meeting an editor adds for the test.',
  cityId: ids.Bishkek,
  countryCode: 'KG',
  participants: [{ delegationId: ids['Liaocheng delegation'] }],
  evidence: [{ quote: BISHKEK_MEETING, facts: ['kind', 'city', 'country', 'delegations'] }],
});

describe('eventCreate', () => {
  let created: any;

  test('adds an event with its quotes located, visible in lists, search, stats and the audit log', async () => {
    const before = (await server.query('{ stats { eventCount } }')).stats.eventCount;
    const { eventCreate } = await asEditor(CREATE, newEvent());
    expect(eventCreate.userErrors).toEqual([]);
    created = eventCreate.event;
    expect(created).toMatchObject({
      name: 'Follow-up talks in Bishkek',
      version: 1,
      city: { name: 'Bishkek' },
      country: { isoCode: 'KG' },
      delegations: [{ name: 'Liaocheng delegation' }],
    });
    const [quote] = created.evidence;
    expect(quote.facts).toEqual(['city', 'country', 'delegations', 'kind']);
    expect(quote.end - quote.start).toBe(BISHKEK_MEETING.length);
    const data = await server.query('{ stats { eventCount } search(query: "follow-up talks") { nodes { node { id } } } }');
    expect(data.stats.eventCount).toBe(before + 1);
    expect(data.search.nodes.map((n: any) => n.node.id)).toContain(created.id);
  });

  test('a fact without a quote is refused at the input field, and nothing is written', async () => {
    const before = await snapshot(server.db);
    const { eventCreate } = await asEditor(CREATE, { ...newEvent(), name: 'Undated claim', startDate: '2023-09-08' });
    expect(eventCreate.event).toBeNull();
    expect(eventCreate.userErrors).toContainEqual({ path: ['input', 'evidence'], message: expect.stringMatching(/startDate/), code: 'MISSING_EVIDENCE' });
    expect(await snapshot(server.db)).toEqual(before);
  });

  test('a city from another article needs a quote of this article that names it', async () => {
    const before = await snapshot(server.db);
    const { eventCreate } = await asEditor(CREATE, { ...newEvent(), name: 'Misplaced', cityId: ids['Düsseldorf'], countryCode: 'DE' });
    expect(eventCreate.userErrors.map((e: any) => [e.path.join('.'), e.code])).toContainEqual(['input.cityId', 'NOT_QUOTED']);
    expect(await snapshot(server.db)).toEqual(before);
  });

  test('a delegation of another article cannot take part', async () => {
    const { eventCreate } = await asEditor(CREATE, { ...newEvent(), name: 'Crossed', participants: [{ delegationId: ids['Jinan trade delegation'] }] });
    expect(eventCreate.userErrors).toEqual([
      { path: ['input', 'participants', '0', 'delegationId'], message: expect.stringMatching(/another article/), code: 'UNKNOWN_REFERENCE' },
    ]);
  });

  test('needs an editor key', async () => {
    const before = await snapshot(server.db);
    const response = await server.request(CREATE, { input: newEvent() });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await snapshot(server.db)).toEqual(before);
  });

  describe('eventUpdate', () => {
    test('changes what it is given, keeps the rest, and increments the version', async () => {
      const { eventUpdate } = await asEditor(UPDATE, { id: created.id, version: 1, description: 'Talks an editor added and then revised.' });
      expect(eventUpdate).toMatchObject({ event: { name: 'Follow-up talks in Bishkek', description: 'Talks an editor added and then revised.', version: 2 }, userErrors: [] });
    });

    test('a stale version is a CONFLICT and writes nothing', async () => {
      const before = await snapshot(server.db);
      const { eventUpdate } = await asEditor(UPDATE, { id: created.id, version: 1, description: 'Lost update?' });
      expect(eventUpdate.event).toBeNull();
      expect(eventUpdate.userErrors).toEqual([{ path: ['input', 'version'], message: expect.stringMatching(/version 2, not 1/), code: 'CONFLICT' }]);
      expect(await snapshot(server.db)).toEqual(before);
    });

    test('of two concurrent updates from the same version, exactly one wins', async () => {
      const results = await Promise.all(
        ['first editor', 'second editor'].map((who) => asEditor(UPDATE, { id: created.id, version: 2, description: `Revised by the ${who}.` })),
      );
      const winners = results.filter((r) => r.eventUpdate.userErrors.length === 0);
      const losers = results.filter((r) => r.eventUpdate.userErrors[0]?.code === 'CONFLICT');
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      const { event } = await server.query('query($id: ID!) { event(id: $id) { description version } }', { id: created.id });
      expect(event).toEqual({ description: winners[0]!.eventUpdate.event.description, version: 3 });
    });
  });
});

describe('eventDelete', () => {
  const samarkand = '"Friendly Shandong, Good Shandong Products" exhibition';

  test('is refused while an image shows the event, naming what refers to it', async () => {
    const before = await snapshot(server.db);
    const { eventDelete } = await asEditor(DELETE, { id: ids[samarkand] });
    expect(eventDelete).toMatchObject({ deletedId: null, userErrors: [{ path: ['input', 'id'], code: 'REFERENCED', message: expect.stringMatching(/1 image/) }] });
    expect(await snapshot(server.db)).toEqual(before);
  });

  test('with cascade, deletes the event and the records that refer to it', async () => {
    const { eventDelete } = await asEditor(DELETE, { id: ids[samarkand], cascade: true });
    expect(eventDelete.userErrors).toEqual([]);
    expect(eventDelete.deletedId).toBe(ids[samarkand]);
    expect(eventDelete.alsoDeletedIds).toHaveLength(1);
    const data = await server.query('query($ids: [ID!]!) { nodes(ids: $ids) { id } images(filter: { countryCode: "UZ" }) { totalCount } }', {
      ids: [ids[samarkand], eventDelete.alsoDeletedIds[0]],
    });
    expect(data.nodes).toEqual([null, null]);
    expect(data.images.totalCount).toBe(1);
  });

  test('of a record that is gone is NOT_FOUND', async () => {
    const { eventDelete } = await asEditor(DELETE, { id: ids[samarkand] });
    expect(eventDelete.userErrors).toEqual([{ path: ['input', 'id'], message: expect.any(String), code: 'NOT_FOUND' }]);
  });
});

describe('agreements, images, organizations and delegations', () => {
  const gql = (name: string, type: string, fields: string) =>
    `mutation($input: ${type}!) { ${name}(input: $input) { ${fields} userErrors { path message code } } }`;
  const agreementsIn = async (code: string) =>
    (await server.query('query($code: String) { agreements(filter: { countryCode: $code }) { totalCount } }', { code })).agreements.totalCount;

  test('agreementCreate, agreementUpdate, agreementDelete', async () => {
    expect(await agreementsIn('KZ')).toBe(2);
    const { agreementCreate } = await asEditor(gql('agreementCreate', 'AgreementCreateInput', 'agreement { id version parties { description role } city { name } }'), {
      articleId: ids[SEED],
      title: 'A third cooperation agreement in Astana',
      kind: 'COOPERATION_AGREEMENT',
      cityId: ids.Astana,
      countryCode: 'KZ',
      parties: [{ description: 'a company from Liaocheng', role: 'VISITING_PARTY' }],
      evidence: [
        { quote: 'Two companies from Liaocheng signed cooperative agreements with local enterprises.', facts: ['kind', 'parties'] },
        { quote: 'In Astana, the capital of Kazakhstan', facts: ['city', 'country'] },
      ],
    });
    expect(agreementCreate.userErrors).toEqual([]);
    expect(agreementCreate.agreement).toMatchObject({ version: 1, city: { name: 'Astana' }, parties: [{ description: 'a company from Liaocheng', role: 'VISITING_PARTY' }] });
    expect(await agreementsIn('KZ')).toBe(3);

    const update = gql('agreementUpdate', 'AgreementUpdateInput', 'agreement { signedOn version }');
    const undated = await asEditor(update, { id: agreementCreate.agreement.id, version: 1, signedOn: '2023-09-03' });
    expect(undated.agreementUpdate.userErrors).toContainEqual({ path: ['input', 'evidence'], message: expect.stringMatching(/signedOn/), code: 'MISSING_EVIDENCE' });

    const { agreementDelete } = await asEditor(gql('agreementDelete', 'AgreementDeleteInput', 'deletedId'), { id: agreementCreate.agreement.id, version: 1 });
    expect(agreementDelete).toEqual({ deletedId: agreementCreate.agreement.id, userErrors: [] });
    expect(await agreementsIn('KZ')).toBe(2);
  });

  test('imageCreate needs the caption verbatim in the article', async () => {
    const before = await snapshot(server.db);
    const { imageCreate } = await asEditor(gql('imageCreate', 'ImageCreateInput', 'image { id }'), {
      articleId: ids[SEED],
      caption: 'A caption the article never printed.',
      evidence: [{ quote: BISHKEK_MEETING, facts: ['caption'] }],
    });
    expect(imageCreate.image).toBeNull();
    expect(imageCreate.userErrors).toContainEqual({ path: ['input', 'caption'], message: expect.stringMatching(/verbatim/), code: 'NOT_QUOTED' });
    expect(await snapshot(server.db)).toEqual(before);
  });

  test('organizationCreate and organizationUpdate, with versions', async () => {
    const { organizationCreate } = await asEditor(gql('organizationCreate', 'OrganizationCreateInput', 'organization { id name kind version }'), {
      articleId: ids[SEED],
      name: 'Liaocheng city',
      kind: 'GOVERNMENT',
      countryCode: 'CN',
      evidence: [{ quote: "Shandong's Liaocheng city", facts: ['name', 'kind'] }],
    });
    expect(organizationCreate).toMatchObject({ organization: { name: 'Liaocheng city', kind: 'GOVERNMENT', version: 1 }, userErrors: [] });
    const update = gql('organizationUpdate', 'OrganizationUpdateInput', 'organization { kind version }');
    const id = organizationCreate.organization.id;
    expect((await asEditor(update, { id, version: 1, kind: 'OTHER' })).organizationUpdate).toEqual({ organization: { kind: 'OTHER', version: 2 }, userErrors: [] });
    expect((await asEditor(update, { id, version: 1, kind: 'COMPANY' })).organizationUpdate.userErrors[0].code).toBe('CONFLICT');
    const again = await asEditor(gql('organizationCreate', 'OrganizationCreateInput', 'organization { id }'), {
      articleId: ids[SEED], name: 'Liaocheng city', kind: 'GOVERNMENT', countryCode: 'CN', evidence: [],
    });
    expect(again.organizationCreate.userErrors).toEqual([{ path: ['input', 'name'], message: expect.stringMatching(/already/), code: 'DUPLICATE_KEY' }]);
  });

  test('organizationDelete unlinks it only with cascade; the parties keep their description', async () => {
    const { organizations } = await server.query('{ organizations(filter: { countryCode: "CN" }) { nodes { id name } } }');
    const sinoglory = organizations.nodes.find((o: any) => o.name === 'Shandong Sinoglory Health Food Co');
    const remove = gql('organizationDelete', 'OrganizationDeleteInput', 'deletedId');
    const refusedDelete = await asEditor(remove, { id: sinoglory.id });
    expect(refusedDelete.organizationDelete.userErrors[0]).toMatchObject({ path: ['input', 'id'], code: 'REFERENCED' });
    const { organizationDelete } = await asEditor(remove, { id: sinoglory.id, cascade: true });
    expect(organizationDelete).toEqual({ deletedId: sinoglory.id, userErrors: [] });
    const { agreements } = await server.query('{ agreements(filter: { countryCode: "UZ" }) { nodes { version parties { description organization { name } } } } }');
    expect(agreements.nodes[0].parties[0]).toEqual({ description: 'a Liaocheng-based company', organization: null });
    expect(agreements.nodes[0].version).toBe(2);
  });

  test('delegationDelete: refused while a delegation travelled within it; cascade removes both and their participations', async () => {
    const remove = gql('delegationDelete', 'DelegationDeleteInput', 'deletedId alsoDeletedIds');
    const provincial = ids['Shandong provincial government delegation'];
    const refusedDelete = await asEditor(remove, { id: provincial });
    expect(refusedDelete.delegationDelete.userErrors[0]).toMatchObject({ code: 'REFERENCED', message: expect.stringMatching(/1 delegation\(s\)/) });
    const eventsBefore = (await server.query('{ events { totalCount } }')).events.totalCount;
    const { delegationDelete } = await asEditor(remove, { id: provincial, cascade: true });
    expect(delegationDelete).toEqual({ deletedId: provincial, alsoDeletedIds: [ids['Liaocheng delegation']], userErrors: [] });
    const data = await server.query('{ delegations { nodes { name } } events { totalCount nodes { delegations { name } } } }');
    expect(data.delegations.nodes).toEqual([{ name: 'Jinan trade delegation' }]);
    expect(data.events.totalCount).toBe(eventsBefore);
    expect(data.events.nodes.flatMap((e: any) => e.delegations.map((d: any) => d.name))).not.toContain('Liaocheng delegation');
  });
});
