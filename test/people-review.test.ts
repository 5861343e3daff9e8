import { afterEach, describe, expect, test } from 'vitest';
import { tradeFairArticle } from './fixtures/trade-fair-article.js';
import { sha256 } from '../src/shared/auth.js';
import { jsonBlocks, section } from './docs.js';
import { expectIndexMatchesSource, startTestServer, type TestServer } from './helpers.js';

// Defects a review found in people, counterparts and figures, each a test that failed before its fix: numbers
// in dates, loose currencies and titles, blank names, figures deleted without audit rows, a stale name after a
// withdrawal, the name filter and forms of address, merges that doubled a counterpart, attendance lost in an
// edit, and figure sums that counted records the filter does not narrow.
const EDITOR = 'dg_editor-token-for-people-review';
const keys = { apiKeys: [{ keyId: 'editor1', role: 'editor' as const, sha256: sha256(EDITOR) }] };
const example = () => structuredClone(jsonBlocks(section('People, counterparts and figures: a worked example').text)[0]) as any;
const IMPORT = `mutation($input: ArticleDocumentInput!) { articleImport(input: $input) { status article { id } shared { type id as outcome } userErrors { path code message } } }`;
let server: TestServer;
afterEach(() => server?.close());
const start = async () => (server = await startTestServer({ seed: false, ...keys }));
const imp = async (doc: unknown) => (await server.query(IMPORT, { input: doc }, { token: EDITOR })).articleImport;
const raw = (doc: unknown) => server.request(IMPORT, { input: doc }, { token: EDITOR });
const setBody = (doc: any, from: string, to: string) => {
  doc.article.body = doc.article.body.replace(from, to);
  const fix = (o: any) => { for (const e of o.evidence ?? []) e.quote = e.quote.replace(from, to); };
  for (const s of ['countries', 'cities', 'people', 'delegations', 'events', 'agreements', 'figures']) for (const r of doc[s] ?? []) fix(r);
};

describe('numbers: a date or a year passes as a figure', () => {
  test('9 "delegations" from "On Oct 9 the delegation"', async () => {
    await start();
    const doc = example();
    doc.figures.push({ key: 'bogus', value: 9, unit: 'delegations', eventKey: 'meeting-with-the-mayor', evidence: [{ quote: 'On Oct 9 the delegation met', facts: ['value', 'unit'] }] });
    doc.figures.push({ key: 'bogus2', value: 2024, unit: 'Updated', delegationKey: 'liaocheng-delegation', evidence: [{ quote: 'Updated: 2024-10-12', facts: ['value', 'unit'] }] });
    const r = await imp(doc);
    // Should be refused: the quote states a date, not a count.
    expect(r.userErrors).toContainEqual(expect.objectContaining({ path: ['input', 'figures', '4', 'value'], code: 'FACT_NOT_IN_QUOTE' }));
  });
  test('"$1.2m" is refused although it states 1200000', async () => {
    await start();
    const doc = example();
    setBody(doc, 'USD 1.2 million', '$1.2m');
    const r = await imp(doc);
    expect(r.userErrors).toEqual([]);
  });
});

describe('units', () => {
  test('a USD figure passes on "HK$", and "US$" is not summed with USD', async () => {
    await start();
    const doc = example();
    setBody(doc, 'USD 1.2 million', 'HK$1.2 million');
    const r = await imp(doc);
    // Should be refused: HK dollars are not US dollars.
    expect(r.userErrors).toContainEqual(expect.objectContaining({ path: ['input', 'figures', '3', 'unit'] }));
  });
  test('"US$" is its own unit key', async () => {
    await start();
    const doc = example();
    setBody(doc, 'USD 1.2 million', 'US$1.2 million');
    doc.figures[3].unit = 'US$';
    expect((await imp(doc)).userErrors).toEqual([]);
    const { stats } = await server.query('{ stats { figureTotals(unit: "USD") { unit total } } }');
    expect(stats.figureTotals).toEqual([{ unit: 'USD', total: 1_200_000 }]);
  });
});

describe('titles and names checked by substring', () => {
  test('"Mayor of ..." passes on a quote that says "Vice-Mayor"', async () => {
    await start();
    const doc = example();
    doc.people[0].titles[0].title = 'Mayor';
    const r = await imp(doc);
    expect(r.userErrors).toContainEqual(expect.objectContaining({ path: ['input', 'people', '0', 'titles', '0', 'title'], code: 'NOT_QUOTED' }));
  });
});

describe('blank-after-folding person name', () => {
  test('a name of punctuation only', async () => {
    await start();
    const doc = example();
    doc.people.push({ key: 'dot', name: ',', countryCode: 'HU', evidence: [{ quote: 'the mayor of Debrecen, Péter', facts: ['name'] }] });
    const res = await raw(doc);
    expect(res.errors).toBeUndefined();
    expect(res.data!.articleImport.userErrors).toContainEqual(expect.objectContaining({ path: ['input', 'people', '2', 'name'] }));
  });
});

describe('people', () => {
  test('name filter by the shown name with a form of address finds nothing', async () => {
    await start();
    const doc = example();
    setBody(doc, 'led by Vice-Mayor Li Wei', 'led by Vice-Mayor Mr Li Wei');
    doc.people[0].name = 'Mr Li Wei';
    expect((await imp(doc)).userErrors).toEqual([]);
    const { people } = await server.query('{ all: people { nodes { name } } people(filter: { name: "Mr Li Wei" }) { nodes { name } } }');
    expect(people.nodes).toEqual([{ name: 'Mr Li Wei' }]);
  });

  test('withdrawing the earliest article leaves its name on the person', async () => {
    await start();
    const a = await imp(example());
    expect(a.userErrors).toEqual([]);
    const doc = example();
    doc.article.slug = 'second'; doc.article.updatedOn = '2025-01-01';
    setBody(doc, 'led by Vice-Mayor Li Wei', 'led by Vice-Mayor Mr Li Wei');
    doc.article.body = doc.article.body.replace('Updated: 2024-10-12', 'Updated: 2025-01-01');
    doc.people[0].name = 'Mr Li Wei';
    doc.events = doc.events.slice(0, 1); doc.people = doc.people.slice(0, 1);
    const b = await imp(doc);
    expect(b.userErrors).toEqual([]);
    await server.query('mutation($id: ID!) { articleDelete(input: { id: $id }) { userErrors { code } } }', { id: a.article.id }, { token: EDITOR });
    const { people } = await server.query('{ people { nodes { name claims { value } } } }');
    expect(people.nodes).toEqual([{ name: 'Mr Li Wei', claims: [{ value: 'Mr Li Wei' }] }]);
  });
});

describe('figures deleted with their record', () => {
  const figureAudits = async () => (await server.db.auditEntry.findMany({ where: { entity: 'Figure', action: 'DELETE' } })).length;
  test.each([
    ['delegationDelete', 'delegations', 'Delegation', 2],
    ['agreementDelete', 'agreements', 'Agreement', 2],
  ])('%s', async (mutation, list, type, n) => {
    await start();
    expect((await imp(example())).userErrors).toEqual([]);
    const data = await server.query(`{ ${list} { nodes { id } } }`);
    const id = data[list].nodes[0].id;
    const res = await server.query(`mutation($id: ID!) { ${mutation}(input: { id: $id${mutation === 'agreementDelete' ? '' : ', cascade: true'} }) { alsoDeletedIds userErrors { code message } } }`, { id }, { token: EDITOR });
    expect(res[mutation].userErrors).toEqual([]);
    expect(await server.db.figure.count()).toBe(4 - n);
    expect(await server.db.auditEntry.count({ where: { entity: type, action: 'DELETE' } })).toBe(1);
    expect(await figureAudits()).toBe(n);
  });
  test('articleDelete', async () => {
    await start();
    const a = await imp(example());
    await server.query('mutation($id: ID!) { articleDelete(input: { id: $id }) { userErrors { code } } }', { id: a.article.id }, { token: EDITOR });
    expect(await server.db.figure.count()).toBe(0);
    expect(await figureAudits()).toBe(4);
  });
});


const MERGE = `mutation($input: OrganizationMergeInput!) { organizationMerge(input: $input) { merge { id } userErrors { path code message } } }`;
const UNMERGE = `mutation($input: OrganizationUnmergeInput!) { organizationUnmerge(input: $input) { userErrors { path code message } } }`;
function twoHosts() {
  const doc = example();
  setBody(doc, 'On Oct 9 the delegation met with the mayor of Debrecen, Péter Szabó.', 'On Oct 9 the delegation met with the mayor of Debrecen, Péter Szabó, hosted by Debrecen City Council and Debrecen Municipality.');
  doc.organizations = [
    { key: 'council', name: 'Debrecen City Council', kind: 'GOVERNMENT', countryCode: 'HU', evidence: [{ quote: 'hosted by Debrecen City Council', facts: ['name'] }] },
    { key: 'municipality', name: 'Debrecen Municipality', kind: 'GOVERNMENT', countryCode: 'HU', evidence: [{ quote: 'Debrecen Municipality.', facts: ['name'] }] },
  ];
  doc.people[1].titles[0].organizationKey = 'municipality';
  doc.people[1].evidence.push({ quote: 'the mayor of Debrecen, Péter Szabó, hosted by Debrecen City Council and Debrecen Municipality', facts: ['titles'] });
  doc.events[1].counterparts.push({ organizationKey: 'council', role: 'HOST' }, { organizationKey: 'municipality', role: 'HOST' });
  return doc;
}

describe('merges with counterparts and titles', () => {
  test('an event whose two host organizations are merged can still be edited', async () => {
    await start();
    const r = await imp(twoHosts());
    expect(r.userErrors).toEqual([]);
    const orgs = r.shared.filter((s: any) => s.type === 'Organization');
    const m = await server.query(MERGE, { input: { survivorId: orgs[0].id, mergedId: orgs[1].id } }, { token: EDITOR });
    expect(m.organizationMerge.userErrors).toEqual([]);
    const { events } = await server.query('{ events { nodes { id version name counterparts { role organization { name } person { name } } } } }');
    const meeting = events.nodes.find((e: any) => e.counterparts.length > 1);
    const { eventUpdate } = await server.query('mutation($input: EventUpdateInput!) { eventUpdate(input: $input) { userErrors { path code message } } }',
      { input: { id: meeting.id, version: meeting.version, description: 'edited' } }, { token: EDITOR });
    expect(eventUpdate.userErrors).toEqual([]);
  });
  test('unmerge puts counterparts and titles back; the search index stays equal to its source', async () => {
    await start();
    const r = await imp(twoHosts());
    const orgs = r.shared.filter((s: any) => s.type === 'Organization');
    const before = await server.query('{ events { nodes { counterparts { organization { id } } } } people { nodes { titles { organization { id } } } } }');
    const m = await server.query(MERGE, { input: { survivorId: orgs[0].id, mergedId: orgs[1].id } }, { token: EDITOR });
    const u = await server.query(UNMERGE, { input: { mergeId: m.organizationMerge.merge.id } }, { token: EDITOR });
    expect(u.organizationUnmerge.userErrors).toEqual([]);
    const after = await server.query('{ events { nodes { counterparts { organization { id } } } } people { nodes { titles { organization { id } } } } }');
    expect(after).toEqual(before);
    await expectIndexMatchesSource(server.db);
  });
  test('search index after import, re-import with new names and titles, and article delete', async () => {
    await start();
    const a = await imp(example());
    await expectIndexMatchesSource(server.db);
    const doc = example();
    doc.people[0].titles = [{ title: 'Vice-Mayor' }, { title: 'Li Wei' }];
    const b = await imp(doc);
    expect(b.userErrors).toEqual([]);
    await expectIndexMatchesSource(server.db);
    await server.query('mutation($id: ID!) { articleDelete(input: { id: $id }) { userErrors { code } } }', { id: a.article.id }, { token: EDITOR });
    await expectIndexMatchesSource(server.db);
  });
});

describe('a person named in two countries', () => {
  test('the same name in CN and HU in one document', async () => {
    await start();
    const doc = example();
    doc.people.push({ key: 'li-wei-hu', name: 'Li Wei', countryCode: 'HU', evidence: [{ quote: 'Vice-Mayor Li Wei, visited', facts: ['name'] }] });
    const res = await raw(doc);
    expect(res.errors).toBeUndefined();
    expect(res.data!.articleImport.userErrors).toEqual([]);
    const { people } = await server.query('{ people(filter: { name: "li wei" }) { nodes { name country { isoCode } } } }');
    expect(people.nodes).toHaveLength(2);
  });
});

describe('event edits', () => {
  test('eventUpdate re-sending the same participants keeps their attendance', async () => {
    await start();
    expect((await imp(example())).userErrors).toEqual([]);
    const { events } = await server.query('{ events { nodes { id version name participants { role delegation { id } attendedFrom attendedTo } } } }');
    const fair = events.nodes.find((e: any) => e.name === 'Debrecen Food Fair');
    const participants = fair.participants.map((p: any) => ({ delegationId: p.delegation.id, role: p.role }));
    const { eventUpdate } = await server.query('mutation($input: EventUpdateInput!) { eventUpdate(input: $input) { event { participants { attendedFrom attendedTo } } userErrors { path code message } } }',
      { input: { id: fair.id, version: fair.version, participants } }, { token: EDITOR });
    expect(eventUpdate.userErrors).toEqual([]);
    expect(eventUpdate.event.participants).toEqual([{ attendedFrom: '2024-10-08', attendedTo: '2024-10-09' }]);
  });
});

describe('figureTotals under filters', () => {
  test('a delegation filter counts only its figures and its events\'', async () => {
    await start();
    expect((await imp(example())).userErrors).toEqual([]);
    expect((await imp(tradeFairArticle())).userErrors).toEqual([]);
    const { delegations } = await server.query('{ delegations { nodes { id name } } }');
    const debrecen = delegations.nodes.find((d: any) => d.name === 'Liaocheng delegation to Debrecen');
    const { stats } = await server.query('query($d: ID) { stats(filter: { delegationId: $d }) { figureTotals { unit total } } }', { d: debrecen.id });
    // Its own: 60 representatives and 11 enterprises. The trade fair's euros contract is another delegation's.
    expect(stats.figureTotals.map((t: any) => t.unit).sort()).toEqual(['enterprise', 'representative']);
  });
  test('an eventKind filter still sums every delegation and agreement figure', async () => {
    await start();
    expect((await imp(example())).userErrors).toEqual([]);
    const { stats } = await server.query('{ stats(filter: { eventKind: CONFERENCE }) { eventsByKind { kind count } figureTotals { unit total } } }');
    expect(stats.figureTotals).toEqual([]);
  });
});
