// What survives a crash of PostgreSQL itself: a durable server (fsync, synchronous_commit and full_page_writes
// on, as production runs it) killed with SIGKILL, every process at once, while imports stream through the
// service; then started again on the same data, recovering from its write-ahead log. (The crash of a replica
// is in postgres-replicas.test.ts; durability.test.ts crashes SQLite with its process.)
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sha256 } from '../src/shared/auth.js';
import { startPostgres, type PostgresServer } from '../scripts/embedded-postgres.js';
import { secondArticle } from './fixtures/second-article.js';
import { postgresRows, startProcess, until } from './helpers.js';

const TOKEN = 'dg_pg-durability-editor';
const IMPORT = 'mutation($input: ArticleDocumentInput!) { articleImport(input: $input) { status userErrors { message } } }';

let server: PostgresServer;
let databaseUrl: string;
beforeAll(async () => {
  server = await startPostgres({ durable: true });
  databaseUrl = await server.createDatabase('durable');
}, 60_000);
afterAll(() => server?.stop());

function article(n: number) {
  const doc = secondArticle();
  doc.article.slug = `durable-${n}`;
  doc.article.url = `https://example.org/durable/${n}`;
  return doc;
}

async function post(url: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

describe('a crash of the PostgreSQL server (SIGKILL, every process)', () => {
  test('loses no acknowledged import, leaves no half-written article, and the service carries on after recovery', async () => {
    const service = startProcess({
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      API_KEYS: `editor:editor:${sha256(TOKEN).toString('hex')}`,
      RATE_LIMIT_REQUESTS: '0',
      LOG_LEVEL: 'info',
    });
    try {
      const url = await service.listening;
      const acknowledged: string[] = [];
      let stopped = false;
      const stream = (async () => {
        for (let n = 0; !stopped; n++) {
          const body = await post(url, IMPORT, { input: article(n) });
          if (body.data?.articleImport?.status === 'CREATED') acknowledged.push(`durable-${n}`);
        }
      })();
      await until(() => acknowledged.length >= 12, 30_000, 'twelve acknowledged imports');
      const startedAt = async () => (await postgresRows<{ at: Date }>(databaseUrl, 'SELECT pg_postmaster_start_time() AS at'))[0]!.at.getTime();
      const before = await startedAt();
      await server.crashAndRestart();
      expect(await startedAt()).toBeGreaterThan(before);
      stopped = true;
      await stream;

      // Every import the service acknowledged is there, whole; one in flight at the crash is whole or absent.
      const present = await postgresRows<{ slug: string; events: number }>(
        databaseUrl,
        `SELECT a.slug, (SELECT count(*)::int FROM "Event" e WHERE e."articleId" = a.id) AS events FROM "Article" a WHERE a.slug LIKE 'durable-%'`,
      );
      const events = new Map(present.map((row) => [row.slug, row.events]));
      expect(acknowledged.filter((slug) => !events.has(slug))).toEqual([]);
      for (const [slug, count] of events) expect(count, slug).toBe(2);
      // The search documents and the stats counts, kept by triggers in the same transactions, came back with them.
      const [index] = await postgresRows<{ missing: number; extra: number }>(
        databaseUrl,
        `SELECT (SELECT count(*)::int FROM "SearchSource" s WHERE NOT EXISTS (SELECT 1 FROM "SearchDoc" d WHERE d.docid = s.docid)) AS missing,
                (SELECT count(*)::int FROM "SearchDoc" d WHERE NOT EXISTS (SELECT 1 FROM "SearchSource" s WHERE s.docid = d.docid)) AS extra`,
      );
      expect(index).toEqual({ missing: 0, extra: 0 });
      const [counted] = await postgresRows<{ n: number }>(databaseUrl, `SELECT "count" AS n FROM "StatCount" WHERE facet = 'event.kind' AND bucket = 'OTHER'`);
      const [actual] = await postgresRows<{ n: number }>(databaseUrl, `SELECT count(*)::int AS n FROM "Event" WHERE kind = 'OTHER'`);
      expect(Number(counted?.n ?? 0)).toBe(actual!.n);

      // The service was not restarted: its pool and its LISTEN connection reconnect, and it answers with the
      // recovered data (what it had cached before the crash is dropped).
      await until(async () => (await fetch(new URL('/readyz', url))).status === 200, 20_000, 'the service ready again');
      const { data } = await post(url, '{ articles { totalCount } }');
      expect(data.articles.totalCount).toBe(present.length + 1);
      const next = await post(url, IMPORT, { input: article(10_000) });
      expect(next.data.articleImport.status).toBe('CREATED');
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }
  }, 120_000);
});
