import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { pino } from 'pino';
import { expect, inject } from 'vitest';
import { dialectOf, openDatabase, type Db } from '../src/db/client.js';
import type { Provider } from '../src/db/provider.js';
import { seed } from '../src/modules/import/seed.js';
import { projectRoot } from '../src/shared/paths.js';
import { createServer, type ServerSettings } from '../src/server.js';
import type { ApiKey } from '../src/shared/auth.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  /** The HTTP response headers (such as www-authenticate). */
  headers?: Headers;
}

/** How a request authenticates: `token` sends `Authorization: Bearer <token>`; `authorization` sends that header as given. */
export interface RequestOptions {
  token?: string;
  authorization?: string;
}

export interface TestServer {
  db: Db;
  /** The database's URL (DATABASE_URL for a process on the same database). */
  databaseUrl: string;
  url: string;
  dir: string;
  /** POSTs a GraphQL document to the running server. */
  request: <T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: RequestOptions) => Promise<GraphQLResponse<T>>;
  /** Like request, but fails the test on any error and returns `data`. */
  query: <T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: RequestOptions) => Promise<T>;
  /** The server's log lines, parsed, when started with `logs: true`. */
  logs: Record<string, any>[];
  close: () => Promise<void>;
}

/**
 * The provider this run of the file tests: vitest runs every file that touches the database once per provider
 * (the `sqlite` and `postgres` projects of vitest.config.ts).
 */
export const testProvider: Provider = process.env.TEST_PROVIDER === 'postgres' ? 'postgres' : 'sqlite';

let databases = 0;

/** A new, empty database of the provider under test (a SQLite file in `dir`, or a PostgreSQL database), unmigrated. */
export async function newTestDatabaseUrl(dir: string): Promise<string> {
  if (testProvider === 'sqlite') return `file:${path.join(dir, `test${databases++ || ''}.db`)}`;
  return createPostgresDatabase();
}

async function createPostgresDatabase(template?: 'empty' | 'seeded'): Promise<string> {
  const { adminUrl, templates } = inject('postgres');
  const name = `test_${process.pid}_${databases++}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${templates[template]}"` : ''}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.href;
}

/** Drops a test's PostgreSQL database (its connections closed first); nothing for SQLite (its folder goes). */
export async function dropTestDatabase(url: string): Promise<void> {
  if (!url.startsWith('postgres')) return;
  await adminQuery(inject('postgres').adminUrl, `DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  await postgresRows(adminUrl, sql);
}

/** The rows of one statement on a PostgreSQL database, through a connection of its own. */
export async function postgresRows<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/**
 * A temporary database of the provider under test, migrated (and seeded unless told not to): a SQLite file,
 * or a PostgreSQL database copied from the run's migrated (or seeded) template (test/global-postgres.ts).
 */
export async function openTestDatabase(options: { seed?: boolean; poolSize?: number } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'delegation-graph-test-'));
  const seeded = options.seed ?? true;
  if (testProvider === 'postgres') {
    const url = await createPostgresDatabase(seeded ? 'seeded' : 'empty');
    const { db } = await openDatabase(url, { poolSize: options.poolSize });
    return { db, dir, url, file: undefined };
  }
  const url = `file:${path.join(dir, 'test.db')}`;
  const { db, file } = await openDatabase(url);
  if (seeded) await seed(db);
  return { db, dir, url, file };
}

/**
 * A real HTTP server on a free port, over a real temporary database of the provider under test; `apiKeys` as API_KEYS would
 * configure. Rate limiting is off unless `settings` turns it on: a test file sends hundreds of requests.
 */
export async function startTestServer(
  options: { seed?: boolean; poolSize?: number; apiKeys?: ApiKey[]; settings?: Partial<ServerSettings>; logs?: boolean } = {},
): Promise<TestServer> {
  const { db, dir, url: databaseUrl } = await openTestDatabase(options);
  // A short shutdown grace: closing waits for the test's own kept-alive fetch connections otherwise (up to
  // the 5 s keep-alive timeout; main.test.ts checks shutdown with the real defaults).
  const settings = { rateLimitRequests: 0, shutdownGraceMs: 250, ...options.settings };
  const logs: Record<string, any>[] = [];
  const logger = options.logs ? pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line)) }) : pino({ level: 'silent' });
  const server = await createServer({ db, databaseUrl, logger, apiKeys: options.apiKeys, settings });
  const running = await server.listen(0, '127.0.0.1');
  const request = async <T>(query: string, variables?: Record<string, unknown>, auth: RequestOptions = {}): Promise<GraphQLResponse<T>> => {
    const authorization = auth.authorization ?? (auth.token === undefined ? undefined : `Bearer ${auth.token}`);
    const response = await fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<T>, 'status'>), headers: response.headers };
  };
  return {
    db,
    databaseUrl,
    dir,
    url: running.url,
    logs,
    request,
    async query<T>(query: string, variables?: Record<string, unknown>, auth?: RequestOptions) {
      const response = await request<T>(query, variables, auth);
      if (response.errors) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
      return response.data!;
    },
    async close() {
      await running.close();
      await db.$disconnect();
      await dropTestDatabase(databaseUrl);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every row of every table (the search index too, not its internal shadow tables), in a stable order: equal snapshots mean the database did not change. */
export async function snapshot(db: Db) {
  const sqlite = dialectOf(db) === 'sqlite';
  const tables = (await db.$queryRawUnsafe<{ name: string }[]>(
    sqlite
      ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' AND name NOT LIKE 'SearchIndex_%' ORDER BY name"
      : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name",
  )).map((t) => t.name);
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    // StatCount's rows are created in whatever order writes first touch a bucket: order it by its key.
    if (sqlite) out[table] = await db.$queryRawUnsafe(`SELECT * FROM "${table}" ORDER BY ${table === 'StatCount' ? 'facet, bucket' : 'rowid'}`);
    // PostgreSQL has no rowid: every row as JSON, in the order of its text (the search vector left out: it is
    // derived from the row's text, and Prisma cannot read its type).
    else {
      const rows = await db.$queryRawUnsafe<{ row: string }[]>(`SELECT (to_jsonb(t) - 'tsv')::text AS row FROM "${table}" t ORDER BY 1`);
      out[table] = rows.map((row) => JSON.parse(row.row) as unknown);
    }
  }
  return JSON.parse(JSON.stringify(out, (_key, value) => (typeof value === 'bigint' ? Number(value) : value)));
}

/** The service as a process (`node src/main.ts`), configured by `env`; `listening` resolves to the URL it logs. */
export function startProcess(env: Record<string, string>, uid?: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    uid,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  // 'close', not 'exit': it waits until the process's output has been read to the end.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
  createInterface({ input: child.stderr! }).on('line', (line) => lines.push(line));
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const found = lines.map((line) => /listening at (http:\/\/[^\s"]+)/.exec(line)?.[1]).find(Boolean);
      if (found) {
        clearInterval(timer);
        resolve(found);
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`exited before listening:\n${lines.join('\n')}`));
    });
  });
  listening.catch(() => {}); // awaited by the tests that expect it; others only watch the exit
  return { child, lines, exited, listening };
}

/** A raw GET of a URL exactly as written (fetch would normalize `..`): its status and body. */
export function rawGetUrl(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Every entry of the search index equals the text its record contributes (the SearchSource view): the FTS5
 * table on SQLite, SearchDoc on PostgreSQL. `nonEmpty` also asserts there is something indexed.
 */
export async function expectIndexMatchesSource(db: Db, options: { nonEmpty?: boolean } = {}) {
  type Row = { docid: number | bigint };
  const read = async (sql: string) => (await db.$queryRawUnsafe<Row[]>(sql)).map((row) => ({ ...row, docid: Number(row.docid) }));
  const index = await read(
    dialectOf(db) === 'sqlite'
      ? 'SELECT rowid AS docid, title, body, places FROM "SearchIndex" ORDER BY rowid'
      : 'SELECT docid, title, body, places FROM "SearchDoc" ORDER BY docid',
  );
  const source = await read('SELECT docid, title, body, places FROM "SearchSource" ORDER BY docid');
  if (options.nonEmpty) expect(index.length).toBeGreaterThan(0);
  expect(index).toEqual(source);
}

/** Waits until `check` holds, trying every 5 ms for up to `ms`; fails the test with `what` after that. */
export async function until(check: () => boolean | Promise<boolean>, ms = 1000, what = 'the condition'): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    if (performance.now() - started > ms) throw new Error(`${what} did not hold within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
