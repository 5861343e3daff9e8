import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sha256 } from '../src/shared/auth.js';
import { jsonBlocks, section } from './docs.js';
import { snapshot, startTestServer, type TestServer } from './helpers.js';

// The rules of people, counterparts, attendance and figures, on the worked example of docs/writing-data.md:
// what a bad document is told (code and path), that a refused one writes nothing, and how people are matched
// across articles, kept through edits and withdrawn with their last article.

const EDITOR = 'dg_editor-token-for-people-rules';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ apiKeys: [{ keyId: 'editor1', role: 'editor', sha256: sha256(EDITOR) }] });
});
afterAll(() => server.close());

const example = () => structuredClone(jsonBlocks(section('People, counterparts and figures: a worked example').text)[0]) as any;
const IMPORT = `mutation Import($input: ArticleDocumentInput!) {
  articleImport(input: $input) { status article { id } shared { type id as outcome } possibleDuplicatePeople { personId name similarId similarName reason } userErrors { path code message } }
}`;
const importDocument = async (input: unknown) => (await server.query(IMPORT, { input }, { token: EDITOR })).articleImport;
const at = (path: string) => ['input', ...path.split('.')];

describe('a document with a broken person, counterpart, attendance or figure is refused at the field, writing nothing', () => {
  const broken: [string, (doc: any) => void, string, string][] = [
    ['a figure whose quote lacks its number', (d) => (d.figures[0].value = 61), 'figures.0.value', 'FACT_NOT_IN_QUOTE'],
    ['a figure whose quote lacks its unit', (d) => (d.figures[0].unit = 'visitors'), 'figures.0.unit', 'FACT_NOT_IN_QUOTE'],
    ['a figure of no record', (d) => delete d.figures[0].delegationKey, 'figures.0.delegationKey', 'INVALID_VALUE'],
    ['a figure of two records', (d) => (d.figures[2].eventKey = 'food-fair'), 'figures.2.agreementKey', 'INVALID_VALUE'],
    ['a range without its high end', (d) => (d.figures[0].qualifier = 'RANGE'), 'figures.0.upTo', 'INVALID_VALUE'],
    ['a figure of an unknown delegation', (d) => (d.figures[0].delegationKey = 'nobody'), 'figures.0.delegationKey', 'UNKNOWN_REFERENCE'],
    ['attendance before the event starts', (d) => (d.events[0].participants[0].attendedFrom = '2024-10-07'), 'events.0.participants.0.attendedFrom', 'INVALID_DATE_RANGE'],
    ['attendance no quote states', (d) => (d.events[0].participants[0].attendedTo = '2024-10-11'), 'events.0.participants.0.attendedTo', 'FACT_NOT_IN_QUOTE'],
    ['attendance that ends before it starts', (d) => Object.assign(d.events[0].participants[0], { attendedFrom: '2024-10-09', attendedTo: '2024-10-08' }), 'events.0.participants.0.attendedTo', 'INVALID_DATE_RANGE'],
    ['a counterpart that is both an organization and a person', (d) => (d.events[1].counterparts[0].organizationKey = 'x'), 'events.1.counterparts.0.organizationKey', 'INVALID_VALUE'],
    ['a counterpart no quote names', (d) => (d.events[1].counterparts[0].personKey = 'li-wei'), 'events.1.counterparts.0.personKey', 'FACT_NOT_IN_QUOTE'],
    ['a counterpart without a quote', (d) => (d.events[1].evidence[0].facts = ['kind', 'startDate', 'city', 'delegations']), 'events.1.evidence', 'MISSING_EVIDENCE'],
    ['a member who is not in the document', (d) => (d.delegations[0].members[0].personKey = 'zhang-min'), 'delegations.0.members.0.personKey', 'UNKNOWN_REFERENCE'],
    ['a title no quote contains', (d) => (d.people[0].titles[0].title = 'Mayor of Liaocheng'), 'people.0.titles.0.title', 'NOT_QUOTED'],
    ['a name no quote contains', (d) => (d.people[1].name = 'Péter Kovács'), 'people.1.name', 'NOT_QUOTED'],
    ['two people of one country under one name', (d) => d.people.push({ ...d.people[0], key: 'mr-li-wei', name: 'Mr Li Wei' }), 'people.2.name', 'DUPLICATE_KEY'],
    ['people in a version-1 document', (d) => (d.version = 1), 'people', 'INVALID_VALUE'],
  ];
  test.each(broken)('%s', async (_what, breakIt, path, code) => {
    const doc = example();
    breakIt(doc);
    const before = await snapshot(server.db);
    const report = await importDocument(doc);
    expect(report.status).toBeNull();
    expect(report.userErrors).toContainEqual(expect.objectContaining({ path: at(path), code }));
    expect(await snapshot(server.db)).toEqual(before);
  });
});

describe('people across articles', () => {
  let first: any;
  beforeAll(async () => {
    first = await importDocument(example());
    expect(first.userErrors).toEqual([]);
  });

  test('a second article naming "Mr Li Wei" matches the same person and adds its own title; "Li" is reported, not merged', async () => {
    const doc = example();
    doc.article.slug = 'li-wei-returns';
    doc.article.url = null;
    doc.article.updatedOn = '2025-03-01';
    doc.article.body = doc.article.body.replace('Updated: 2024-10-12', 'Updated: 2025-03-01').replace('led by Vice-Mayor Li Wei', 'led by Mr Li Wei, Mayor of Liaocheng,') + ' Li spoke at the fair.';
    doc.people[0] = { key: 'li-wei', name: 'Mr Li Wei', countryCode: 'CN', titles: [{ title: 'Mayor of Liaocheng' }], evidence: [{ quote: 'led by Mr Li Wei, Mayor of Liaocheng,', facts: ['name', 'titles'] }] };
    // Without the meeting, and so without Péter Szabó: the first article alone names him.
    doc.people = [doc.people[0], { key: 'li', name: 'Li', countryCode: 'CN', evidence: [{ quote: 'Li spoke', facts: ['name'] }] }];
    doc.events = [doc.events[0]];
    doc.delegations[0].evidence[0].quote = doc.delegations[0].evidence[0].quote.replace('led by Vice-Mayor Li Wei', 'led by Mr Li Wei, Mayor of Liaocheng,');
    const report = await importDocument(doc);
    expect(report.userErrors).toEqual([]);
    const firstLi = first.shared.find((s: any) => s.type === 'Person' && s.as === 'Li Wei');
    expect(report.shared).toContainEqual({ type: 'Person', id: firstLi.id, as: 'Mr Li Wei', outcome: 'MATCHED' });
    const li = report.shared.find((s: any) => s.type === 'Person' && s.as === 'Li');
    expect(li.outcome).toBe('CREATED');
    expect(report.possibleDuplicatePeople).toEqual([{ personId: li.id, name: 'Li', similarId: firstLi.id, similarName: 'Li Wei', reason: 'one name is part of the other' }]);

    const { node } = await server.query(`query($id: ID!) { node(id: $id) { ... on Person { name titles { title asOf article { slug } } delegations { role delegation { name } } claims { value article { slug } } } } }`, { id: firstLi.id });
    // The earliest article's name; each article's title, as of that article's date.
    expect(node.name).toBe('Li Wei');
    expect(node.titles).toEqual([
      { title: 'Vice-Mayor', asOf: '2024-10-12', article: { slug: 'liaocheng-delegation-signs-contracts-in-debrecen' } },
      { title: 'Mayor of Liaocheng', asOf: '2025-03-01', article: { slug: 'li-wei-returns' } },
    ]);
    expect(node.delegations).toHaveLength(2);
    expect(node.claims.map((c: any) => c.value)).toEqual(['Li Wei', 'Mr Li Wei']);

    const { people } = await server.query('{ people(filter: { name: "li", countryCode: "CN" }) { totalCount nodes { name } } }');
    expect(people).toEqual({ totalCount: 2, nodes: [{ name: 'Li' }, { name: 'Li Wei' }] });
    const { people: leaders } = await server.query('{ people(filter: { role: LEADER }) { nodes { name } } }');
    expect(leaders.nodes).toEqual([{ name: 'Li Wei' }]);
  });

  test('an event edit keeps its counterparts, people and attendance', async () => {
    const { events } = await server.query('{ events(filter: { countryCode: "HU" }, first: 10) { nodes { id version name counterparts { role person { name } } participants { attendedFrom attendedTo } } } }');
    const fair = events.nodes.find((e: any) => e.name === 'Debrecen Food Fair' && e.participants[0].attendedFrom);
    const meeting = events.nodes.find((e: any) => e.counterparts.length > 0);
    for (const event of [fair, meeting]) {
      const { eventUpdate } = await server.query(`mutation($input: EventUpdateInput!) { eventUpdate(input: $input) { event { version counterparts { role person { name } } participants { attendedFrom attendedTo } } userErrors { path code message } } }`,
        { input: { id: event.id, version: event.version, description: 'Edited by the people rules test.' } }, { token: EDITOR });
      expect(eventUpdate.userErrors, JSON.stringify(eventUpdate.userErrors)).toEqual([]);
      expect(eventUpdate.event).toEqual({ version: event.version + 1, counterparts: event.counterparts, participants: event.participants });
    }
  });

  test('withdrawing the articles removes the people nothing else names', async () => {
    const { people: before } = await server.query('{ people { totalCount } }');
    expect(before.totalCount).toBe(3);
    const { articleDelete } = await server.query('mutation($id: ID!) { articleDelete(input: { id: $id }) { alsoDeletedIds userErrors { code } } }', { id: first.article.id }, { token: EDITOR });
    expect(articleDelete.userErrors).toEqual([]);
    // Péter Szabó was only in the first article; Li Wei and Li are named by the second, and Li Wei now shows
    // the name the remaining article gives.
    const { people } = await server.query('{ people { nodes { name } } }');
    expect(people.nodes).toEqual([{ name: 'Li' }, { name: 'Mr Li Wei' }]);
  });
});
