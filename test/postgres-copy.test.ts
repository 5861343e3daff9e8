import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SYNTH_SOURCE, synthesize } from '../bench/synthetic-data.js';
import { openDatabase, type Db } from '../src/db/client.js';
import { CopyError, copyDatabase } from '../src/db/copy.js';
import { importDocument } from '../src/modules/import/import.service.js';
import { seed } from '../src/modules/import/seed.js';
import { createServer, type RunningServer } from '../src/server.js';
import { sha256 } from '../src/shared/auth.js';
import { projectRoot } from '../src/shared/paths.js';
import { secondArticle } from './fixtures/second-article.js';
import { dropTestDatabase, newTestDatabaseUrl, snapshot } from './helpers.js';

// `npm run db:copy`: a SQLite database with the seed, a synthetic dataset, an edit (versions, audit log)
// and a deleted article (a gap under the id high-water mark), copied into an empty PostgreSQL database.
const ADMIN = 'dg_admin-token-for-copy-tests';
const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'delegation-graph-copy-'));
const sourceFile = path.join(dir, 'source.db');
const sourceUrl = `file:${sourceFile}`;
const databases: string[] = [];
let targetUrl: string;

/** The last article id SQLite handed out (sqlite_sequence), which may be above the highest id left. */
const highWaterMark = () => {
  const sqlite = new Database(sourceFile, { readonly: true });
  try {
    return (sqlite.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'Article'`).get() as { seq: number }).seq;
  } finally {
    sqlite.close();
  }
};

const emptyDatabase = async () => {
  const url = await newTestDatabaseUrl(dir);
  databases.push(url);
  return url;
};

const copyCli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'scripts/db-copy.ts', ...args], { cwd: projectRoot, env: { PATH: process.env.PATH } });

beforeAll(async () => {
  const { db } = await openDatabase(sourceUrl);
  try {
    await seed(db);
    await synthesize(db, { events: 1500, seed: 11 });
    await importDocument(db, secondArticle(), { actor: 'admin1' });
    // An edit: versions above 1 and UPDATE entries in the audit log.
    const edited = secondArticle();
    edited.events[0]!.description = 'An edited description, so the copy carries versions and an audit trail.';
    expect((await importDocument(db, edited, { actor: 'admin1' })).status).toBe('UPDATED');
    // The newest synthetic article deleted: the next id must stay above it on both sides.
    const last = await db.article.findFirstOrThrow({ where: { source: SYNTH_SOURCE }, orderBy: { id: 'desc' }, select: { id: true } });
    await db.article.delete({ where: { id: last.id } });
  } finally {
    await db.$disconnect();
  }
  targetUrl = await emptyDatabase();
}, 120_000);

afterAll(async () => {
  for (const url of databases) await dropTestDatabase(url);
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run db:copy', () => {
  test('copies every table, shows each one verified, and commits', async () => {
    const { stdout } = await copyCli('--from', sourceUrl, '--to', targetUrl);
    for (const table of ['Article', 'Event', 'Evidence', 'Claim', 'AuditEntry', 'Delegation', 'Figure']) {
      expect(stdout).toMatch(new RegExp(`^  ${table} +\\d+ rows  sha256 [0-9a-f]{16}  same on both$`, 'm'));
    }
    expect(stdout).toMatch(/^ {2}StatCount +\d+ rows {2}rebuilt by the target's triggers, same as the source's$/m);
    expect(stdout).toMatch(/^ {2}SearchDoc +\d+ rows {2}rebuilt by the target's triggers, same as the source's$/m);
    expect(stdout).toMatch(/; committed$/m);
    // The password never reaches the terminal.
    expect(stdout).toContain(`${new URL(targetUrl).username}:***@`);
    expect(stdout).not.toContain(`:${new URL(targetUrl).password}@`);
  }, 120_000);

  describe('the copy', () => {
    let source: { db: Db; running: RunningServer };
    let target: { db: Db; running: RunningServer };
    const serve = async (url: string) => {
      const { db } = await openDatabase(url);
      const server = await createServer({
        db,
        logger: pino({ level: 'silent' }),
        apiKeys: [{ keyId: 'admin1', role: 'admin', sha256: sha256(ADMIN) }],
        settings: { rateLimitRequests: 0, shutdownGraceMs: 250, maxCost: 1_000_000 },
      });
      return { db, running: await server.listen(0, '127.0.0.1') };
    };
    const ask = async (on: { running: RunningServer }, query: string) => {
      const response = await fetch(on.running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as { data?: unknown; errors?: unknown[] };
    };
    beforeAll(async () => {
      source = await serve(sourceUrl);
      target = await serve(targetUrl);
    });
    afterAll(async () => {
      for (const side of [source, target]) {
        await side?.running.close();
        await side?.db.$disconnect();
      }
    });

    test.each([
      ['delegations with their visits, events, cities and quotes', `{ delegations(first: 100) { totalCount nodes { id name version startDate endDate
        countriesVisited { isoCode } parent { id } events(first: 50) { totalCount nodes { id name kind startDate city { name latitude } evidence { quote start end } } } } } }`],
      ['a filtered, ordered event list, paged deep', `{ events(first: 100, filter: { countryCode: "KZ" }, orderBy: { field: NAME, direction: DESC }) {
        totalCount pageInfo { endCursor hasNextPage } nodes { id name version description } } }`],
      ['agreements with parties and figures', `{ agreements(first: 100) { totalCount nodes { id title kind signedOn parties { organization { name } } } } }`],
      ['stats for dashboards', `{ stats { eventCount agreementCount delegationCount eventsByCountry { country { isoCode } count }
        eventsByMonth { month count } agreementsByKind { kind count } } }`],
      ['the audit log, newest first', `{ auditLog(first: 100) { nodes { id at actor action entity entityId before after } } }`],
      ['search counts', `{ a: search(query: "delegation", first: 1) { totalCount } b: search(query: "Astana OR Tashkent", first: 1) { totalCount } }`],
    ])('answers %s exactly as the source does', async (_, query) => {
      const [fromSource, fromTarget] = [await ask(source, query), await ask(target, query)];
      expect(fromSource.errors).toBeUndefined();
      // Something to compare: every answer holds records or counts above zero.
      expect(JSON.stringify(fromSource.data)).toMatch(/"(id|totalCount|count)":("[^"]+"|[1-9])/);
      expect(fromTarget).toEqual(fromSource);
    });

    test('numbers new records after the source’s last id, not after the highest id left', async () => {
      const next = secondArticle();
      next.article.slug = 'after-the-copy';
      next.article.url = 'https://example.org/after-the-copy';
      await importDocument(target.db, next);
      const created = await target.db.article.findUniqueOrThrow({ where: { slug: 'after-the-copy' }, select: { id: true } });
      const highest = await target.db.article.aggregate({ _max: { id: true } });
      expect(created.id).toBe(highWaterMark() + 1);
      expect(highest._max.id).toBe(created.id);
      await target.db.article.delete({ where: { id: created.id } });
    });
  });

  test('refuses a target that is not empty, and leaves it as it was', async () => {
    const { db } = await openDatabase(targetUrl);
    try {
      const before = await snapshot(db);
      await expect(copyDatabase({ from: sourceUrl, to: targetUrl })).rejects.toThrow(/^the target is not empty: ReferenceSource has \d+ rows/);
      expect(await snapshot(db)).toEqual(before);
    } finally {
      await db.$disconnect();
    }
  }, 60_000);

  test('a row PostgreSQL cannot hold rolls the whole copy back, and the error names its table', async () => {
    // SQLite stores a NUL character in text; PostgreSQL's text cannot hold one.
    const broken = path.join(dir, 'broken.db');
    copyFileSync(sourceFile, broken);
    const sqlite = new Database(broken);
    sqlite.prepare(`UPDATE "Event" SET "description" = 'before' || char(0) || 'after' WHERE "id" = (SELECT max("id") FROM "Event")`).run();
    sqlite.close();
    const url = await emptyDatabase();
    const error = await copyDatabase({ from: `file:${broken}`, to: url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CopyError);
    expect((error as Error).message).toMatch(/^copying Event \(rows \d+ to \d+ in key order\) failed: /);
    const { db } = await openDatabase(url);
    try {
      const counts = await Promise.all([db.referenceSource.count(), db.article.count(), db.country.count(), db.event.count(), db.statCount.count()]);
      expect(counts).toEqual([0, 0, 0, 0, 0]);
      expect(await db.$queryRawUnsafe('SELECT count(*)::int AS n FROM "SearchDoc"')).toEqual([{ n: 0 }]);
    } finally {
      await db.$disconnect();
    }
  }, 120_000);

  test.each([
    ['a SQLite target', () => ['--from', sourceUrl, '--to', `file:${path.join(dir, 'other.db')}`], /--to must be a postgres:\/\/ or postgresql:\/\/ URL/],
    ['a source that does not exist', () => ['--from', `file:${path.join(dir, 'typo.db')}`, '--to', targetUrl], /--from: no such SQLite database: .*typo\.db/],
    ['a PostgreSQL source', () => ['--from', targetUrl, '--to', targetUrl], /--from must be a SQLite file: URL/],
  ])('refuses %s with exit code 1 and one line', async (_, args, message) => {
    const failure = await copyCli(...args()).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 1 });
    const { stderr } = failure as { stderr: string };
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  test('without --from or --to, prints the usage with exit code 2', async () => {
    const failure = await copyCli('--from', sourceUrl).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringMatching(/^usage: npm run db:copy -- --from file:/) });
  });
});
