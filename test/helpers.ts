import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { openDatabase, type Db } from '../src/db/client.js';
import { seed } from '../src/db/seed.js';
import { createServer } from '../src/server.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface TestServer {
  db: Db;
  url: string;
  dir: string;
  /** POSTs a GraphQL document to the running server. */
  request: <T = Record<string, any>>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse<T>>;
  /** Like request, but fails the test on any error and returns `data`. */
  query: <T = Record<string, any>>(query: string, variables?: Record<string, unknown>) => Promise<T>;
  close: () => Promise<void>;
}

/** A temporary SQLite file, migrated (and seeded unless told not to). */
export async function openTestDatabase(options: { seed?: boolean } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'delegation-graph-test-'));
  const url = `file:${path.join(dir, 'test.db')}`;
  const { db } = await openDatabase(url);
  if (options.seed ?? true) await seed(db);
  return { db, dir, url };
}

/** A real HTTP server on a free port, over a real temporary SQLite file. */
export async function startTestServer(options: { seed?: boolean } = {}): Promise<TestServer> {
  const { db, dir } = await openTestDatabase(options);
  const server = await createServer({ db, logger: pino({ level: 'silent' }) });
  const running = await server.listen(0, '127.0.0.1');
  const request = async <T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> => {
    const response = await fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<T>, 'status'>) };
  };
  return {
    db,
    dir,
    url: running.url,
    request,
    async query<T>(query: string, variables?: Record<string, unknown>) {
      const response = await request<T>(query, variables);
      if (response.errors) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
      return response.data!;
    },
    async close() {
      await running.close();
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
