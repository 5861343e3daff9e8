import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
let liaochengId: string;

beforeAll(async () => {
  server = await startTestServer();
  // 45 more events beside the article's 10, with repeated and missing dates and repeated names, so that
  // pages cross ties and the block of unknown dates, and the default page size shows.
  const article = await server.db.article.findFirstOrThrow();
  const dates = ['2023-09-05', '2023-09-06', null, '2023-10-01', null];
  await server.db.event.createMany({
    data: Array.from({ length: 45 }, (_, i) => ({
      articleId: article.id,
      key: `extra-${i}`,
      name: `Extra event ${i % 7}`,
      nameIsQuoted: false,
      kind: i % 2 ? 'MEETING' : 'EXHIBITION',
      startDate: dates[i % dates.length],
    })),
  });
  const { delegations } = await server.query('{ delegations { nodes { id name } } }');
  liaochengId = delegations.nodes.find((d: any) => d.name === 'Liaocheng delegation').id;
  // Both delegations take part in some of them (a few in both), so their event lists overlap.
  const [first, second] = await server.db.delegation.findMany({ orderBy: { id: 'asc' } });
  const extra = await server.db.event.findMany({ where: { key: { startsWith: 'extra-' } }, orderBy: { id: 'asc' } });
  await server.db.eventParticipation.createMany({
    data: extra.flatMap((event, i) => [
      ...(i % 2 === 0 ? [{ eventId: event.id, delegationId: first!.id, role: 'PARTICIPANT' as const }] : []),
      ...(i % 3 === 0 ? [{ eventId: event.id, delegationId: second!.id, role: 'PARTICIPANT' as const }] : []),
    ]),
  });
});
afterAll(() => server.close());

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  nodes: { id: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const pageFields = 'totalCount edges { cursor node { id } } nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

// Each connection: how to call it with paging variables, and where its page sits in the response.
const connections: Record<string, { query: (args: string) => string; page: (data: any) => Page; variables?: () => Record<string, unknown> }> = {
  articles: { query: (a) => `articles(${a}) { ${pageFields} }`, page: (d) => d.articles },
  delegations: { query: (a) => `delegations(${a}) { ${pageFields} }`, page: (d) => d.delegations },
  'events by start date': { query: (a) => `events(${a}) { ${pageFields} }`, page: (d) => d.events },
  'events by start date, descending': { query: (a) => `events(${a}, orderBy: { field: START_DATE, direction: DESC }) { ${pageFields} }`, page: (d) => d.events },
  'events by name': { query: (a) => `events(${a}, orderBy: { field: NAME }) { ${pageFields} }`, page: (d) => d.events },
  'events by name, descending': { query: (a) => `events(${a}, orderBy: { field: NAME, direction: DESC }) { ${pageFields} }`, page: (d) => d.events },
  'events in a date range': { query: (a) => `events(${a}, filter: { from: "2023-09-06" }) { ${pageFields} }`, page: (d) => d.events },
  agreements: { query: (a) => `agreements(${a}) { ${pageFields} }`, page: (d) => d.agreements },
  images: { query: (a) => `images(${a}) { ${pageFields} }`, page: (d) => d.images },
  organizations: { query: (a) => `organizations(${a}) { ${pageFields} }`, page: (d) => d.organizations },
  'Delegation.events': {
    query: (a) => `delegation(id: $delegation) { events(${a}) { ${pageFields} } }`,
    page: (d) => d.delegation.events,
    variables: () => ({ delegation: liaochengId }),
  },
};

async function fetchPage(name: string, paging: Record<string, unknown>): Promise<Page> {
  const connection = connections[name]!;
  const args = Object.keys(paging).map((key) => `${key}: $${key}`).join(', ');
  const types: Record<string, string> = { first: 'Int', last: 'Int', after: 'String', before: 'String' };
  const variables = { ...connection.variables?.(), ...paging };
  const declared = Object.keys(variables).map((key) => `$${key}: ${types[key] ?? 'ID!'}`).join(', ');
  const data = await server.query(`query (${declared}) { ${connection.query(args)} }`, variables);
  return connection.page(data);
}

describe.each(Object.keys(connections))('%s', (name) => {
  test('walking one record at a time, forwards and backwards, visits each record exactly once, in order', async () => {
    const all = await fetchPage(name, { first: 100 });
    const expected = all.nodes.map((n) => n.id);
    expect(expected.length).toBe(all.totalCount);
    expect(all.totalCount).toBeGreaterThan(0);
    expect(new Set(expected).size).toBe(expected.length);

    const forwards: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard <= expected.length; guard++) {
      const page: Page = await fetchPage(name, after ? { first: 1, after } : { first: 1 });
      forwards.push(...page.nodes.map((n) => n.id));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(page.totalCount).toBe(expected.length);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(forwards).toEqual(expected);

    const backwards: string[] = [];
    let before: string | null = null;
    for (let guard = 0; guard <= expected.length; guard++) {
      const page: Page = await fetchPage(name, before ? { last: 1, before } : { last: 1 });
      backwards.unshift(...page.nodes.map((n) => n.id));
      expect(page.pageInfo.hasNextPage).toBe(before !== null);
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(backwards).toEqual(expected);
  });

  test('pages of three line up with the whole list, and edges carry the cursors of their nodes', async () => {
    const expected = (await fetchPage(name, { first: 100 })).nodes.map((n) => n.id);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Page = await fetchPage(name, after ? { first: 3, after } : { first: 3 });
      expect(page.edges.map((e) => e.node.id)).toEqual(page.nodes.map((n) => n.id));
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      seen.push(...page.nodes.map((n) => n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(expected);
  });
});

describe('page size', () => {
  test('defaults to 20', async () => {
    const { events } = await server.query(`{ events { ${pageFields} } }`);
    expect(events.totalCount).toBe(55);
    expect(events.nodes).toHaveLength(20);
    expect(events.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  test('allows 100', async () => {
    const { events } = await server.query(`{ events(first: 100) { nodes { id } pageInfo { hasNextPage } } }`);
    expect(events.nodes).toHaveLength(55);
    expect(events.pageInfo.hasNextPage).toBe(false);
  });

  test.each([
    ['first: 0', 'first'],
    ['first: -1', 'first'],
    ['first: 101', 'first'],
    ['first: 1000', 'first'],
    ['last: 0', 'last'],
    ['last: 1000', 'last'],
    ['first: 5, last: 5', 'last'],
  ])('%s is a BAD_USER_INPUT error on %s, not a silent clamp', async (args, argument) => {
    const response = await server.request(`{ events(${args}) { nodes { id } } }`);
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: [argument] });
    expect(response.errors![0]!.path).toEqual(['events']);
    expect(response.data).toBeNull();
  });
});

describe('cursors', () => {
  test('a malformed cursor is a BAD_USER_INPUT error on the argument', async () => {
    for (const [args, argument] of [['first: 2, after: "garbage"', 'after'], ['last: 2, before: "Zm9v"', 'before']]) {
      const response = await server.request(`{ events(${args}) { nodes { id } } }`);
      expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: [argument] });
    }
  });

  test('a cursor from a list in another order is refused rather than misread', async () => {
    const byName = await fetchPage('events by name', { first: 2 });
    const response = await server.request('query ($after: String) { events(first: 2, after: $after) { nodes { id } } }', { after: byName.pageInfo.endCursor });
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['after'] });
  });

  test('a cursor of another list is refused, even one ordered by the same key', async () => {
    const delegations = await fetchPage('delegations', { first: 1 });
    const nested = await fetchPage('Delegation.events', { first: 1 });
    const events = await fetchPage('events by start date', { first: 1 });
    const cases: [string, string, string][] = [
      ['events(first: 2, after: $cursor)', delegations.pageInfo.endCursor!, 'after'],
      ['events(last: 2, before: $cursor)', nested.pageInfo.endCursor!, 'before'],
      ['agreements(first: 2, after: $cursor)', events.pageInfo.endCursor!, 'after'],
      ['events(first: 2, after: $cursor, orderBy: { field: START_DATE, direction: DESC })', events.pageInfo.endCursor!, 'after'],
    ];
    for (const [field, cursor, argument] of cases) {
      const response = await server.request(`query ($cursor: String) { ${field} { nodes { id } } }`, { cursor });
      expect(response.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: [argument] });
    }
  });

  test('a cursor edited by hand is refused: its key must be a value the list can hold', async () => {
    const encode = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    const tampered = [
      ['events', 'startDate', 'asc', '100000000000000000000-01-01', 5],
      ['events', 'startDate', 'asc', '2023-02-30', 5],
      ['events', 'startDate', 'asc', 20230905, 5],
      ['events', 'startDate', 'asc', '2023-09-05', -1],
      ['events', 'startDate', 'asc', '2023-09-05', 1.5],
      ['events', 'startDate', 'asc', '2023-09-05', 1e300],
      ['images', 'id', 'asc', 7, 8],
      ['organizations', 'name', 'asc', null, 3],
      ['organizations', 'name', 'asc', 'x'.repeat(5000), 3],
    ];
    for (const parts of tampered) {
      const field = parts[0] === 'events' ? 'events' : parts[0];
      const response = await server.request(`query ($cursor: String) { ${field}(first: 2, after: $cursor) { nodes { id } } }`, { cursor: encode(parts) });
      expect(response.errors?.[0]?.extensions, JSON.stringify(parts).slice(0, 80)).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['after'] });
    }
    // The same shape with sane values is a cursor.
    const fine = await server.request('query ($cursor: String) { events(first: 2, after: $cursor) { nodes { id } } }', { cursor: encode(['events', 'startDate', 'asc', '2023-09-05', 5]) });
    expect(fine.errors).toBeUndefined();
  });

  test('after pairs with first, before with last', async () => {
    const page = await fetchPage('events by start date', { first: 2 });
    for (const args of ['last: 2, after: $cursor', 'first: 2, before: $cursor', 'after: $cursor, before: $cursor']) {
      const response = await server.request(`query ($cursor: String) { events(${args}) { nodes { id } } }`, { cursor: page.pageInfo.endCursor });
      expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
  });
});

describe('Delegation.events for many delegations at once', () => {
  // One batch serves every delegation of a list (see paginateGroups): each must still get exactly the page
  // it would get alone, whatever the order, direction, filter or cursor.
  const cases: [string, string, Record<string, unknown>][] = [
    ['the first page', 'first: 4', {}],
    ['by name, descending', 'first: 3, orderBy: { field: NAME, direction: DESC }', {}],
    ['the last page', 'last: 2', {}],
    ['a date range', 'first: 5, filter: { from: "2023-09-06" }', {}],
    ['after a cursor', 'first: 3, after: $cursor', { cursor: true }],
    ['before a cursor', 'last: 3, before: $cursor', { cursor: true }],
  ];
  test.each(cases)('%s', async (_, args, options) => {
    const ids = (await server.query('{ delegations { nodes { id } } }')).delegations.nodes.map((d: any) => d.id as string);
    expect(ids.length).toBeGreaterThan(1);
    // A cursor from the middle of one delegation's list, applied to every delegation's.
    const middle = (await fetchPage('Delegation.events', { first: 6 })).edges[5]!.cursor;
    const variables = options.cursor ? { cursor: middle } : {};
    const declared = options.cursor ? '($cursor: String)' : '';
    const together = await server.query(`query ${declared} { delegations { nodes { id events(${args}) { ${pageFields} } } } }`, variables);
    for (const id of ids) {
      const alone = await server.query(`query ($id: ID!${options.cursor ? ', $cursor: String' : ''}) { delegation(id: $id) { events(${args}) { ${pageFields} } } }`, { id, ...variables });
      expect(together.delegations.nodes.find((d: any) => d.id === id).events).toEqual(alone.delegation.events);
    }
    expect(together.delegations.nodes.some((d: any) => d.events.nodes.length > 0)).toBe(true);
  });
});
