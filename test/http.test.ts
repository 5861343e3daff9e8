import { createHash } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ logs: true });
});
afterAll(() => server.close());

describe('HTTP', () => {
  test('a browser opening /graphql gets the explorer (GraphiQL, served by the service itself)', async () => {
    const response = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toMatch(/graphiql\.min\.js/);
  });

  test('the root redirects to /graphql', async () => {
    const response = await fetch(server.url.replace('/graphql', '/'), { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/graphql');
  });

  test('an unknown path is a 404 with a JSON body', async () => {
    const response = await fetch(server.url.replace('/graphql', '/nowhere'));
    expect(response.status).toBe(404);
    expect(((await response.json()) as any).errors[0].message).toMatch(/GraphQL is at \/graphql/);
  });

  test('a body that is not JSON is a 400 with a JSON error, and the server keeps answering', async () => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    expect((await server.query('{ countries { isoCode } }')).countries).toHaveLength(4);
  });

  test('a syntax error is a 400 with GRAPHQL_PARSE_FAILED', async () => {
    const response = await server.request('{ events { ');
    expect(response.status).toBe(400);
    expect(response.errors![0]!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  test('queries also work over GET, with the CSRF header', async () => {
    const url = `${server.url}?query=${encodeURIComponent('{ countries { isoCode } }')}`;
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).data.countries).toHaveLength(4);
  });
});

describe('a failure inside the server', () => {
  let broken: TestServer;
  beforeAll(async () => {
    broken = await startTestServer();
    // A real database fault: the events table disappears under the running server.
    await broken.db.$executeRawUnsafe('ALTER TABLE "Event" RENAME TO "EventGone"');
  });
  afterAll(() => broken.close());

  test('reaches the client as INTERNAL_SERVER_ERROR, with no stack trace and no SQL', async () => {
    const response = await broken.request('{ events { nodes { name } } }');
    expect(response.errors).toEqual([
      { message: 'Internal server error', locations: [{ line: 1, column: 3 }], path: ['events'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
    expect(JSON.stringify(response)).not.toMatch(/stacktrace|SELECT|Event`|prisma/i);
  });

  test('leaves the server answering other queries', async () => {
    expect((await broken.query('{ countries { isoCode } }')).countries).toHaveLength(4);
  });
});

/** Sends `chunks` on a connection of its own and resolves with all the server sent, once it closes the connection. */
function rawExchange(url: string, chunks: string[], options: { endAfterMs?: number } = {}): Promise<{ text: string; ms: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(Number(port), hostname, () => {
      for (const chunk of chunks) socket.write(chunk);
    });
    let text = '';
    socket.on('data', (data) => (text += data.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve({ text, ms: performance.now() - started }));
    if (options.endAfterMs !== undefined) setTimeout(() => socket.destroy(), options.endAfterMs);
  });
}

const status = (text: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
const jsonOf = (text: string) => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));

describe('what a GraphQL request may hold', () => {
  const post = (body: string, headers: Record<string, string> = {}) => fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  test('variables nested 5,000 levels deep are a 400 VARIABLES_TOO_DEEP, and the server carries on', async () => {
    const response = await post(`{"query":"{ __typename }","variables":{"x":${nested(5000)}}}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: 'variables nest lists and objects more than 100 levels deep', extensions: { code: 'VARIABLES_TOO_DEEP', maxDepth: 100 } }],
    });
    expect((await server.query('{ countries { isoCode } }')).countries).toHaveLength(4);
  });

  test('100 levels are served; 101 are refused; over GET and in extensions too', async () => {
    expect((await post(`{"query":"{ __typename }","variables":{"x":${nested(100)}}}`)).status).toBe(200);
    expect((await post(`{"query":"{ __typename }","variables":{"x":${nested(101)}}}`)).status).toBe(400);
    const get = await fetch(`${server.url}?query=${encodeURIComponent('{ __typename }')}&variables=${encodeURIComponent(`{"x":${nested(1000)}}`)}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect([get.status, ((await get.json()) as any).errors[0].extensions.code]).toEqual([400, 'VARIABLES_TOO_DEEP']);
    const extensions = await post(`{"query":"{ __typename }","extensions":{"x":${nested(3000)}}}`);
    expect([extensions.status, ((await extensions.json()) as any).errors[0].message]).toEqual([400, 'extensions nest lists and objects more than 100 levels deep']);
  });

  test('a subscription over HTTP is a 400 saying where subscriptions are served', async () => {
    const response = await post(JSON.stringify({ query: 'subscription { articleImported { slug } }' }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as any;
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].message).toBe('subscriptions are served over WebSocket (the graphql-ws protocol) at /graphql, not over HTTP');
  });

  const hashOf = (query: string) => createHash('sha256').update(query).digest('hex');
  const persisted = (persistedQuery: unknown, query?: string) => post(JSON.stringify({ query, extensions: { persistedQuery } }));

  test.each([
    ['version 2', { version: 2, sha256Hash: hashOf('{ __typename }') }, 'PERSISTED_QUERY_NOT_SUPPORTED', /version 2 is not supported/],
    ['no version', { sha256Hash: hashOf('{ __typename }') }, 'PERSISTED_QUERY_NOT_SUPPORTED', /version null is not supported/],
    ['a string version', { version: '1', sha256Hash: hashOf('{ __typename }') }, 'PERSISTED_QUERY_NOT_SUPPORTED', /version "1"/],
    ['not an object', true, 'BAD_REQUEST', /must be an object/],
    ['a hash that is not 64 hex digits', { version: 1, sha256Hash: 'abc' }, 'BAD_REQUEST', /64 hexadecimal digits/],
    ['no hash', { version: 1 }, 'BAD_REQUEST', /64 hexadecimal digits/],
  ])('a persisted query with %s is a 400 with its own code', async (_, persistedQuery, code, message) => {
    for (const query of [undefined, '{ __typename }']) {
      const response = await persisted(persistedQuery, query);
      expect(response.status).toBe(400);
      const error = ((await response.json()) as any).errors[0];
      expect(error.extensions.code).toBe(code);
      expect(error.message).toMatch(message);
    }
  });

  test('a query with a hash that is not its own is a 400 BAD_REQUEST saying so', async () => {
    const response = await persisted({ version: 1, sha256Hash: hashOf('{ countries { name } }') }, '{ __typename }');
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0]).toMatchObject({ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } });
  });

  test('an unknown hash is PERSISTED_QUERY_NOT_FOUND, as the protocol says (HTTP 200: clients then send the query)', async () => {
    const response = await persisted({ version: 1, sha256Hash: hashOf('{ countries { isoCode name } }') });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });
  });

  test('none of these refusals is logged as a failure of the service', async () => {
    expect(server.logs.filter((line) => line.level >= 50)).toEqual([]);
  });
});

describe('connections', () => {
  test('a 413 sent before the body was read closes the connection cleanly, and the next request is served', async () => {
    const { text } = await rawExchange(server.url, [`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200000\r\n\r\n{"query":`]);
    expect(status(text)).toBe(413);
    expect(text.toLowerCase()).toContain('\r\nconnection: close\r\n');
    // A kept-alive client (undici's pool) sends its next request on a fresh connection: 5 of 5 served.
    const big = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(150_000) } });
    for (let i = 0; i < 5; i++) {
      const refused = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
      expect([refused.status, refused.headers.get('connection')]).toEqual([413, 'close']);
      await refused.arrayBuffer();
      expect((await server.query('{ countries { isoCode } }')).countries).toHaveLength(4);
    }
  });

  test('a 404 to a POST whose body was not read closes the connection too', async () => {
    const { text } = await rawExchange(server.url, ['POST /elsewhere HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"a":']);
    expect(status(text)).toBe(404);
    expect(text.toLowerCase()).toContain('\r\nconnection: close\r\n');
  });

  describe('slow and greedy clients', () => {
    let strict: TestServer;
    beforeAll(async () => {
      strict = await startTestServer({ logs: true, settings: { headersTimeoutMs: 1000, requestTimeoutMs: 2000 } });
    });
    afterAll(() => strict.close());

    test('headers not finished within headersTimeoutMs get a 408 and the connection closes', async () => {
      const { text, ms } = await rawExchange(strict.url, ['POST /graphql HTTP/1.1\r\nHost: x\r\n']);
      expect(status(text)).toBe(408);
      expect(ms).toBeGreaterThanOrEqual(900);
      expect(ms).toBeLessThan(5000);
    });

    test('a body not finished within requestTimeoutMs gets a 408 and the connection closes', async () => {
      const { text, ms } = await rawExchange(strict.url, ['POST /graphql HTTP/1.1\r\nHost: x\r\nX-Request-Id: slow-body-1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query"']);
      expect(status(text)).toBe(408);
      expect(ms).toBeGreaterThanOrEqual(1900);
      expect(ms).toBeLessThan(6000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(strict.logs.filter((line) => line.requestId === 'slow-body-1')).toEqual([expect.objectContaining({ level: 30, status: 408, outcome: 'REQUEST_TIMEOUT' })]);
    });

    test('a client holding maxConnectionsPerClient connections gets 429 TOO_MANY_CONNECTIONS on the next; closing one frees a place', async () => {
      const greedy = await startTestServer({ settings: { maxConnectionsPerClient: 3 } });
      try {
        const { hostname, port } = new URL(greedy.url);
        const open = await Promise.all(
          [1, 2, 3].map(() => new Promise<Socket>((resolve) => {
            const socket = connect(Number(port), hostname, () => resolve(socket));
          })),
        );
        await new Promise((resolve) => setTimeout(resolve, 50));
        const refused = await rawExchange(greedy.url, ['GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n']);
        expect(status(refused.text)).toBe(429);
        expect(refused.text.toLowerCase()).toContain('\r\nconnection: close\r\n');
        expect(jsonOf(refused.text).errors[0].extensions.code).toBe('TOO_MANY_CONNECTIONS');
        open[0]!.destroy();
        await new Promise((resolve) => setTimeout(resolve, 50));
        const served = await rawExchange(greedy.url, ['GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
        expect(status(served.text)).toBe(200);
        expect(served.text).toMatch(/delegation_graph_http_connections_refused_total 1\n/);
        for (const socket of open) socket.destroy();
      } finally {
        await greedy.close();
      }
    });

    test('a client that aborts its upload leaves one info line, not an error with a stack', async () => {
      const { text } = await rawExchange(
        strict.url,
        ['POST /graphql HTTP/1.1\r\nHost: x\r\nX-Request-Id: aborted-upload-1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":'],
        { endAfterMs: 100 },
      );
      expect(text).toBe('');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const lines = strict.logs.filter((line) => line.requestId === 'aborted-upload-1');
      expect(lines).toEqual([expect.objectContaining({ level: 30, msg: 'request', status: 0, outcome: 'CLIENT_CLOSED_REQUEST' })]);
      expect(strict.logs.filter((line) => line.level >= 50)).toEqual([]);
    });
  });
});
