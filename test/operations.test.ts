import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConfigError, configVariables, loadConfig } from '../src/config.js';
import { projectRoot } from '../src/shared/paths.js';
import { createServer, settingsFromConfig, type ServerSettings } from '../src/server.js';
import { sha256 } from '../src/shared/auth.js';
import { dropTestDatabase, openTestDatabase, testProvider } from './helpers.js';

// What an operator relies on: health and readiness, metrics, request logs, and the abuse limits.

interface Running {
  origin: string;
  url: string;
  logs: Record<string, any>[];
  post: (body: unknown, headers?: Record<string, string>) => Promise<Response>;
  db: Awaited<ReturnType<typeof openTestDatabase>>['db'];
  close: () => Promise<void>;
}

async function start(settings: Partial<ServerSettings> = {}): Promise<Running> {
  const { db, dir, url } = await openTestDatabase();
  const logs: Record<string, any>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line)) });
  const apiKeys = [{ keyId: 'ops', role: 'admin' as const, sha256: sha256('dg_ops-secret-token') }];
  const running = await (await createServer({ db, databaseUrl: url, logger, apiKeys, settings: { rateLimitRequests: 0, shutdownGraceMs: 250, ...settings } })).listen(0, '127.0.0.1');
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return {
    origin: new URL(running.url).origin,
    url: running.url,
    logs,
    post,
    db,
    close: async () => {
      await running.close();
      await db.$disconnect();
      await dropTestDatabase(url);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The server still answers a normal query after a refused one. */
async function stillServes(server: Running) {
  const response = await server.post({ query: '{ delegations { totalCount } }' });
  expect(await response.json()).toEqual({ data: { delegations: { totalCount: 2 } } });
}

let server: Running;
beforeAll(async () => {
  server = await start();
});
afterAll(() => server.close());

describe('health, readiness and metrics', () => {
  test('/healthz answers while the process lives; /readyz once the database is reachable and migrated', async () => {
    expect(await (await fetch(`${server.origin}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  test('/readyz is 503 with a reason while a migration is missing', async () => {
    const other = await start();
    try {
      await other.db.$executeRawUnsafe('UPDATE "_prisma_migrations" SET rolled_back_at = CURRENT_TIMESTAMP WHERE migration_name LIKE \'%search\'');
      const response = await fetch(`${other.origin}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', reason: 'database migrations pending' });
    } finally {
      await other.close();
    }
  });

  test('/metrics counts requests by operation and outcome, errors by code, latency and database time', async () => {
    await server.post({ query: 'query DashboardTotals { delegations { totalCount } }', operationName: 'DashboardTotals' });
    await server.post({ query: '{ nope }' });
    const response = await fetch(`${server.origin}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/delegation_graph_graphql_requests_total\{operation="DashboardTotals",outcome="ok"\} 1/);
    expect(text).toMatch(/delegation_graph_graphql_requests_total\{operation="anonymous",outcome="GRAPHQL_VALIDATION_FAILED"\} 1/);
    expect(text).toMatch(/delegation_graph_graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} 1/);
    // Its latency is recorded (which bucket it falls in depends on the machine's load: no timing asserted here).
    expect(text).toMatch(/delegation_graph_graphql_request_duration_seconds_bucket\{le="\+Inf",operation="DashboardTotals"\} 1/);
    expect(text).toMatch(/delegation_graph_graphql_request_duration_seconds_count\{operation="DashboardTotals"\} 1/);
    expect(text).toMatch(/delegation_graph_db_query_duration_seconds_count\{statement="SELECT"\} [1-9]/);
    expect(text).toMatch(/delegation_graph_process_resident_memory_bytes \d+/);
  });
});

describe('request ids and logs', () => {
  test('X-Request-Id is echoed, or made when absent or malformed', async () => {
    const given = await server.post({ query: '{ delegations { totalCount } }' }, { 'x-request-id': 'dashboard-7f3a' });
    expect(given.headers.get('x-request-id')).toBe('dashboard-7f3a');
    const made = await server.post({ query: '{ delegations { totalCount } }' }, { 'x-request-id': 'bad id with spaces' });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('one JSON line per request, with id, operation, status, outcome and duration, never variables or keys', async () => {
    const before = server.logs.length;
    const response = await server.post(
      { query: 'query Find($q: String!) { search(query: $q) { totalCount } }', operationName: 'Find', variables: { q: 'secret-variable-value' } },
      { 'x-request-id': 'log-check-1', authorization: 'Bearer dg_ops-secret-token' },
    );
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = server.logs.slice(before).filter((line) => line.requestId === 'log-check-1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request', route: 'graphql', operation: 'Find', status: 200, outcome: 'ok', method: 'POST' });
    expect(typeof lines[0]!.durationMs).toBe('number');
    const text = JSON.stringify(server.logs);
    expect(text).not.toContain('secret-variable-value');
    expect(text).not.toContain('dg_ops-secret-token');
  });

  test('a failure inside the service reaches the client as a generic error; the log has it with the request id', async () => {
    const broken = await start();
    try {
      await broken.db.$executeRawUnsafe(testProvider === 'postgres' ? 'DROP TABLE "Image" CASCADE' : 'DROP TABLE "Image"');
      const response = await broken.post({ query: '{ images { nodes { caption } } }' }, { 'x-request-id': 'broken-1' });
      const body = (await response.json()) as { errors: unknown[] };
      expect(body.errors).toEqual([{ message: 'Internal server error', locations: expect.any(Array), path: ['images'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
      expect(JSON.stringify(body)).not.toMatch(/Image|SQL|stack|at /);
      const logged = broken.logs.find((line) => line.requestId === 'broken-1' && line.level === 50);
      expect(logged?.err?.message).toMatch(/Image/);
    } finally {
      await broken.close();
    }
  });
});

describe('abuse limits: each refused with its status and code, and the server carries on', () => {
  const nested = (depth: number) => `{ delegations { nodes { ${'parent { '.repeat(depth)}name${' }'.repeat(depth)} } } }`;
  const cases: [string, () => unknown, number, string][] = [
    ['a query deeper than 10', () => ({ query: nested(9) }), 400, 'GRAPHQL_VALIDATION_FAILED'],
    ['more than 15 aliases', () => ({ query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: delegations { totalCount }`).join(' ')} }` }), 400, 'GRAPHQL_VALIDATION_FAILED'],
    ['more than 50 directives', () => ({ query: `{ delegations { totalCount ${'@include(if: true) '.repeat(51)} } }` }), 400, 'GRAPHQL_VALIDATION_FAILED'],
    ['more than 2,000 tokens', () => ({ query: `{ ${'a '.repeat(2100)} }` }), 400, 'GRAPHQL_PARSE_FAILED'],
    ['a document over 15,000 characters', () => ({ query: `{ delegations { totalCount } } ${'#'.repeat(15_001)}` }), 413, 'QUERY_TOO_LARGE'],
    ['a cost over 5,000', () => ({ query: '{ delegations(first: 100) { nodes { events(first: 100) { nodes { name } } } } }' }), 400, 'QUERY_TOO_COMPLEX'],
    ['a body over 100 KB', () => JSON.stringify({ query: '{ delegations { totalCount } }', variables: { pad: 'x'.repeat(110 * 1024) } }), 413, 'PAYLOAD_TOO_LARGE'],
    ['a batch of operations', () => [{ query: '{ delegations { totalCount } }' }, { query: '{ events { totalCount } }' }], 400, 'BAD_REQUEST'],
  ];
  test.each(cases)('%s', async (_, body, status, code) => {
    const response = await server.post(body());
    expect(response.status).toBe(status);
    const json = (await response.json().catch(() => null)) as { errors?: { extensions?: { code?: string } }[] } | null;
    if (code !== 'BAD_REQUEST') expect(json?.errors?.[0]?.extensions?.code).toBe(code);
    else expect(response.status).toBe(400);
    await stillServes(server);
  });

  test('the cost counts the page sizes asked for: the same shape with small pages is served', async () => {
    const response = await server.post({ query: '{ delegations(first: 10) { nodes { events(first: 10) { nodes { name } } } } }' });
    expect(response.status).toBe(200);
  });

  test('the cost follows the variables of each request, not those the same document came with before', async () => {
    const query = 'query($n: Int) { delegations(first: $n) { nodes { events(first: $n) { nodes { name } } } } }';
    const statuses = [];
    for (const n of [10, 100, 10, 100]) statuses.push((await server.post({ query, variables: { n } })).status);
    expect(statuses).toEqual([200, 400, 200, 400]);
  });

  test('CSRF: a simple-content-type POST and a header-less GET are refused; mutations never run over GET', async () => {
    const simplePost = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ delegations { totalCount } }"}' });
    expect(simplePost.status).toBe(400);
    const plainGet = await fetch(`${server.url}?query=${encodeURIComponent('{ delegations { totalCount } }')}`);
    expect(plainGet.status).toBe(400);
    expect(await plainGet.text()).toMatch(/CSRF|preflight/i);
    const preflighted = await fetch(`${server.url}?query=${encodeURIComponent('{ delegations { totalCount } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
    const mutationGet = await fetch(`${server.url}?query=${encodeURIComponent('mutation { eventDelete(input: { id: "x" }) { deletedId } }')}`, {
      headers: { 'apollo-require-preflight': 'true', authorization: 'Bearer dg_ops-secret-token' },
    });
    expect(mutationGet.status).toBe(405);
    await stillServes(server);
  });

  test('introspection and "did you mean" can be turned off (the production default)', async () => {
    const production = await start({ introspection: false, suggestions: false, explorer: 'off' });
    try {
      const introspection = await production.post({ query: '{ __schema { types { name } } }' });
      expect(introspection.status).toBe(400);
      type Errors = { errors: { message: string; extensions: { code: string } }[] };
      expect(((await introspection.json()) as Errors).errors[0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const typo = (await (await production.post({ query: '{ delegatoins { totalCount } }' })).json()) as Errors;
      expect(typo.errors[0]!.message).toBe('Cannot query field "delegatoins" on type "Query".');
      const withSuggestions = (await (await server.post({ query: '{ delegatoins { totalCount } }' })).json()) as Errors;
      expect(withSuggestions.errors[0]!.message).toMatch(/Did you mean "delegations"/);
      await stillServes(production);
    } finally {
      await production.close();
    }
  });

  test('rate limiting per client: 429 with Retry-After past the limit; health checks are not counted', async () => {
    const limited = await start({ rateLimitRequests: 3, rateLimitWindowSeconds: 60 });
    try {
      for (let i = 0; i < 3; i++) expect((await limited.post({ query: '{ delegations { totalCount } }' })).status).toBe(200);
      const refused = await limited.post({ query: '{ delegations { totalCount } }' });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('RATE_LIMITED');
      expect((await fetch(`${limited.origin}/healthz`)).status).toBe(200);
      expect((await fetch(`${limited.origin}/readyz`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('the client address behind reverse proxies (TRUST_PROXY)', () => {
  const from = (server: Running, forwardedFor?: string) =>
    server.post({ query: '{ delegations { totalCount } }' }, forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor });
  const random = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

  test.each([
    ['one trusted hop', 1, (client: string) => `${random()}, ${client}`],
    ['a trusted list', ['loopback', '10.0.0.0/8'], (client: string) => `${random()}, ${client}, 10.1.2.3`],
  ] as const)('with %s, the client is the rightmost untrusted entry: entries it writes itself do not reset its limit', async (_, trustProxy, header) => {
    const limited = await start({ rateLimitRequests: 2, rateLimitWindowSeconds: 60, trustProxy: trustProxy as never });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await from(limited, header('203.0.113.7'))).status);
      expect(statuses).toEqual([200, 200, 429]);
      // Another client behind the same proxy has its own count.
      expect((await from(limited, header('203.0.113.8'))).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  test('without TRUST_PROXY the header is ignored: the socket address counts', async () => {
    const limited = await start({ rateLimitRequests: 2, rateLimitWindowSeconds: 60 });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await from(limited, random())).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });

  test('TRUST_PROXY takes false, true (one hop), a hop count, or addresses and subnets; anything else is a named error', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,2001:db8::/32' }).TRUST_PROXY).toEqual(['loopback', '10.0.0.0/8', '2001:db8::/32']);
    for (const bad of ['0', 'yes', '10.0.0.0/99', 'loopback,proxy.internal']) expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY: /);
  });
});

describe('configuration', () => {
  test('production turns the explorer, introspection and suggestions off unless asked', () => {
    const settings = settingsFromConfig(loadConfig({ NODE_ENV: 'production' }));
    expect(settings).toMatchObject({ explorer: 'off', introspection: false, suggestions: false, maxDepth: 10, maxCost: 5000, maxBodyBytes: 102_400 });
    expect(settingsFromConfig(loadConfig({ NODE_ENV: 'production', EXPLORER: 'graphiql' })).introspection).toBe(true);
  });

  test('every invalid value is reported at once, by name', () => {
    let problems: string[] = [];
    try {
      loadConfig({ MAX_DEPTH: 'deep', RATE_LIMIT_REQUESTS: '-1', EXPLORER: 'graphiql', INTROSPECTION: 'false', PORT: '70000' });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems = error.problems;
    }
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['MAX_DEPTH', 'PORT', 'RATE_LIMIT_REQUESTS']);
    // The explorer/introspection conflict is checked once the values parse.
    expect(() => loadConfig({ EXPLORER: 'graphiql', INTROSPECTION: 'false' })).toThrow(/INTROSPECTION: the explorer/);
  });

  test('the quick start listens on loopback only; timeouts must fit inside each other', () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    expect(settingsFromConfig(loadConfig({})).maxConnectionsPerClient).toBe(64);
    expect(() => loadConfig({ HEADERS_TIMEOUT_MS: '40000', REQUEST_TIMEOUT_MS: '30000' })).toThrow(/HEADERS_TIMEOUT_MS: must not be longer than REQUEST_TIMEOUT_MS/);
  });

  test('.env.example documents every variable, with values the service accepts', () => {
    const lines = readFileSync(path.join(projectRoot, '.env.example'), 'utf8').split('\n');
    const entries = lines.map((line) => /^#?([A-Z_]+)=(.*)$/.exec(line)).filter((match) => match !== null);
    expect(entries.map((match) => match[1]).sort()).toEqual([...configVariables].sort());
    const env = Object.fromEntries(entries.map((match) => [match[1]!, match[2]!]));
    expect(() => loadConfig(env)).not.toThrow();
  });
});
