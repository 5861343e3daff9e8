import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sha256 } from '../src/shared/auth.js';
import { secondArticle } from './fixtures/second-article.js';
import { startProcess } from './helpers.js';

// What survives a crash: real processes, killed with SIGKILL, and the SQLite file read back directly.
const TOKEN = 'dg_durability-editor';
const IMPORT = 'mutation($input: ArticleDocumentInput!) { articleImport(input: $input) { status userErrors { message } } }';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'delegation-graph-durability-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function service(file: string) {
  return startProcess({ DATABASE_URL: `file:${file}`, PORT: '0', HOST: '127.0.0.1', API_KEYS: `editor:editor:${sha256(TOKEN).toString('hex')}` });
}

/** A distinct article document for the n-th import. */
function article(n: number) {
  const doc = secondArticle();
  doc.article.slug = `streamed-${n}`;
  doc.article.url = `https://example.org/streamed/${n}`;
  return doc;
}

async function importArticle(url: string, n: number): Promise<boolean> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query: IMPORT, variables: { input: article(n) } }),
  });
  const body = (await response.json()) as { data?: { articleImport?: { status: string } } };
  return body.data?.articleImport?.status === 'CREATED';
}

/** The file as SQLite sees it after the crash: integrity, and each article with its event count. */
function inspect(file: string) {
  const db = new Database(file);
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      articles: db.prepare('SELECT a.slug, (SELECT count(*) FROM "Event" e WHERE e.articleId = a.id) AS events FROM "Article" a').all() as { slug: string; events: number }[],
      searchable: db.prepare(`SELECT count(*) AS n FROM "SearchIndex"`).get() as { n: number },
      sourced: db.prepare(`SELECT count(*) AS n FROM "SearchSource"`).get() as { n: number },
    };
  } finally {
    db.close();
  }
}

describe('a crash (SIGKILL) loses nothing acknowledged and leaves no half-written article', () => {
  test('while imports stream in', async () => {
    const file = path.join(dir, 'streaming.db');
    const first = service(file);
    const url = await first.listening;
    const acknowledged: string[] = [];
    let stopped = false;
    const stream = (async () => {
      for (let n = 0; !stopped; n++) {
        try {
          if (await importArticle(url, n)) acknowledged.push(`streamed-${n}`);
        } catch {
          return; // the connection died with the process
        }
      }
    })();
    while (acknowledged.length < 12) await sleep(10);
    first.child.kill('SIGKILL');
    stopped = true;
    await Promise.all([stream, first.exited]);

    const after = inspect(file);
    expect(after.integrity).toBe('ok');
    const present = new Map(after.articles.map((a) => [a.slug, a.events]));
    for (const slug of acknowledged) expect(present.get(slug), slug).toBe(2);
    // An import in flight at the kill is all there or not there at all.
    for (const [slug, events] of present) if (slug.startsWith('streamed-')) expect(events, slug).toBe(2);
    expect(after.searchable.n).toBe(after.sourced.n);

    // And the service starts again on the same file, with everything in it.
    const second = service(file);
    const again = await second.listening;
    const response = await fetch(again, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ articles { totalCount } }' }) });
    expect(((await response.json()) as { data: { articles: { totalCount: number } } }).data.articles.totalCount).toBe(present.size);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  test('while the seed loads', async () => {
    const file = path.join(dir, 'seeding.db');
    const first = service(file);
    // Killed as soon as the migrations are in, while the seed article is being written.
    while (!first.lines.some((line) => line.includes('applied database migrations'))) await sleep(5);
    await sleep(20);
    first.child.kill('SIGKILL');
    await first.exited;

    const after = inspect(file);
    expect(after.integrity).toBe('ok');
    expect(after.articles.length === 0 || after.articles[0]!.events === 10).toBe(true);

    const second = service(file);
    await second.listening;
    const seeded = inspect(file);
    expect(seeded.articles).toEqual([{ slug: 'liaocheng-delegation-visits-central-asia', events: 10 }]);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});

describe('two processes on one database file', () => {
  test('concurrent writes wait for the lock instead of failing', async () => {
    const file = path.join(dir, 'shared.db');
    const a = service(file);
    const urlA = await a.listening;
    const b = service(file);
    const urlB = await b.listening;
    try {
      const results = await Promise.all(Array.from({ length: 24 }, (_, n) => importArticle(n % 2 === 0 ? urlA : urlB, n)));
      expect(results.every(Boolean)).toBe(true);
      const after = inspect(file);
      expect(after.integrity).toBe('ok');
      expect(after.articles).toHaveLength(25);
    } finally {
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      await Promise.all([a.exited, b.exited]);
    }
  });
});
