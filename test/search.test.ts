import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importDocument } from '../src/modules/import/import.service.js';
import { secondArticle } from './fixtures/second-article.js';
import { expectIndexMatchesSource, startTestServer, type TestServer } from './helpers.js';

// Full-text search as a search box uses it: real FTS5 index, real queries over HTTP.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const SEARCH = `query Search($query: String!, $first: Int, $after: String, $last: Int, $before: String, $types: [SearchableType!]) {
  search(query: $query, first: $first, after: $after, last: $last, before: $before, types: $types) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { type score snippet node { __typename id
      ... on Article { title } ... on Delegation { name } ... on Event { name } ... on Agreement { title }
      ... on Image { caption } ... on Organization { name } } } }
  }
}`;

interface Result {
  type: string;
  score: number;
  snippet: string;
  node: { __typename: string; id: string; title?: string; name?: string; caption?: string };
}

interface Search {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  results: Result[];
}

async function search(query: string, variables: Record<string, unknown> = {}): Promise<Search> {
  const paging = 'last' in variables ? {} : { first: 100 };
  const { search } = await server.query(SEARCH, { query, ...paging, ...variables });
  return { ...search, results: search.edges.map((edge: { node: Result }) => edge.node) };
}
const label = (result: Result) => result.node.title ?? result.node.name ?? result.node.caption;
const marked = (snippet: string) => [...snippet.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]!.toLowerCase());


describe('search', () => {
  test('a phrase matches the words together, and the snippet marks them', async () => {
    const { results } = await search('"paper cutting"');
    expect(results.map((r) => r.node.__typename).sort()).toEqual(['Article', 'Event', 'Image']);
    for (const result of results) expect(marked(result.snippet).join(' ')).toMatch(/paper-cutting|paper cutting/);
    // The words apart do not match the phrase.
    const apart = await search('"cutting paper"');
    expect(apart.results).toEqual([]);
  });

  test('a prefix matches every word that starts with it', async () => {
    const { results } = await search('pyro*');
    expect(results.length).toBeGreaterThanOrEqual(3);
    for (const result of results) expect(marked(result.snippet)).toContain('pyrography');
  });

  test('several words must all match, in any field of the record, places included', async () => {
    const { results } = await search('Tashkent exhibition');
    const labels = results.map(label);
    expect(labels).toContain('Shandong promotional exhibition');
    // The Samarkand exhibition is an exhibition, but not in Tashkent.
    expect(labels.some((l) => /Friendly Shandong/.test(l ?? ''))).toBe(false);
    expect(labels.every((l) => l !== undefined)).toBe(true);
  });

  test('results come best first: a title match outranks a mention deep in an article body', async () => {
    const { results } = await search('pyrography');
    const scores = results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(results.at(-1)!.node.__typename).toBe('Article');
    expect(results[0]!.score).toBeGreaterThan(results.at(-1)!.score);
  });

  test('matching ignores case, and words with punctuation need no quoting', async () => {
    const ids = async (q: string) => (await search(q)).results.map((r) => r.node.id);
    expect(await ids('TASHKENT')).toEqual(await ids('tashkent'));
    expect((await ids('tashkent')).length).toBeGreaterThan(3);
    expect(await ids('paper-cutting')).toEqual(await ids('"paper cutting"'));
    expect((await ids("Liaocheng's")).length).toBeGreaterThan(0);
  });

  test('snippets are HTML-escaped except for the marks', async () => {
    const { results } = await search('friendly');
    const caption = results.find((r) => r.node.__typename === 'Image')!;
    expect(caption.snippet).toContain('&#34;<mark>Friendly</mark> Shandong');
    expect(caption.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"]/);
  });

  test('types narrows the result to some kinds of record', async () => {
    const { results } = await search('Tashkent', { types: ['EVENT', 'AGREEMENT'] });
    expect(results.length).toBeGreaterThan(0);
    expect(new Set(results.map((r) => r.node.__typename))).toEqual(new Set(['Event', 'Agreement']));
    expect(results.every((r) => r.type === r.node.__typename.toUpperCase())).toBe(true);
  });

  test('pages follow each other without gaps or repeats, and totalCount counts them all', async () => {
    const all = await search('liaocheng');
    expect(all.totalCount).toBe(all.results.length);
    expect(all.totalCount).toBeGreaterThan(5);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await search('liaocheng', { first: 2, after });
      seen.push(...page.results.map((r) => r.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      expect(page.pageInfo.hasPreviousPage).toBe(seen.length > 2);
    }
    expect(seen).toEqual(all.results.map((r) => r.node.id));
  });

  test('pages backwards with last and before, and Relay-style walks meet in the middle', async () => {
    const all = (await search('liaocheng')).results.map((r) => r.node.id);
    const tail = await search('liaocheng', { last: 3 });
    expect(tail.results.map((r) => r.node.id)).toEqual(all.slice(-3));
    expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const seen: string[] = [];
    let before: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof search>> = await search('liaocheng', { last: 2, before });
      seen.unshift(...page.results.map((r) => r.node.id));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(seen).toEqual(all);
  });

  test('a cursor of another search is refused', async () => {
    const page = await search('liaocheng', { first: 2 });
    for (const variables of [
      { query: 'tashkent', after: page.pageInfo.endCursor },
      { query: 'liaocheng', types: ['EVENT'], after: page.pageInfo.endCursor },
    ]) {
      const response = await server.request(SEARCH, variables);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['after'] });
    }
  });

  test('parentheses nested past 20 are refused with a clear message (FTS5 overflowed at about 96)', async () => {
    for (const depth of [21, 96, 200]) {
      const response = await server.request(SEARCH, { query: `${'('.repeat(depth)}astana${')'.repeat(depth)}` });
      expect(response.errors?.[0]).toMatchObject({ message: 'the search query nests parentheses more than 20 deep', extensions: { code: 'BAD_USER_INPUT', argumentPath: ['query'] } });
    }
    expect((await search(`${'('.repeat(20)}astana${')'.repeat(20)}`)).results.length).toBeGreaterThan(0);
  });

  test('whatever the query text, the answer is results or BAD_USER_INPUT on ["query"], never a failure of the service', async () => {
    // A deterministic fuzz over FTS5's syntax: operators, quotes, parentheses, prefixes, column filters, NEAR.
    const pieces = ['astana', 'tashkent', 'OR', 'AND', 'NOT', 'NEAR', '(', ')', '"', '*', ':', '^', '-', '+', 'title:', '{', '}', ',', 'NEAR(', '.', "'", '\\'];
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 300; i++) {
      const length = 1 + (next() % 8);
      const query = Array.from({ length }, () => pieces[next() % pieces.length]).join(next() % 2 ? ' ' : '');
      const response = await server.request(SEARCH, { query });
      if (response.errors) expect(response.errors[0]?.extensions, JSON.stringify(query)).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['query'] });
    }
  });

  test.each([
    ['an unterminated phrase', '"paper cutting'],
    ['an unclosed parenthesis', '(tashkent OR astana'],
    ['a dangling operator', 'tashkent AND'],
  ])('%s is a BAD_USER_INPUT error on the query argument, and the server carries on', async (_, query) => {
    const response = await server.request(SEARCH, { query });
    expect(response.status).toBe(200);
    expect(response.data).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]).toMatchObject({ path: ['search'], extensions: { code: 'BAD_USER_INPUT', argumentPath: ['query'] } });
    expect(response.errors![0]!.message).toMatch(/search query cannot be parsed/);
    expect((await search('tashkent')).results.length).toBeGreaterThan(0);
  });

  test('a query without words, a bad cursor and a page size out of range are rejected', async () => {
    for (const [variables, argumentPath] of [
      [{ query: '  -- ' }, ['query']],
      [{ query: 'tashkent', after: 'nonsense' }, ['after']],
      [{ query: 'tashkent', first: 1000 }, ['first']],
    ] as const) {
      const response = await server.request(SEARCH, variables);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath });
    }
  });
});

describe('the search index follows every write', () => {
  test('a later import is searchable at once; diacritics are optional in the query', async () => {
    await importDocument(server.db, secondArticle());
    await expectIndexMatchesSource(server.db, { nonEmpty: true });
    const forum = 'Shandong–North Rhine-Westphalia Investment Forum';
    expect((await search('Dusseldorf forum')).results.map(label)).toContain(forum);
    expect((await search('Düsseldorf forum')).results.map(label)).toContain(forum);
    expect((await search('getranke', { types: ['ORGANIZATION'] })).results.map(label)).toEqual(['Rhein Getränke GmbH']);
    // Places shared with the first article show up for both.
    const astana = (await search('astana', { types: ['EVENT'] })).results.map(label);
    expect(astana).toContain('Astana International Machinery Exhibition');
    expect(astana.some((l) => /Kazakhstan cooperation/.test(l ?? ''))).toBe(true);
  });

  test('a re-import that renames and removes records updates and removes their entries', async () => {
    const doc = secondArticle();
    doc.events[1]!.description = 'A machinery exhibition in Astana at which Jinan manufacturers showed harvesters.';
    doc.images = [];
    await importDocument(server.db, doc);
    await expectIndexMatchesSource(server.db, { nonEmpty: true });
    expect((await search('harvesters')).results.map(label)).toEqual(['Astana International Machinery Exhibition']);
    expect((await search('"farm machinery"', { types: ['IMAGE', 'EVENT'] })).results).toEqual([]);
  });

  test('renaming a place renames it in the text of every record placed there', async () => {
    await server.db.city.updateMany({ where: { name: 'Astana' }, data: { name: 'Nur-Sultan' } });
    await expectIndexMatchesSource(server.db, { nonEmpty: true });
    const events = (await search('"Nur-Sultan"', { types: ['EVENT'] })).results.map(label);
    expect(events).toContain('Astana International Machinery Exhibition');
    await server.db.city.updateMany({ where: { name: 'Nur-Sultan' }, data: { name: 'Astana' } });
    await expectIndexMatchesSource(server.db, { nonEmpty: true });
  });

  test('deleting an article removes every entry of its records', async () => {
    const before = (await search('jinan')).totalCount;
    expect(before).toBeGreaterThan(3);
    await server.db.article.delete({ where: { slug: secondArticle().article.slug } });
    await expectIndexMatchesSource(server.db, { nonEmpty: true });
    // Jinan is only named in the second article, the organizations it created stay (they are shared).
    const after = await search('jinan');
    expect(after.results.map((r) => r.node.__typename)).toEqual(['Organization']);
  });
});
