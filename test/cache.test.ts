import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sha256 } from '../src/shared/auth.js';
import { projectRoot } from '../src/shared/paths.js';
import { secondArticle } from './fixtures/second-article.js';
import { startTestServer, testProvider, until, type TestServer } from './helpers.js';

// Public reads are cached (in process, and by CDNs through Cache-Control), and every write drops them.
const EDITOR = 'dg_cache-editor';
let server: TestServer;
let statements: string[] = [];
beforeAll(async () => {
  server = await startTestServer({ apiKeys: [{ keyId: 'ed', role: 'editor', sha256: sha256(EDITOR) }], settings: { cacheMaxAgeSeconds: 30 } });
  (server.db as unknown as { $on: (e: 'query', f: (event: { query: string }) => void) => void }).$on('query', (event) => statements.push(event.query));
});
afterAll(() => server.close());

const EVENTS = '{ events(filter: { countryCode: "UZ" }) { totalCount nodes { id name description version } } }';

async function post(query: string, variables?: Record<string, unknown>, token?: string) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { cacheControl: response.headers.get('cache-control'), body: (await response.json()) as { data: any; errors?: unknown } };
}

/** The SQL statements one request runs. */
async function counted<T>(run: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
  statements = [];
  const result = await run();
  return { result, sql: statements.filter((sql) => !/^\s*PRAGMA data_version/i.test(sql)) };
}

describe('the response cache', () => {
  test('a repeated anonymous read is answered without touching the tables', async () => {
    const first = await counted(() => post(EVENTS));
    expect(first.sql.length).toBeGreaterThan(0);
    const again = await counted(() => post(EVENTS));
    expect(again.sql).toEqual([]);
    expect(again.result.body).toEqual(first.result.body);
  });

  test('a hit answers as the first response did, says its age, is counted, and skips no request check', async () => {
    const query = '{ countries: delegations { totalCount } }';
    const first = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const firstBody = await first.text();
    const hit = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    expect(await hit.text()).toBe(firstBody);
    expect(hit.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(hit.headers.get('cache-control')).toBe('max-age=30, public');
    expect(Number(hit.headers.get('age'))).toBeGreaterThanOrEqual(0);
    expect(hit.headers.get('x-request-id')).toBeTruthy();
    // GETs are kept too, but only past the CSRF check a miss would get; a body sent as text/plain (a
    // simple cross-site request) is not the JSON POST that was kept.
    const get = (headers: Record<string, string>) => fetch(`${server.url}?query=${encodeURIComponent(query)}`, { headers });
    expect((await get({})).status).toBe(400);
    const preflighted = [await get({ 'apollo-require-preflight': 'true' }), await get({ 'apollo-require-preflight': 'true' })];
    expect(preflighted.map((response) => response.headers.get('age') !== null)).toEqual([false, true]);
    expect(await preflighted[1]!.text()).toBe(firstBody);
    expect((await get({})).status).toBe(400);
    const simple = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query }) });
    expect(simple.status).toBe(400);
    // Hits are counted, and under their operation's name like any request.
    for (let n = 0; n < 2; n++) await post('query CachedTotal { delegations { totalCount } }');
    const metrics = await (await fetch(new URL('/metrics', server.url))).text();
    expect(Number(/delegation_graph_response_cache_total\{result="hit"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(3);
    expect(metrics).toContain('delegation_graph_graphql_requests_total{operation="CachedTotal",outcome="ok"} 2');
  });

  test('failed reads are not kept', async () => {
    const broken = () => fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ events(first: -1) { totalCount } }' }) });
    for (const response of [await broken(), await broken()]) {
      expect(((await response.json()) as { errors?: unknown[] }).errors).toHaveLength(1);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('age')).toBeNull();
    }
  });

  test('reads say how long a CDN may keep them; mutations and keyed requests may not be kept', async () => {
    expect((await post(EVENTS)).cacheControl).toBe('max-age=30, public');
    expect((await post(EVENTS, undefined, EDITOR)).cacheControl).toBe('private, no-store');
    const mutation = await post('mutation { eventDelete(input: { id: "RXZlbnQ6OTk5OQ" }) { deletedId } }', undefined, EDITOR);
    expect(mutation.cacheControl).not.toMatch(/public/);
  });

  test('a mutation drops what was cached: the next read shows the change', async () => {
    const before = (await post(EVENTS)).body.data.events.nodes[0];
    const update = await post(
      'mutation($input: EventUpdateInput!) { eventUpdate(input: $input) { event { version } userErrors { message } } }',
      { input: { id: before.id, version: before.version, description: 'Changed to test the cache.' } },
      EDITOR,
    );
    expect(update.body.errors).toBeUndefined();
    expect(update.body.data.eventUpdate.userErrors).toEqual([]);
    const after = (await post(EVENTS)).body.data.events.nodes[0];
    expect(after).toMatchObject({ id: before.id, description: 'Changed to test the cache.', version: before.version + 1 });
  });

  test('a write by another process (the import CLI) drops it too', async () => {
    const ARTICLES = '{ articles { totalCount } }';
    expect((await post(ARTICLES)).body.data.articles.totalCount).toBe(1);
    const file = path.join(server.dir, 'second.json');
    writeFileSync(file, JSON.stringify(secondArticle()));
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', file], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: server.databaseUrl },
    });
    expect(cli.status, cli.stderr).toBe(0);
    // SQLite's data_version has seen the commit at once. PostgreSQL's notice of it reaches this process about a
    // millisecond after the commit (src/db/change-feed.ts): the first read after it may come before the notice.
    if (testProvider === 'postgres') await until(async () => (await post(ARTICLES)).body.data.articles.totalCount === 2);
    expect((await post(ARTICLES)).body.data.articles.totalCount).toBe(2);
  });
});

describe('persisted queries over GET', () => {
  test('a query registered by hash is then served by GET with the hash only, cacheable by a CDN', async () => {
    const query = '{ delegations { totalCount } }';
    const hash = createHash('sha256').update(query).digest('hex');
    const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }));
    const headers = { 'apollo-require-preflight': 'true' };
    const unknown = await fetch(`${server.url}?extensions=${extensions}`, { headers });
    expect(((await unknown.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const register = await fetch(`${server.url}?query=${encodeURIComponent(query)}&extensions=${extensions}`, { headers });
    expect(register.status).toBe(200);
    const byHash = await fetch(`${server.url}?extensions=${extensions}`, { headers });
    expect(byHash.status).toBe(200);
    expect(byHash.headers.get('cache-control')).toBe('max-age=30, public');
    // Three: the CLI test above added the second article's delegation.
    expect(await byHash.json()).toEqual({ data: { delegations: { totalCount: 3 } } });
  });
});
