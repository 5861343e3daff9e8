// Stateless replicas: three service processes on one PostgreSQL database, as behind a load balancer.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import pg from 'pg';
import { CHANGES_CHANNEL, postgresChanges } from '../src/db/change-feed.js';
import { loadMigrations } from '../src/db/migrate.js';
import { sha256 } from '../src/shared/auth.js';
import { secondArticle } from './fixtures/second-article.js';
import { startPostgres } from '../scripts/embedded-postgres.js';
import { dropTestDatabase, newTestDatabaseUrl, postgresRows, startProcess, until } from './helpers.js';
import { activeSubscriptions, connectLive, follow, RECORD_CHANGES } from './live-client.js';

const TOKEN = 'dg_replicas-editor';
const READER = 'dg_replicas-reader';
const IMPORT = 'mutation($input: ArticleDocumentInput!) { articleImport(input: $input) { status userErrors { message } } }';
const ARTICLES = 'query Articles { articles { totalCount nodes { slug } } }';

type Replica = ReturnType<typeof startProcess> & { url?: string };
let databaseUrl: string;
let replicas: Replica[] = [];

function replica(): Replica {
  return startProcess({
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    API_KEYS: `editor:editor:${sha256(TOKEN).toString('hex')},reader:reader:${sha256(READER).toString('hex')}`,
    RATE_LIMIT_REQUESTS: '0',
    LOG_LEVEL: 'info',
  });
}

async function post(url: string, query: string, variables?: Record<string, unknown>, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { age: response.headers.get('age'), body: (await response.json()) as { data?: any; errors?: unknown[] } };
}

function article(n: number) {
  const doc = secondArticle();
  doc.article.slug = `replicated-${n}`;
  doc.article.url = `https://example.org/replicated/${n}`;
  return doc;
}

const rows = <T extends pg.QueryResultRow>(sql: string) => postgresRows<T>(databaseUrl, sql);

beforeAll(async () => {
  // An empty database: the three replicas start together and find nothing migrated and nothing seeded.
  databaseUrl = await newTestDatabaseUrl('');
  replicas = [replica(), replica(), replica()];
  for (const started of replicas) started.url = await started.listening;
}, 120_000);

afterAll(async () => {
  for (const running of replicas) if (running.child.exitCode === null) running.child.kill('SIGTERM');
  await Promise.all(replicas.map((running) => running.exited));
  await dropTestDatabase(databaseUrl);
});

describe('three replicas on one database', () => {
  test('started together, they apply the migrations once and load the seed once', async () => {
    const migrated = replicas.filter((running) => running.lines.some((line) => line.includes('applied database migrations')));
    expect(migrated).toHaveLength(1);
    const [applied] = await rows<{ n: string }>('SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL');
    expect(Number(applied!.n)).toBe(loadMigrations('postgres').migrationDirectories.length);
    const created = replicas.flatMap((running) => running.lines.filter((line) => line.includes('seed article loaded') && line.includes('"status":"CREATED"')));
    expect(created).toHaveLength(1);
    for (const running of replicas) expect((await post(running.url!, ARTICLES)).body.data.articles.totalCount).toBe(1);
  });

  test('every table notifies the replicas of its writes (a table added later needs the trigger too)', async () => {
    const tables = await rows<{ table: string; notifies: boolean }>(`
      SELECT c.relname AS table, EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = c.relname || '_notify_change') AS notifies
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'`);
    expect(tables.length).toBeGreaterThan(20);
    expect(tables.filter((table) => !table.notifies).map((table) => table.table)).toEqual([]);
  });

  test('a write through replica A is read through B and C: their cached answers are dropped', async () => {
    const [a, b, c] = replicas.map((running) => running.url!);
    // B and C answer the read from their caches (a second answer carries its age).
    for (const url of [b!, c!]) {
      await post(url, ARTICLES);
      expect((await post(url, ARTICLES)).age).not.toBeNull();
    }
    const imported = await post(a!, IMPORT, { input: article(1) }, TOKEN);
    expect(imported.body.data.articleImport).toEqual({ status: 'CREATED', userErrors: [] });
    // A answers its own next read from after its write, at once.
    expect((await post(a!, ARTICLES)).body.data.articles.totalCount).toBe(2);
    // B and C hear of the commit by a notice about a millisecond after it (src/db/change-feed.ts).
    for (const url of [b!, c!]) {
      await until(async () => (await post(url, ARTICLES)).body.data.articles.totalCount === 2, 1000, 'the other replica showing the write');
    }
  });

  test('a write through replica A reaches the subscribers on B and C that its filter matches, and nothing else', async () => {
    const [a, b, c] = replicas.map((running) => running.url!);
    const onB = connectLive(b!, READER);
    const onC = connectLive(c!, READER);
    try {
      const german = follow(onB.client, RECORD_CHANGES, { filter: { types: ['Event'], countryCode: 'DE' } });
      const uzbek = follow(onB.client, RECORD_CHANGES, { filter: { countryCode: 'UZ' } });
      const imports = follow(onC.client, 'subscription { articleImported { status slug } }');
      await until(async () => (await activeSubscriptions(b!)) === 2 && (await activeSubscriptions(c!)) === 1, 2000, 'the subscriptions active');
      const imported = await post(a!, IMPORT, { input: article(50) }, TOKEN);
      expect(imported.body.data.articleImport).toEqual({ status: 'CREATED', userErrors: [] });
      await until(() => imports.next.length === 1, 2000, 'the import announced on C');
      expect(imports.next[0].articleImported).toEqual({ status: 'CREATED', slug: 'replicated-50' });
      // The article's one event in Germany (the forum in Düsseldorf); its Kazakh event is not for this filter.
      await until(() => german.next.length === 1, 2000, 'the German event on B');
      expect(german.next[0].recordChanged).toMatchObject({ action: 'CREATE', type: 'Event', countryCodes: ['DE'] });
      const event = await post(b!, '{ node(id: "' + german.next[0].recordChanged.id + '") { ... on Event { name } } }');
      expect(event.body.data.node.name).toMatch(/Investment Forum/);
      // B's subscriptions take changes in commit order: any UZ change of this commit would have come by now.
      expect(uzbek.next).toEqual([]);
      expect([german.errors, uzbek.errors, imports.errors]).toEqual([[], [], []]);
    } finally {
      await Promise.all([onB.client.dispose(), onC.client.dispose()]);
    }
  });

  test('killing a replica while writes stream through it loses nothing it acknowledged', async () => {
    const victim = replicas[2]!;
    const acknowledged: string[] = [];
    const stream = (async () => {
      for (let n = 100; ; n++) {
        try {
          const response = await post(victim.url!, IMPORT, { input: article(n) }, TOKEN);
          if (response.body.data?.articleImport?.status === 'CREATED') acknowledged.push(`replicated-${n}`);
        } catch {
          return; // the replica is gone
        }
      }
    })();
    await until(() => acknowledged.length >= 3, 20_000, 'three acknowledged imports');
    victim.child.kill('SIGKILL');
    await stream;
    await victim.exited;
    const slugs = new Set((await rows<{ slug: string }>('SELECT slug FROM "Article"')).map((row) => row.slug));
    expect(acknowledged.filter((slug) => !slugs.has(slug))).toEqual([]);
    // No half-written article: every article has its delegations and the search index holds it.
    const [broken] = await rows<{ n: string }>(`SELECT count(*) AS n FROM "Article" a WHERE NOT EXISTS (SELECT 1 FROM "Delegation" d WHERE d."articleId" = a.id)`);
    expect(Number(broken!.n)).toBe(0);
    const [unindexed] = await rows<{ n: string }>(`SELECT count(*) AS n FROM "SearchSource" s WHERE NOT EXISTS (SELECT 1 FROM "SearchDoc" d WHERE d.docid = s.docid)`);
    expect(Number(unindexed!.n)).toBe(0);
    // The survivors go on serving every article, the acknowledged ones included.
    const total = slugs.size;
    for (const running of replicas.slice(0, 2)) {
      await until(async () => (await post(running.url!, ARTICLES)).body.data.articles.totalCount === total, 1000, 'a surviving replica showing every article');
    }
  }, 60_000);
});

test('readiness reports a lost database: 503 with the reason once PostgreSQL is gone', async () => {
  const server = await startPostgres();
  const own = startProcess({ DATABASE_URL: await server.createDatabase('lost'), PORT: '0', HOST: '127.0.0.1' });
  try {
    const url = new URL('/readyz', await own.listening);
    expect((await fetch(url)).status).toBe(200);
    await server.stop();
    const response = await fetch(url);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', reason: 'database unreachable' });
  } finally {
    own.child.kill('SIGTERM');
    await own.exited;
    await server.stop().catch(() => {});
  }
}, 60_000);

test('a replica whose notice connection is cut serves nothing cached until it listens again', async () => {
  const feed = postgresChanges(databaseUrl);
  try {
    await feed.ready;
    const before = feed.version();
    expect(feed.version()).toBe(before);
    // A commit anywhere moves it on.
    await rows('UPDATE "Article" SET "title" = "title"');
    await until(() => feed.version() !== before, 1000, 'the notice of a commit');
    // The listening connection killed from the server's side (a failover, a restart, an idle timeout).
    await rows(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN ${CHANGES_CHANNEL}'`);
    await until(() => !feed.listening(), 1000, 'the feed noticing its loss');
    expect(feed.version()).not.toBe(feed.version());
    await until(() => feed.listening(), 5000, 'the feed listening again');
    const again = feed.version();
    expect(feed.version()).toBe(again);
    await rows('UPDATE "Article" SET "title" = "title"');
    await until(() => feed.version() !== again, 1000, 'the notice of a commit after reconnecting');
  } finally {
    await feed.close();
  }
});
