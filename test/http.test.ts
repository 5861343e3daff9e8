import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
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
