import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExplorer, type ExplorerMode } from '../src/modules/explorer/explorer.js';
import { sha256 } from '../src/shared/auth.js';
import { rawGetUrl, startTestServer, type TestServer } from './helpers.js';
import { activeSubscriptions, commitEventEdit } from './live-client.js';

const READER = 'dg_explorer-reader';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`explorer.test.ts: ${CHROMIUM} is missing, the browser test is skipped (apt-get install -y chromium)`);

const packageFile = (pkg: string, file: string) =>
  readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), file));

let server: TestServer;
let origin: string;

beforeAll(async () => {
  server = await startTestServer({ apiKeys: [{ keyId: 'rd', role: 'reader', sha256: sha256(READER) }] });
  origin = new URL(server.url).origin;
});
afterAll(() => server?.close());

/** The landing page a browser gets at /graphql, and the URLs its `src`/`href` attributes name. */
async function landingPage() {
  const response = await fetch(server.url, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
  const html = await response.text();
  const refs = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
  return { response, html, refs };
}

/** A raw GET, so the path reaches the server exactly as written (fetch would normalize `..`). */
const rawGet = (pathname: string) => rawGetUrl(`${origin}${pathname}`);

describe('GraphiQL landing page and assets (EXPLORER=graphiql, the default)', () => {
  it('serves an HTML page for browsers at /graphql that loads only same-origin assets', async () => {
    const { response, html, refs } = await landingPage();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('graphiql.min.js');
    // No absolute or protocol-relative URL at all: nothing can point at a CDN or another host.
    expect(html).not.toMatch(/https?:|\/\//);
    const scriptsAndStyles = refs.filter((ref) => !ref.startsWith('data:'));
    expect(scriptsAndStyles).toHaveLength(5);
    for (const ref of scriptsAndStyles) expect(new URL(ref, server.url).origin).toBe(origin);
    // The page forbids loading from anywhere else, as a second line of defence.
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'; script-src 'self';/);
  });

  it('serves each asset with its content type, gzip or brotli when accepted, and a long cache for the versioned URL', async () => {
    const { refs } = await landingPage();
    const assets = refs.filter((ref) => !ref.startsWith('data:')).map((ref) => new URL(ref, server.url));
    const expected: Record<string, [string, Buffer | undefined]> = {
      'graphiql.min.css': ['text/css; charset=utf-8', packageFile('graphiql', 'graphiql.min.css')],
      'graphiql.min.js': ['text/javascript; charset=utf-8', packageFile('graphiql', 'graphiql.min.js')],
      'react.production.min.js': ['text/javascript; charset=utf-8', packageFile('react', 'umd/react.production.min.js')],
      'react-dom.production.min.js': ['text/javascript; charset=utf-8', packageFile('react-dom', 'umd/react-dom.production.min.js')],
      'start.js': ['text/javascript; charset=utf-8', undefined],
    };
    expect(assets.map((url) => path.basename(url.pathname)).sort()).toEqual(Object.keys(expected).sort());
    const version = JSON.parse(packageFile('graphiql', 'package.json').toString()).version as string;

    for (const url of assets) {
      expect(url.pathname).toMatch(new RegExp(`^/explorer/graphiql-${version.replaceAll('.', '\\.')}-[0-9a-f]+/[a-z.-]+$`));
      const [contentType, bytes] = expected[path.basename(url.pathname)]!;
      for (const encoding of ['gzip', 'br'] as const) {
        // fetch decompresses the body: equal bytes prove the encoding is what the header says.
        const response = await fetch(url, { headers: { 'accept-encoding': encoding } });
        expect(response.status, url.pathname).toBe(200);
        expect(response.headers.get('content-type')).toBe(contentType);
        expect(response.headers.get('content-encoding')).toBe(encoding);
        expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        expect(response.headers.get('vary')).toBe('accept-encoding');
        const body = Buffer.from(await response.arrayBuffer());
        if (bytes) expect(body.equals(bytes), url.pathname).toBe(true);
        else expect(body.toString()).toContain('GraphiQL.createFetcher');
        expect(Number(response.headers.get('content-length'))).toBeLessThan(body.length);
      }
      const plain = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers.get('content-encoding')).toBeNull();
      const plainBody = Buffer.from(await plain.arrayBuffer());
      expect(Number(plain.headers.get('content-length'))).toBe(plainBody.length);
      if (bytes) expect(plainBody.equals(bytes)).toBe(true);
    }
  });

  it('answers a repeated request with 304 by ETag, and HEAD without a body', async () => {
    const { refs } = await landingPage();
    const url = new URL(refs.find((ref) => ref.endsWith('graphiql.min.js'))!, server.url);
    const first = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
    await first.arrayBuffer();
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+-gzip"$/);
    const again = await fetch(url, { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // Another encoding is another representation: no 304 for it.
    const other = await fetch(url, { headers: { 'accept-encoding': 'identity', 'if-none-match': etag! } });
    expect(other.status).toBe(200);
    await other.arrayBuffer();

    const head = await fetch(url, { method: 'HEAD', headers: { 'accept-encoding': 'gzip' } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(head.headers.get('content-length')).toBe(first.headers.get('content-length'));
    expect(await head.text()).toBe('');
  });

  it('refuses unknown asset paths, other methods and path traversal with JSON errors', async () => {
    const { refs } = await landingPage();
    const base = new URL(refs.find((ref) => ref.endsWith('start.js'))!, server.url).pathname.replace(/start\.js$/, '');
    for (const pathname of [
      `${base}nope.js`,
      `${base}graphiql.min.js.map`,
      '/explorer/graphiql-0.0.0-0000000000/graphiql.min.js',
      '/explorer/graphiql.min.js',
      `${base}..%2F..%2Fpackage.json`,
      `${base}%2e%2e/%2e%2e/%2e%2e/package.json`,
      `${base}__proto__`,
    ]) {
      const response = await rawGet(pathname);
      expect(response.status, pathname).toBe(404);
      expect(JSON.parse(response.body).errors[0].extensions.code, pathname).toBe('NOT_FOUND');
    }
    // fetch and the URL parser resolve `..` before the explorer sees it; outside /explorer/ the server routes it.
    expect((await rawGet(`${base}../../../package.json`)).status).toBe(404);
    expect((await rawGet(`${base}../../../package.json`)).body).not.toContain('delegation-graph');

    const post = await fetch(new URL(`${base}graphiql.min.js`, origin), { method: 'POST', body: '' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(((await post.json()) as any).errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('leaves GraphQL itself alone: a JSON POST to /graphql still answers', async () => {
    const data = await server.query('{ delegations { totalCount } }');
    expect(data).toEqual({ delegations: { totalCount: 2 } });
  });
});

describe('other explorer modes', () => {
  /** What Apollo answers a browser's GET /graphql with, given only the explorer's plugin. */
  async function browserGet(mode: ExplorerMode) {
    const apollo = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }', plugins: [createExplorer(mode).plugin] });
    await apollo.start();
    try {
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'GET', headers: new HeaderMap([['accept', 'text/html']]), search: '', body: undefined },
        context: async () => ({}),
      });
      return { status: response.status ?? 200, type: response.headers.get('content-type'), body: response.body.kind === 'complete' ? response.body.string : '' };
    } finally {
      await apollo.stop();
    }
  }

  it("'apollo' renders Apollo's embedded Sandbox, which loads from Apollo's CDN", async () => {
    const page = await browserGet('apollo');
    expect(page.type).toBe('text/html');
    expect(page.body).toMatch(/<script[^>]+src="https:\/\/[a-z-]+\.cdn\.apollographql\.com\//);
  });

  it("'off' renders no page", async () => {
    const page = await browserGet('off');
    expect(page.type).not.toBe('text/html');
    expect(page.status).toBe(400);
    expect(page.body).not.toContain('<html');
  });

  it("'graphiql' renders the same-origin page; only it serves assets", async () => {
    const page = await browserGet('graphiql');
    expect(page.type).toBe('text/html');
    expect(page.body).toContain('src="explorer/graphiql-');
    const fakeRequest = {} as never;
    const fakeResponse = {} as never;
    for (const mode of ['apollo', 'off', 'graphiql'] as const) {
      expect(await createExplorer(mode).handle(fakeRequest, fakeResponse, new URL('http://localhost/graphql'))).toBe(false);
    }
    expect(await createExplorer('apollo').handle(fakeRequest, fakeResponse, new URL('http://localhost/explorer/x/graphiql.min.js'))).toBe(false);
  });
});

describe.skipIf(!hasChromium && !process.env.CI)(`GraphiQL in headless Chromium, all other origins blocked${hasChromium ? '' : ` (SKIPPED: ${CHROMIUM} is missing; apt-get install -y chromium)`}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 30_000);
  afterAll(() => browser?.close());

  it('renders, introspects and runs a query from the page, with no request leaving the origin', async () => {
    const page = await browser.newPage();
    const blocked: string[] = [];
    const served: string[] = [];
    const problems: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin !== origin) {
        blocked.push(url);
        return route.abort('blockedbyclient');
      }
      served.push(`${route.request().method()} ${new URL(url).pathname}`);
      return route.continue();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

    // A navigation sends Accept: text/html..., so Apollo renders the landing page.
    const response = await page.goto(server.url);
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);

    const editor = page.locator('.graphiql-query-editor .CodeMirror');
    await editor.waitFor({ timeout: 15_000 }).catch((error: Error) => {
      throw new Error(`GraphiQL did not render (${error.message})\nblocked: ${JSON.stringify(blocked)}\nproblems: ${JSON.stringify(problems)}`);
    });
    // The Docs pane needs the schema: wait for introspection to finish by opening it and finding the Query type.
    await page.getByRole('button', { name: /documentation explorer/i }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor({ timeout: 15_000 });

    const query = '{ delegations { totalCount nodes { name } } }';
    await editor.evaluate((element, value) => (element as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(value), query);
    await page.getByRole('button', { name: /execute query/i }).click();

    const result = page.locator('.result-window');
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain('"totalCount": 2');
    expect(await result.innerText()).toContain('Liaocheng delegation');

    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);
    // The page, its five assets, and GraphQL POSTs (introspection, then the query) all went to this server.
    expect(served).toEqual(expect.arrayContaining(['GET /graphql', 'POST /graphql']));
    expect(served.filter((entry) => entry.startsWith('GET /explorer/'))).toHaveLength(5);
    await page.close();
  }, 60_000);

  it('runs a subscription over WebSocket, with the key from its Headers tab, and shows each change', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    // GraphiQL starts with the document and headers it kept (the editor's and the Headers tab's last content):
    // a document typed in is parsed a moment later, and GraphiQL sends what it parsed last.
    await page.addInitScript(
      ([token, query]) => {
        const storage = (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }).localStorage;
        storage.setItem('graphiql:headers', JSON.stringify({ authorization: `Bearer ${token}` }));
        storage.setItem('graphiql:query', query!);
      },
      [READER, 'subscription { recordChanged(filter: { types: [Event] }) { action type id version } }'],
    );
    await page.goto(server.url);
    const editor = page.locator('.graphiql-query-editor .CodeMirror');
    await editor.waitFor({ timeout: 15_000 });
    // As above: the schema is loaded (introspection done) before the document is written and run.
    await page.getByRole('button', { name: /documentation explorer/i }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor({ timeout: 15_000 });
    expect(await editor.evaluate((element) => (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue())).toMatch(/^subscription/);
    await page.getByRole('button', { name: /execute query/i }).click();
    await expect.poll(() => activeSubscriptions(server.url), { timeout: 15_000 }).toBe(1);
    const event = await commitEventEdit(server.db);
    const result = page.locator('.result-window');
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain('"recordChanged"');
    expect(await result.innerText()).toContain(`"version": ${event.version}`);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
