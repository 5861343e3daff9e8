import { spawnSync } from 'node:child_process';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { authenticate, newApiKey, requireRole, sha256, type ApiKey, type Role } from '../src/shared/auth.js';
import { projectRoot } from '../src/shared/paths.js';
import { startTestServer, type TestServer } from './helpers.js';

const VIEWER = '{ viewer { keyId role } }';

function key(keyId: string, role: Role, token: string): ApiKey {
  return { keyId, role, sha256: sha256(token) };
}

function configProblems(apiKeys: string): string[] {
  try {
    loadConfig({ API_KEYS: apiKeys });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

/** What a function throws, as a GraphQLError. */
function thrown(run: () => unknown): GraphQLError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return error as GraphQLError;
  }
  throw new Error('nothing was thrown');
}

describe('API_KEYS', () => {
  const hash = sha256('a token').toString('hex');
  const other = sha256('another token').toString('hex');

  test('is optional: no keys', () => {
    expect(loadConfig({}).apiKeys).toEqual([]);
  });

  test('parses keyId:role:sha256hex entries, skipping empty ones', () => {
    const { apiKeys } = loadConfig({ API_KEYS: `,ci-bot:editor:${hash}, ops_1:admin:${other.toUpperCase()} ,` });
    expect(apiKeys).toEqual([
      { keyId: 'ci-bot', role: 'editor', sha256: Buffer.from(hash, 'hex') },
      { keyId: 'ops_1', role: 'admin', sha256: Buffer.from(other, 'hex') },
    ]);
  });

  test('reports every invalid entry at once, by position, without echoing a hash', () => {
    const entries = [
      `ok:editor:${hash}`,
      `owner:superuser:${other}`, // 2: bad role
      `short:editor:${hash.slice(0, 40)}`, // 3: short hash
      `nothex:editor:${'z'.repeat(64)}`, // 4: not hex
      `ok:admin:${other}`, // 5: duplicate keyId
      `again:admin:${hash}`, // 6: duplicate hash
      `nohash:editor`, // 7: missing part
      `bad id!:editor:${other}`, // 8: bad keyId
    ];
    const problems = configProblems(entries.join(','));
    expect(problems).toEqual([
      expect.stringMatching(/^API_KEYS: entry 2: the role must be reader, editor or admin$/),
      expect.stringMatching(/^API_KEYS: entry 3: the hash must be .*found 40 characters$/),
      expect.stringMatching(/^API_KEYS: entry 4: the hash must be .*other than 0-9, a-f$/),
      expect.stringMatching(/^API_KEYS: entry 5: keyId ok is already used by entry 1$/),
      expect.stringMatching(/^API_KEYS: entry 6 .*same hash .* entry 1$/),
      expect.stringMatching(/^API_KEYS: entry 7: expected keyId:role:sha256hex/),
      expect.stringMatching(/^API_KEYS: entry 8: the keyId must be/),
    ]);
    const text = problems.join('\n');
    for (const secret of [hash, other, hash.slice(0, 40), 'z'.repeat(64)]) expect(text).not.toContain(secret);
  });

  test('problems with other variables are reported alongside', () => {
    expect(() => loadConfig({ PORT: 'eighty', API_KEYS: 'x:editor' })).toThrow(/PORT:[\s\S]*API_KEYS: entry 1/);
  });
});

describe('requireRole', () => {
  const ctx = (viewer: { keyId: string; role: Role } | null) => ({ viewer });

  test('an anonymous request is UNAUTHENTICATED, with a 401 and a Bearer challenge', () => {
    const error = thrown(() => requireRole(ctx(null), 'editor'));
    expect(error.message).toBe('this operation needs an API key: send Authorization: Bearer <key>');
    expect(error.extensions).toMatchObject({ code: 'UNAUTHENTICATED', http: { status: 401 } });
    expect((error.extensions.http as { headers: Map<string, string> }).headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  test('an editor key asking for admin is FORBIDDEN (403)', () => {
    const error = thrown(() => requireRole(ctx({ keyId: 'ci', role: 'editor' }), 'admin'));
    expect(error.message).toBe('key ci has role editor; this operation needs admin');
    expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', http: { status: 403 } });
  });

  test('admin satisfies editor, and each role satisfies itself', () => {
    expect(requireRole(ctx({ keyId: 'ops', role: 'admin' }), 'editor')).toEqual({ keyId: 'ops', role: 'admin' });
    expect(requireRole(ctx({ keyId: 'ops', role: 'admin' }), 'admin')).toEqual({ keyId: 'ops', role: 'admin' });
    expect(requireRole(ctx({ keyId: 'ci', role: 'editor' }), 'editor')).toEqual({ keyId: 'ci', role: 'editor' });
  });

  test('works on the request context, which is anonymous unless told otherwise', () => {
    const db = {} as Parameters<typeof createContext>[0];
    expect(createContext(db).viewer).toBeNull();
    expect(thrown(() => requireRole(createContext(db), 'editor')).extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('authenticate', () => {
  const keys = [key('ci', 'editor', 'dg_editor-token'), key('ops', 'admin', 'dg_admin-token')];

  test('no header is anonymous; a known token names its key, whatever the scheme’s case', () => {
    expect(authenticate(undefined, keys)).toBeNull();
    expect(authenticate('Bearer dg_admin-token', keys)).toEqual({ keyId: 'ops', role: 'admin' });
    expect(authenticate('bearer dg_editor-token', keys)).toEqual({ keyId: 'ci', role: 'editor' });
  });

  test.each(['', 'Bearer', 'Bearer ', 'Basic abc', 'Bearer two words', 'Bearer dg_editor-token!', `Bearer ${'a'.repeat(513)}`, 'dg_editor-token'])(
    'a malformed header (%j) is UNAUTHENTICATED',
    (header) => {
      expect(thrown(() => authenticate(header, keys)).extensions.code).toBe('UNAUTHENTICATED');
    },
  );

  test('an unknown token is UNAUTHENTICATED, and with no keys configured every token is', () => {
    expect(thrown(() => authenticate('Bearer dg_editor-token2', keys)).extensions.code).toBe('UNAUTHENTICATED');
    expect(thrown(() => authenticate('Bearer dg_editor-token', [])).extensions.code).toBe('UNAUTHENTICATED');
  });

  test('newApiKey makes a prefixed random token whose entry holds its hash', () => {
    const first = newApiKey('admin');
    expect(first.token).toMatch(/^dg_[A-Za-z0-9_-]{43}$/);
    expect(first.entry).toBe(`${first.keyId}:admin:${sha256(first.token).toString('hex')}`);
    expect(newApiKey('admin').token).not.toBe(first.token);
  });
});

describe('over HTTP', () => {
  const editorToken = newApiKey('editor').token;
  const adminToken = newApiKey('admin').token;
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ apiKeys: [key('ci', 'editor', editorToken), key('ops', 'admin', adminToken)] });
  });
  afterAll(() => server.close());

  test('viewer is null without an Authorization header, and reads stay public', async () => {
    expect(await server.query('{ viewer { keyId } countries { isoCode } }')).toMatchObject({ viewer: null, countries: expect.any(Array) });
  });

  test('viewer names the key of a valid editor or admin token', async () => {
    expect(await server.query(VIEWER, undefined, { token: editorToken })).toEqual({ viewer: { keyId: 'ci', role: 'EDITOR' } });
    expect(await server.query(VIEWER, undefined, { token: adminToken })).toEqual({ viewer: { keyId: 'ops', role: 'ADMIN' } });
  });

  test.each([
    ['a wrong token', `Bearer ${editorToken}x`],
    ['a Basic credential', 'Basic abc'],
    ['Bearer without a token', 'Bearer'],
  ])('%s is an HTTP 401 UNAUTHENTICATED with a Bearer challenge, and the server keeps answering', async (_, authorization) => {
    const response = await server.request(VIEWER, undefined, { authorization });
    expect(response.status).toBe(401);
    expect(response.headers!.get('www-authenticate')).toMatch(/^Bearer/);
    expect(response.errors).toEqual([{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }]);
    expect(response.data).toBeUndefined();
    expect(JSON.stringify(response)).not.toContain(editorToken);
    expect(await server.query(VIEWER, undefined, { token: editorToken })).toEqual({ viewer: { keyId: 'ci', role: 'EDITOR' } });
  });

  test('an empty Authorization header is a 401 on a cache hit too: the cache never answers what the service would refuse', async () => {
    const query = '{ viewer { keyId } delegations { totalCount } }';
    expect((await server.request(query)).status).toBe(200);
    expect((await server.request(query)).headers!.get('age')).not.toBeNull(); // kept for anonymous readers
    for (const authorization of ['', ' ']) {
      const response = await server.request(query, undefined, { authorization });
      expect([response.status, response.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
  });

  test.each(['bearer', 'BEARER', 'BeArEr'])('the scheme is case-insensitive (RFC 7235): %s works', async (scheme) => {
    expect(await server.query(VIEWER, undefined, { authorization: `${scheme} ${editorToken}` })).toEqual({ viewer: { keyId: 'ci', role: 'EDITOR' } });
  });
});

describe('npm run key:new', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/key-new.ts', ...args], { cwd: projectRoot, encoding: 'utf8' });

  test('prints a token and the API_KEYS entry that makes it authenticate', async () => {
    const result = run('editor');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/store it now.*cannot be shown again/i);
    const token = /^\s*(dg_\S+)$/m.exec(result.stdout)?.[1];
    const entry = /^\s*(\S+:editor:[0-9a-f]{64})$/m.exec(result.stdout)?.[1];
    expect(token).toBeDefined();
    expect(entry).toBeDefined();

    const { apiKeys } = loadConfig({ API_KEYS: entry });
    const server = await startTestServer({ seed: false, apiKeys });
    try {
      expect(await server.query(VIEWER, undefined, { token })).toEqual({ viewer: { keyId: entry!.split(':')[0], role: 'EDITOR' } });
    } finally {
      await server.close();
    }
  });

  test.each([{ args: [] }, { args: ['owner'] }, { args: ['editor', 'admin'] }])('with arguments $args prints its usage on stderr and exits 2', ({ args }) => {
    const result = run(...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^usage: npm run key:new -- reader\|editor\|admin/);
    expect(result.stdout).toBe('');
  });
});
