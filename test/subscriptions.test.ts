import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { sha256 } from '../src/shared/auth.js';
import { nodeTypes, toGlobalId } from '../src/shared/global-id.js';
import { projectRoot } from '../src/shared/paths.js';
import { secondArticle, secondArticleSlug } from './fixtures/second-article.js';
import { startTestServer, until, type TestServer } from './helpers.js';
import { activeSubscriptions as countActive, commitEventEdit, connectLive, follow, RECORD_CHANGES, refusedUpgrade, wsUrl } from './live-client.js';

// Live changes over WebSocket (graphql-ws), with real graphql-ws clients against a real server.
const READER = 'dg_live-reader';
const EDITOR = 'dg_live-editor';
const apiKeys = [
  { keyId: 'rd', role: 'reader' as const, sha256: sha256(READER) },
  { keyId: 'ed', role: 'editor' as const, sha256: sha256(EDITOR) },
];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ apiKeys, settings: { maxSubscriptionsPerConnection: 3, maxSubscriptionConnectionsPerClient: 6 } });
});
afterAll(() => server?.close());
// Each test starts with no subscription open on the shared server (closing a client ends its subscriptions soon after).
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
  await until(async () => (await activeSubscriptions()) === 0, 2000, 'every subscription ended');
});

const clients: Client[] = [];

/** A client disposed after the test. */
function connect(url: string, token?: string) {
  const connected = connectLive(url, token);
  clients.push(connected.client);
  return connected;
}

const activeSubscriptions = (url = server.url) => countActive(url);

const CHANGES = RECORD_CHANGES;

async function eventIn(countryCode: string) {
  const data = await server.query<any>(`{ events(filter: { countryCode: "${countryCode}" }, first: 1) { nodes { id version } } }`);
  return data.events.nodes[0] as { id: string; version: number };
}

async function touchEvent(event: { id: string; version: number }, description: string) {
  const response = await server.request<any>(
    'mutation($input: EventUpdateInput!) { eventUpdate(input: $input) { event { version } userErrors { message } } }',
    { input: { id: event.id, version: event.version, description } },
    { token: EDITOR },
  );
  expect(response.data.eventUpdate.userErrors).toEqual([]);
  return response.data.eventUpdate.event.version as number;
}

describe('recordChanged', () => {
  test('a subscriber gets the changes its filter matches, in commit order, and nothing else', async () => {
    const { client } = connect(server.url, READER);
    const kazakh = follow(client, CHANGES, { filter: { types: ['Event'], countryCode: 'KZ' } });
    const uzbek = follow(client, CHANGES, { filter: { countryCode: 'uz' } });
    await until(async () => (await activeSubscriptions()) === 2, 2000, 'both subscriptions active');

    const astana = await eventIn('KZ');
    const version = await touchEvent(astana, 'Changed to test subscriptions (KZ).');
    await until(() => kazakh.next.length === 1, 2000, 'the KZ change delivered');
    expect(kazakh.next[0].recordChanged).toMatchObject({ action: 'UPDATE', type: 'Event', id: astana.id, version, countryCodes: ['KZ'] });
    expect(kazakh.next[0].recordChanged.articleId).toBe(toGlobalId('Article', 1));

    const samarkand = await eventIn('UZ');
    await touchEvent(samarkand, 'Changed to test subscriptions (UZ).');
    await until(() => uzbek.next.length === 1, 2000, 'the UZ change delivered');
    // Changes reach every subscription in commit order: the KZ subscriber would have had the UZ change by now.
    expect(uzbek.next[0].recordChanged).toMatchObject({ type: 'Event', id: samarkand.id, countryCodes: ['UZ'] });
    expect(uzbek.next[0].recordChanged.sequence).toBeGreaterThan(kazakh.next[0].recordChanged.sequence);
    expect(kazakh.next).toHaveLength(1);
    expect([kazakh.errors, uzbek.errors]).toEqual([[], []]);
    await client.dispose();
  });

  test("an import announces its article and every record of it to a subscriber of that article's changes", async () => {
    const { client } = connect(server.url, READER);
    const imports = follow(client, 'subscription { articleImported { status articleId slug title } }');
    const all = follow(client, CHANGES);
    await until(async () => (await activeSubscriptions()) === 2, 2000, 'both subscriptions active');
    const response = await server.request<any>(
      'mutation($input: ArticleDocumentInput!) { articleImport(input: $input) { article { id } userErrors { message } } }',
      { input: secondArticle() },
      { token: EDITOR },
    );
    expect(response.data.articleImport.userErrors).toEqual([]);
    const articleId = response.data.articleImport.article.id;
    await until(() => imports.next.length === 1, 3000, 'articleImported delivered');
    expect(imports.next[0].articleImported).toMatchObject({ status: 'CREATED', articleId, slug: secondArticleSlug });
    await until(() => all.next.some((data) => data.recordChanged.id === articleId), 3000, 'the article change delivered');
    const own = all.next.map((data) => data.recordChanged).filter((change) => change.articleId === articleId);
    expect(new Set(own.map((change) => change.type))).toEqual(new Set(['Article', 'Delegation', 'Event', 'Agreement', 'Image']));
    expect(own.every((change) => change.action === 'CREATE')).toBe(true);
    // Sequences only grow: one commit's changes arrive in the order they were written.
    const sequences = all.next.map((data) => data.recordChanged.sequence);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    await client.dispose();
  });
});

describe('writes by another process', () => {
  test('an import by the import CLI reaches subscribers: the feed hears of commits it did not make', async () => {
    const { client } = connect(server.url, READER);
    const imports = follow(client, 'subscription { articleImported { status slug } }');
    await until(async () => (await activeSubscriptions()) === 1, 2000, 'the subscription active');
    const doc = secondArticle();
    doc.article.slug = 'imported-by-the-cli';
    doc.article.url = 'https://example.org/imported-by-the-cli';
    const file = path.join(server.dir, 'cli.json');
    writeFileSync(file, JSON.stringify(doc));
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', file], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, DATABASE_URL: server.databaseUrl } });
    expect(cli.status, cli.stderr).toBe(0);
    await until(() => imports.next.length === 1, 3000, 'the CLI import announced');
    expect(imports.next[0].articleImported).toEqual({ status: 'CREATED', slug: 'imported-by-the-cli' });
  });
});

describe('the rules of the socket', () => {
  test('an anonymous subscriber is refused with UNAUTHENTICATED; a bad key closes the socket with 4403', async () => {
    const anonymous = connect(server.url);
    const refused = follow(anonymous.client, CHANGES);
    await until(() => refused.errors.length > 0, 2000, 'the refusal');
    expect(refused.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(refused.next).toEqual([]);
    await anonymous.client.dispose();

    const forged = connect(server.url, 'dg_not-a-key');
    const stream = follow(forged.client, CHANGES);
    await until(() => forged.closes.length > 0, 2000, 'the close');
    expect(forged.closes[0]!.code).toBe(4403);
    expect(stream.next).toEqual([]);
    await forged.client.dispose();
  });

  test('a reader key may subscribe and read, and writes nothing: a mutation with it is FORBIDDEN', async () => {
    const event = await eventIn('KZ');
    const response = await server.request<any>(
      'mutation($input: EventUpdateInput!) { eventUpdate(input: $input) { event { version } } }',
      { input: { id: event.id, version: event.version, description: 'A reader cannot write this.' } },
      { token: READER },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await eventIn('KZ')).toEqual(event);
  });

  test('filters are checked: a bad country code or article ID is BAD_USER_INPUT with its path', async () => {
    const { client } = connect(server.url, READER);
    const country = follow(client, CHANGES, { filter: { countryCode: 'XX' } });
    const article = follow(client, CHANGES, { filter: { articleId: toGlobalId('Event', 1) } });
    await until(() => country.errors.length > 0 && article.errors.length > 0, 2000, 'both refusals');
    expect(country.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['filter', 'countryCode'] });
    expect(article.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['filter', 'articleId'] });
    await client.dispose();
  });

  test('documents meet the limits of HTTP; queries and mutations go over HTTP', async () => {
    const { client } = connect(server.url, READER);
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: sequence`).join(' ');
    const tooMany = follow(client, `subscription { recordChanged { ${aliases} } }`);
    const tooLong = follow(client, `subscription { recordChanged { ${'x '.repeat(2100)} } }`);
    const query = follow(client, '{ delegations { totalCount } }');
    const unknown = follow(client, 'subscription { recordChanged { nope } }');
    await until(() => [tooMany, tooLong, query, unknown].every((stream) => stream.errors.length > 0), 2000, 'four refusals');
    expect(tooMany.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(tooMany.errors[0].message).toMatch(/aliases/i);
    expect(tooLong.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(query.errors[0]).toMatchObject({ message: 'send queries over HTTP: this socket serves subscriptions', extensions: { code: 'BAD_REQUEST' } });
    expect(unknown.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    await client.dispose();
  });

  test('a connection holds at most SUBSCRIPTIONS_PER_CONNECTION subscriptions; a client at most so many connections', async () => {
    const { client } = connect(server.url, READER);
    const streams = Array.from({ length: 4 }, () => follow(client, CHANGES));
    await until(() => streams[3]!.errors.length > 0, 2000, 'the fourth refused');
    expect(streams[3]!.errors[0].extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    expect(streams.slice(0, 3).map((stream) => stream.errors)).toEqual([[], [], []]);
    // Completing one makes room.
    await until(async () => (await activeSubscriptions()) === 3, 2000, 'three active');
    streams[0]!.stop();
    await until(async () => (await activeSubscriptions()) === 2, 2000, 'the first ended');
    const again = follow(client, CHANGES);
    await until(async () => (await activeSubscriptions()) === 3, 2000, 'the new one active');
    expect(again.errors).toEqual([]);
    await client.dispose();

    const sockets = Array.from({ length: 6 }, () => new WebSocket(wsUrl(server.url), 'graphql-transport-ws'));
    await Promise.all(sockets.map((socket) => new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))));
    const refused = await refusedUpgrade(server.url);
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions.code).toBe('TOO_MANY_CONNECTIONS');
    for (const socket of sockets) socket.close();
  });
});

describe('rate limits and metrics', () => {
  test('an upgrade and each subscription count toward the client\'s rate limit; the metrics count sockets, subscriptions and messages', async () => {
    const limited = await startTestServer({ apiKeys, settings: { rateLimitRequests: 4, rateLimitWindowSeconds: 60 } });
    const { client } = connectLive(limited.url, READER);
    try {
      // The upgrade is the first request of the window, three subscriptions the next three.
      const streams = Array.from({ length: 4 }, () => follow(client, CHANGES));
      await until(() => streams[3]!.errors.length > 0, 2000, 'the fourth subscription refused');
      expect(streams[3]!.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
      expect(streams.slice(0, 3).map((stream) => stream.errors)).toEqual([[], [], []]);
      const upgrade = await refusedUpgrade(limited.url);
      expect(upgrade).toMatchObject({ status: 429, retryAfter: expect.stringMatching(/^\d+$/), body: { errors: [{ extensions: { code: 'RATE_LIMITED' } }] } });

      await until(async () => (await countActive(limited.url)) === 3, 2000, 'three subscriptions active');
      await commitEventEdit(limited.db);
      await until(() => streams.slice(0, 3).every((stream) => stream.next.length === 1), 2000, 'the change delivered three times');
      const metrics = await (await fetch(limited.url.replace('/graphql', '/metrics'))).text();
      expect(metrics).toMatch(/^delegation_graph_subscription_connections 1$/m);
      expect(metrics).toMatch(/^delegation_graph_subscriptions 3$/m);
      expect(metrics).toMatch(/^delegation_graph_subscription_messages_total\{type="subscribe"\} 3$/m);
      expect(metrics).toMatch(/^delegation_graph_subscription_messages_total\{type="next"\} 3$/m);
    } finally {
      await client.dispose();
      await limited.close();
    }
  });
});

describe('slow subscribers and shutdown', () => {
  test('a subscriber that stops reading is dropped with 4008, others get every message, and memory stays flat', async () => {
    const slowServer = await startTestServer({ apiKeys, settings: { maxAliases: 500, subscriptionBacklog: 100, maxCost: 100_000 } });
    try {
      // Large messages (every field, 150 times): the socket's kernel buffers fill after a few megabytes.
      const fields = Array.from({ length: 150 }, (_, i) => `f${i}: id t${i}: type c${i}: countryCodes`).join(' ');
      const heavy = `subscription { recordChanged { sequence ${fields} } }`;
      const raw = new WebSocket(wsUrl(slowServer.url), 'graphql-transport-ws');
      const closed = new Promise<number>((resolve) => raw.once('close', (code) => resolve(code)));
      await new Promise((resolve) => raw.once('open', resolve));
      raw.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${READER}` } }));
      await new Promise((resolve) => raw.once('message', resolve));
      for (let i = 0; i < 20; i++) raw.send(JSON.stringify({ id: String(i), type: 'subscribe', payload: { query: heavy } }));
      const { client, closes: fastCloses } = connect(slowServer.url, READER);
      const fast = follow(client, CHANGES);
      await until(async () => (await activeSubscriptions(slowServer.url)) === 21, 3000, 'all subscriptions active');
      // The slow client stops reading: what the server sends piles up in the kernel, then in the queue.
      (raw as unknown as { _socket: { pause(): void } })._socket.pause();

      const rss: number[] = [process.memoryUsage().rss];
      const start = (await slowServer.db.auditEntry.aggregate({ _max: { id: true } }))._max.id!;
      let changes = 0;
      // Imported over HTTP, as editors do: each import's changes reach the feed when it commits.
      for (let n = 0; n < 40; n++) {
        const doc = secondArticle();
        doc.article.slug = `slow-${n}`;
        doc.article.url = `https://example.org/slow/${n}`;
        const response = await slowServer.request<any>('mutation($input: ArticleDocumentInput!) { articleImport(input: $input) { status } }', { input: doc }, { token: EDITOR });
        expect(response.data.articleImport.status).toBe('CREATED');
        rss.push(process.memoryUsage().rss);
      }
      changes = await slowServer.db.auditEntry.count({ where: { id: { gt: start }, entity: { in: [...nodeTypes] } } });
      (raw as unknown as { _socket: { resume(): void } })._socket.resume();
      expect(await closed).toBe(4008);
      await until(() => fast.next.length >= changes, 5000, 'the fast subscriber caught up').catch((e) => { console.log('COUNTS', fastCloses, fast.next.length, changes, JSON.stringify(fast.errors).slice(0, 300), rss); throw e; });
      expect(fast.next.length).toBe(changes);
      const metrics = await (await fetch(slowServer.url.replace('/graphql', '/metrics'))).text();
      expect(metrics).toMatch(/^delegation_graph_subscription_drops_total\{reason="slow"\} 1$/m);
      // The imports sent the slow socket about 250 changes x 20 subscriptions x 20 kB: what it did not take was
      // dropped with it, not kept (a queue per subscription without a bound would hold on to most of ~100 MB).
      expect(Math.max(...rss) - rss[0]!).toBeLessThan(80 * 1024 * 1024);
      await client.dispose();
    } finally {
      await slowServer.close();
    }
  }, 60_000);

  test('shutdown delivers every change committed before it, completes each subscription, then closes with 1001', async () => {
    const closing = await startTestServer({ apiKeys });
    const { client, closes } = connect(closing.url, READER);
    const stream = follow(client, CHANGES, { filter: { types: ['Event'] } });
    await until(async () => (await activeSubscriptions(closing.url)) === 1, 2000, 'the subscription active');
    // Written straight to the database, so nothing tells the feed: only the read at shutdown finds it.
    const event = await commitEventEdit(closing.db);
    await closing.close();
    await until(() => closes.length > 0, 2000, 'the close');
    expect(stream.next.map((data) => data.recordChanged)).toEqual([expect.objectContaining({ type: 'Event', id: toGlobalId('Event', event.id), version: event.version })]);
    expect(stream.completed).toBe(true);
    expect(closes[0]!.code).toBe(1001);
    await client.dispose();
  });
});
