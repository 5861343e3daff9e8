import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sha256 } from '../src/shared/auth.js';
import { projectRoot } from '../src/shared/paths.js';
import { graphqlBlocks, jsonBlocks, pages, section } from './docs.js';
import { importDocument } from '../src/modules/import/import.service.js';
import { snapshot, startTestServer, type TestServer } from './helpers.js';

// The example queries of the README and of docs/ are documentation people copy: each one must run and
// return facts. Sections are found wherever they live (README.md or docs/*.md).
const sectionOf = (title: string) => section(title).text;
const examples = graphqlBlocks(sectionOf('Example queries'));
const dashboardExamples = graphqlBlocks(sectionOf('Dashboard queries'));

// Every ```graphql block of every page, not only the two sections above.
const blocks = [...pages].flatMap(([page, text]) => graphqlBlocks(text).map((query, index) => ({ page, index: index + 1, query })));

// The blocks that cannot run anonymously and as written: mutations and operations with variables. Each is
// handled here by its operation name; a new block of that kind fails the test below until it is added.
const EDITOR = 'dg_readme-editor';
const ADMIN = 'dg_readme-admin';
const seedDocument = () =>
  JSON.parse(readFileSync(path.join(projectRoot, 'prisma', 'seed', 'liaocheng-delegation-visits-central-asia.json'), 'utf8'));
interface Handling {
  token?: string;
  variables?: () => Promise<Record<string, unknown>>;
  /** What the block must return, beyond running without top-level errors; the default is a record of the article. */
  check?: (data: any) => void | Promise<void>;
}
const handled: Record<string, Handling> = {
  // Variables: an ID read from a list, as the docs say to.
  ImageById: { variables: async () => ({ id: (await server.query('{ images(first: 1) { nodes { id } } }')).images.nodes[0].id }) },
  // An editor's import of the seed document as it is: valid, so nothing changes.
  Import: {
    token: EDITOR,
    variables: async () => ({ input: seedDocument() }),
    check: (data) => {
      expect(data.articleImport.userErrors).toEqual([]);
      expect(data.articleImport.status).toBe('UNCHANGED');
      expect(data.articleImport.article.slug).toBe('liaocheng-delegation-visits-central-asia');
    },
  },
  // A draft of the seed article's text: a document and its notes, nothing written.
  DraftArticle: {
    token: EDITOR,
    variables: async () => {
      const { article } = seedDocument();
      return { input: { title: article.title, body: article.body, publishedOn: article.updatedOn } };
    },
    check: (data) => {
      expect(data.articleDraft.userErrors).toEqual([]);
      expect(data.articleDraft.document.article.slug).toBe('liaocheng-delegation-visits-central-asia');
      expect(data.articleDraft.notes.length).toBeGreaterThan(0);
    },
  },
  // A sketch of an edit (its quote is "..."): it runs, and is refused in userErrors, writing nothing.
  MoveEvent: {
    token: EDITOR,
    check: async (data) => {
      expect(data.eventUpdate.event).toBeNull();
      expect(data.eventUpdate.userErrors.length).toBeGreaterThan(0);
      for (const error of data.eventUpdate.userErrors) expect(error.path[0]).toBe('input');
    },
  },
  // The worked example's query, after its document was imported (beforeAll): what the section says it reads back.
  PeopleCounterpartsFigures: {
    check: (data) => {
      expect(data.people.nodes).toEqual([expect.objectContaining({ name: 'Li Wei', delegations: [{ role: 'LEADER', delegation: { name: 'Liaocheng delegation to Debrecen' } }] })]);
      const [delegation] = data.delegations.nodes;
      expect(delegation.figures.map((f: any) => [f.value, f.unit])).toEqual([[60, 'representatives'], [11, 'enterprises']]);
      expect(delegation.itinerary[0]).toMatchObject({ city: { name: 'Debrecen' }, arrivalDate: '2024-10-08', departureDate: '2024-10-09', orderedBy: 'ATTENDANCE' });
      // The seed's "Two companies" and the example's: one unit, whatever the plural.
      expect(data.stats.figureTotals).toContainEqual({ unit: 'company', figures: 2, total: 4, exact: true });
      expect(data.stats.contractValue).toEqual([{ unit: 'USD', total: 1200000 }]);
      expect(data.stats.eventsByCounterpartCountry).toEqual([{ country: { name: 'Hungary' }, count: 1 }]);
    },
  },
  // The audit log is for admins; the seed's writes are in it.
  RecentEventWrites: {
    token: ADMIN,
    check: (data) => {
      expect(data.auditLog.nodes.length).toBeGreaterThan(0);
      // Newest first: the worked example's import (beforeAll) comes before the seed's writes.
      expect(data.auditLog.nodes).toContainEqual(expect.objectContaining({ actor: 'seed', entity: 'Event' }));
    },
  },
};
const operationOf = (query: string) => parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    apiKeys: [
      { keyId: 'readme-editor', role: 'editor', sha256: sha256(EDITOR) },
      { keyId: 'readme-admin', role: 'admin', sha256: sha256(ADMIN) },
    ],
  });
  // The worked example of people, counterparts and figures is a whole document: imported as written.
  const [example] = jsonBlocks(sectionOf('People, counterparts and figures: a worked example'));
  expect((await importDocument(server.db, example)).status).toBe('CREATED');
});
afterAll(() => server.close());

test('the docs have example queries', () => {
  expect(examples.length).toBeGreaterThanOrEqual(6);
  expect(dashboardExamples.length).toBeGreaterThanOrEqual(4);
});

test.each([...examples, ...dashboardExamples].map((query, index) => [index + 1, query] as const))('example %i runs without errors and returns data', async (_index, query) => {
  const { images } = await server.query('{ images(first: 1) { nodes { id } } }');
  const response = await server.request(query, query.includes('$id') ? { id: images.nodes[0].id } : undefined);
  expect(response.errors).toBeUndefined();
  const text = JSON.stringify(response.data);
  expect(text).not.toBe('{}');
  // Every example returns at least one record of the article, not only empty lists.
  expect(text).toMatch(/Liaocheng|Tashkent|Astana|Kazakhstan|Uzbekistan|exhibition/);
});

test('the quick start shows how to send variables, and its example body works as written', async () => {
  const body = /-d '(\{\n {2}"query": [\s\S]*?\n\})'/.exec(sectionOf('Quick start'))?.[1];
  expect(body).toBeDefined();
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const json = (await response.json()) as { data?: { node?: { caption?: string } }; errors?: unknown };
  expect(json.errors).toBeUndefined();
  expect(json.data?.node?.caption).toEqual(expect.any(String));
});

test('the README is the front page: under 200 lines, with the quick start, and a link to every page of docs/', () => {
  const readme = pages.get('README.md')!;
  expect(readme.split('\n').length).toBeLessThan(200);
  expect(section('Quick start').page).toBe('README.md');
  const docs = [...pages.keys()].filter((page) => page.startsWith('docs/'));
  expect(docs.length).toBeGreaterThanOrEqual(6);
  for (const page of docs) expect(readme, page).toContain(`](${page})`);
});

test('every graphql block of the README and of docs/ is a named operation; those with variables or writes are handled here', () => {
  expect(blocks.filter((block) => block.page.startsWith('docs/')).length).toBeGreaterThan(examples.length + dashboardExamples.length);
  for (const { page, index, query } of blocks) {
    const operation = operationOf(query);
    const where = `${page} block ${index}`;
    expect(operation.name?.value, where).toEqual(expect.any(String));
    if (operation.operation !== 'query' || (operation.variableDefinitions?.length ?? 0) > 0) {
      expect(Object.keys(handled), `${where} (${operation.name?.value}) needs variables or a key: handle it in \`handled\``).toContain(operation.name?.value);
    }
  }
});

test.each(blocks.map(({ page, index, query }) => [page, index, operationOf(query).name?.value ?? '', query] as const))(
  '%s block %i (%s) runs without errors',
  async (_page, _index, name, query) => {
    const handling = handled[name] ?? {};
    const before = operationOf(query).operation === 'mutation' ? await snapshot(server.db) : undefined;
    const response = await server.request(query, await handling.variables?.(), handling.token === undefined ? {} : { token: handling.token });
    expect(response.errors).toBeUndefined();
    const text = JSON.stringify(response.data);
    expect(text).not.toBe('{}');
    if (handling.check) await handling.check(response.data);
    else expect(text).toMatch(/Liaocheng|Tashkent|Astana|Kazakhstan|Uzbekistan|exhibition/);
    // The examples of writes write nothing: the import is unchanged, the edit refused.
    if (before) expect(await snapshot(server.db)).toEqual(before);
  },
);
