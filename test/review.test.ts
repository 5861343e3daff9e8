import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../src/shared/auth.js';
import { seedDir } from '../src/shared/paths.js';
import { rawGetUrl, startTestServer, type TestServer } from './helpers.js';

// The evidence review page at /review: served offline under a strict CSP, and driven in Debian's Chromium
// through a draft, a review (an edit, a rejection) and an import, with every request outside the server blocked.
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`review.test.ts: ${CHROMIUM} is missing, the browser tests are skipped (apt-get install -y chromium)`);

const EDITOR = 'dg_review-editor';
const RENAMED = 'Business promotion in Tashkent (renamed in review)';
const DRAFT_TITLE = 'Liaocheng delegation visits Tashkent';
const DRAFT_BODY = [
  'Liaocheng delegation visits Tashkent',
  '',
  'A delegation from Liaocheng, China, visited Tashkent, Uzbekistan, from May 6 to 9, 2024.',
  'On May 7 the delegation attended the Tashkent International Investment Forum.',
  'Two companies from Liaocheng signed cooperation agreements with Uzbek enterprises.',
].join('\n');
const DRAFT_RENAMED = 'Investment forum in Tashkent (named in review)';
const SEED_SLUG = 'liaocheng-delegation-visits-central-asia';
const seedDocument = () => JSON.parse(readFileSync(path.join(seedDir, `${SEED_SLUG}.json`), 'utf8'));

let server: TestServer;
let origin: string;
let reviewUrl: string;

beforeAll(async () => {
  server = await startTestServer({ apiKeys: [{ keyId: 'ed', role: 'editor', sha256: sha256(EDITOR) }] });
  origin = new URL(server.url).origin;
  reviewUrl = `${origin}/review`;
});
afterAll(() => server?.close());

/** The page's HTML and the URLs its `src`/`href` attributes name. */
async function reviewPage(url = reviewUrl) {
  const response = await fetch(url);
  const html = await response.text();
  const refs = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]!).filter((ref) => !ref.startsWith('data:'));
  return { response, html, refs };
}

/** A raw GET, so the path reaches the server exactly as written (fetch would normalize `..`). */
const rawGet = (pathname: string) => rawGetUrl(`${origin}${pathname}`);

describe('the /review page and its assets', () => {
  it('is an HTML page with a strict CSP that loads only same-origin, versioned assets', async () => {
    const { response, html, refs } = await reviewPage();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toMatch(/^default-src 'none'; script-src 'self';/);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toMatch(/; frame-ancestors 'none'$/);
    // The same policy in the page (less frame-ancestors, which a meta element cannot set).
    expect(html).toContain(`content="${csp.replace("; frame-ancestors 'none'", '')}"`);
    // No absolute or protocol-relative URL, and no inline script.
    expect(html).not.toMatch(/https?:|\/\//);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(refs).toHaveLength(2);
    for (const ref of refs) {
      expect(ref).toMatch(/^review\/[0-9a-f]{12}\/review\.(js|css)$/);
      expect(new URL(ref, reviewUrl).origin).toBe(origin);
    }
  });

  it('serves each asset with its type, compressed when accepted, cached for a year; HEAD and 304 too', async () => {
    const { refs } = await reviewPage();
    for (const ref of refs) {
      const url = new URL(ref, reviewUrl);
      const type = ref.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8';
      const plain = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
      const bytes = Buffer.from(await plain.arrayBuffer());
      expect(plain.status).toBe(200);
      expect(plain.headers.get('content-type')).toBe(type);
      expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(bytes.equals(readFileSync(path.join('src/modules/review/page', path.basename(ref))))).toBe(true);
      for (const encoding of ['gzip', 'br'] as const) {
        const response = await fetch(url, { headers: { 'accept-encoding': encoding } });
        expect(response.headers.get('content-encoding')).toBe(encoding);
        expect(Number(response.headers.get('content-length'))).toBeLessThan(bytes.length);
        expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
      }
      const again = await fetch(url, { headers: { 'accept-encoding': 'identity', 'if-none-match': plain.headers.get('etag')! } });
      expect(again.status).toBe(304);
      const head = await fetch(url, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
    }
    expect((await fetch(reviewUrl, { method: 'HEAD' })).headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('refuses unknown assets with 404 JSON and other methods with 405; /review/ redirects to the page', async () => {
    const { refs } = await reviewPage();
    const base = new URL(refs[0]!, reviewUrl).pathname.replace(/[^/]+$/, '');
    for (const pathname of [`${base}nope.js`, `${base}review.js.map`, '/review/000000000000/review.js', '/review/review.js', `${base}..%2F..%2Fpackage.json`, `${base}__proto__`]) {
      const response = await rawGet(pathname);
      expect(response.status, pathname).toBe(404);
      expect(JSON.parse(response.body).errors[0].extensions.code, pathname).toBe('NOT_FOUND');
    }
    expect((await rawGet('/reviewer')).body).not.toContain('review page');
    for (const url of [reviewUrl, new URL(refs[0]!, reviewUrl)]) {
      const post = await fetch(url, { method: 'POST', body: '' });
      expect(post.status).toBe(405);
      expect(post.headers.get('allow')).toBe('GET, HEAD');
      expect(((await post.json()) as any).errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED');
    }
    const slash = await fetch(`${origin}/review/?article=x`, { redirect: 'manual' });
    expect(slash.status).toBe(301);
    expect(new URL(slash.headers.get('location')!, `${origin}/review/`).href).toBe(`${origin}/review?article=x`);
  });

  it('is served when the explorer is off: it is a page of its own', async () => {
    const off = await startTestServer({ seed: false, settings: { explorer: 'off' } });
    try {
      const response = await fetch(new URL('/review', off.url));
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('review.js');
    } finally {
      await off.close();
    }
  });
});

describe.skipIf(!hasChromium && !process.env.CI)(`the review page in headless Chromium, all other origins blocked${hasChromium ? '' : ` (SKIPPED: ${CHROMIUM} is missing)`}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 30_000);
  afterAll(() => browser?.close());

  /** A page whose requests outside the server are blocked and recorded, as are console errors. */
  async function openPage(url: string) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const blocked: string[] = [];
    const served: string[] = [];
    const problems: string[] = [];
    await page.route('**/*', (route) => {
      const requested = new URL(route.request().url());
      if (requested.origin !== origin) {
        blocked.push(requested.href);
        return route.abort('blockedbyclient');
      }
      served.push(`${route.request().method()} ${requested.pathname}`);
      return route.continue();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(url);
    const done = async () => {
      expect(blocked).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    };
    return { page, served, done };
  }

  const highlights = (page: Page) => page.locator('#text .seg.hl');

  it('shows a stored article with all its evidence highlighted; a click on a quote lists the records citing it', async () => {
    const { articles } = await server.query(`{ articles { nodes { id slug } } }`);
    const seed = articles.nodes.find((a: any) => a.slug === SEED_SLUG);
    const { page, served, done } = await openPage(`${reviewUrl}?article=${encodeURIComponent(seed.id)}`);
    await highlights(page).first().waitFor({ timeout: 10_000 });
    expect(await highlights(page).count()).toBeGreaterThan(10);
    await expect.poll(() => page.locator('#status').innerText()).toMatch(/quotes, read-only/);
    expect(await page.locator('#doc-title').innerText()).toBe('Liaocheng delegation visits Central Asia');
    // Every record type of the seed is listed, each record once.
    const groups = await page.locator('#records .group h3').allInnerTexts();
    expect(groups.join(' | ')).toMatch(/COUNTRIES[\s\S]*CITIES[\s\S]*DELEGATIONS[\s\S]*EVENTS/i);

    await page.locator('#text .seg.hl', { hasText: 'Samarkand' }).first().click();
    const citing = page.locator('#cited-by button.record');
    await citing.first().waitFor();
    expect(await citing.count()).toBeGreaterThan(0);
    expect((await citing.allInnerTexts()).join('\n')).toMatch(/City: Samarkand/);
    // Choosing a citing record emphasizes its quotes and shows its fields.
    await citing.filter({ hasText: 'City: Samarkand' }).click();
    await expect.poll(() => page.locator('#text .seg.em').count()).toBeGreaterThan(0);
    expect(await page.locator('#record-panel pre.json').innerText()).toContain('"name": "Samarkand"');
    // The stored view is read-only: no import, no editor.
    expect(await page.locator('#import').isVisible()).toBe(false);
    expect(await page.locator('#record-json').count()).toBe(0);

    expect(served.filter((entry) => entry.startsWith('GET /review/'))).toHaveLength(2);
    expect(served).toContain('POST /graphql');
    await done();

    // By slug, too.
    const bySlug = await openPage(`${reviewUrl}?article=${SEED_SLUG}`);
    await highlights(bySlug.page).first().waitFor({ timeout: 10_000 });
    await bySlug.done();
  });

  it('renders highlights with real colours: a screenshot of the highlighted page', async () => {
    const { page, done } = await openPage(`${reviewUrl}?article=${SEED_SLUG}`);
    await highlights(page).first().waitFor({ timeout: 10_000 });
    const colours = await highlights(page).evaluateAll((els) => els.slice(0, 20).map((el) => (globalThis as any).getComputedStyle(el).backgroundColor));
    for (const colour of colours) expect(colour).not.toMatch(/^(transparent|rgba\(0, 0, 0, 0\))$/);
    // Types differ in colour: cities are not events.
    const colourOf = (type: string) => page.locator(`#text .seg.hl.t-${type}`).first().evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundColor);
    expect(await colourOf('cities')).not.toBe(await colourOf('events'));

    const file = path.join(server.dir, 'review-stored.png');
    await page.screenshot({ path: file, fullPage: true });
    const png = readFileSync(file);
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(statSync(file).size).toBeGreaterThan(30_000);
    await done();
  });

  it('drafts a pasted article, highlights its quotes, and imports it with an edit and a rejection', async () => {
    const { page, done } = await openPage(reviewUrl);
    await page.locator('#key').fill(EDITOR);
    await page.locator('#draft-title').fill(DRAFT_TITLE);
    await page.locator('#draft-body').fill(DRAFT_BODY);
    await page.locator('#draft-date').fill('2024-05-12');
    await page.locator('#draft-button').click();
    await expect.poll(() => page.locator('#status').innerText(), { timeout: 15_000 }).toMatch(/^(Drafted|Drafting failed|The draft was refused)/);
    expect(await page.locator('#status').innerText()).toMatch(/^Drafted: \d+ records/);
    expect(await highlights(page).count()).toBeGreaterThan(0);
    expect(await page.locator('#doc-title').innerText()).toBe(DRAFT_TITLE);

    // Edit the first event: a name of the editor's own (so no longer quoted).
    const event = page.locator('#records button[data-record^="events:"]').first();
    await event.click();
    await expect.poll(() => page.locator('#text .seg.em').count()).toBeGreaterThan(0);
    const edited = JSON.parse(await page.locator('#record-json').inputValue());
    Object.assign(edited, { name: DRAFT_RENAMED, nameIsQuoted: false });
    await page.locator('#record-json').fill(JSON.stringify(edited));
    await page.locator('#record-apply').click();
    expect(await event.innerText()).toContain(DRAFT_RENAMED);
    // Reject the city of Tashkent: the event keeps its quotes, without a city.
    await page.locator('#records button[data-record^="cities:"]', { hasText: 'Tashkent' }).click();
    await page.locator('#record-panel input[name="decision"][value="reject"]').check();
    await expect.poll(() => page.locator('#summary').innerText()).toMatch(/ 1 rejected /);

    await page.locator('#import').click();
    await expect.poll(() => page.locator('#status').innerText(), { timeout: 15_000 }).toMatch(/^(Imported|The import)/);
    expect(await page.locator('#status').innerText(), await page.locator('#errors-panel').innerText()).toMatch(/^Imported: CREATED/);
    const id = decodeURIComponent((await page.locator('#imported-link').getAttribute('href'))!.replace(/^review\?article=/, ''));
    const { article } = await server.query(`query($id: ID) { article(id: $id) { title evidence { record { __typename
      ... on Event { name nameIsQuoted city { name } } ... on City { name } } } } }`, { id });
    expect(article.title).toBe(DRAFT_TITLE);
    const records = article.evidence.map((e: any) => e.record);
    expect(records).toContainEqual(expect.objectContaining({ __typename: 'Event', name: DRAFT_RENAMED, nameIsQuoted: false }));
    expect(records.filter((r: any) => r.__typename === 'City').map((r: any) => r.name)).not.toContain('Tashkent');
    expect(records.filter((r: any) => r.__typename === 'Event').map((r: any) => r.city?.name)).not.toContain('Tashkent');
    await done();
  });

  it('opens a document, rejects and edits records, maps an import\'s userErrors back onto them, and imports once fixed', async () => {
    // The seed as a new article (its own slug and URL), one quote's offsets off by one.
    const doc = seedDocument();
    Object.assign(doc.article, { slug: 'review-test-copy', url: null, title: 'Review test copy' });
    const broken = doc.events[2].evidence[0];
    broken.start += 1;
    broken.end += 1;
    const { page, done } = await openPage(reviewUrl);
    await page.locator('#doc-text').fill(JSON.stringify(doc));
    await page.locator('#doc-open').click();
    await highlights(page).first().waitFor();

    // Reject Bishkek: the event held there keeps its quotes but loses its cityKey.
    await page.locator('#records button[data-record="cities:4"]').click();
    await page.locator('#record-panel input[name="decision"][value="reject"]').check();
    await expect.poll(() => page.locator('#summary').innerText()).toMatch(/1 rejected · 0 rejected with them · 1 references dropped/);
    expect(await page.locator('#records button[data-record="cities:4"]').getAttribute('class')).toContain('rejected');
    expect(await page.locator('#text .seg.rej', { hasText: 'Bishkek' }).count()).toBeGreaterThan(0);
    // Rename an event whose name is not quoted.
    await page.locator('#records button[data-record="events:2"]').click();
    await page.locator('#record-panel input[data-field="name"]').fill(RENAMED);
    expect(await page.locator('#records button[data-record="events:2"]').innerText()).toContain(RENAMED);

    // The download is the document as it would be imported.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
    expect(download.suggestedFilename()).toBe('review-test-copy.json');
    const saved = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(saved.cities.map((c: any) => c.key)).toEqual(['liaocheng', 'astana', 'samarkand', 'tashkent']);
    expect(saved.events[5]).toMatchObject({ key: 'bishkek-shandong-kyrgyz-company-meeting', cityKey: null, countryCode: 'KG' });
    expect(saved.events[2].name).toBe(RENAMED);

    await page.locator('#key').fill(EDITOR);
    // The key lives in this tab's sessionStorage only.
    expect(await page.evaluate(() => [(globalThis as any).sessionStorage.getItem('delegation-graph.review.key'), (globalThis as any).localStorage.length])).toEqual([EDITOR, 0]);
    await page.locator('#import').click();
    await expect.poll(() => page.locator('#status').innerText()).toMatch(/refused: 1 problem/);
    // Marked in the list (events[2]), in the text (its first quote), and in the problems panel.
    const eventButton = page.locator('#records button[data-record="events:2"]');
    expect(await eventButton.getAttribute('class')).toContain('has-error');
    expect(await page.locator('#text .seg.err').count()).toBeGreaterThan(0);
    expect(await page.locator('#errors-panel').innerText()).toMatch(/quote 1 · QUOTE_MISMATCH/);
    expect(await page.locator('#record-panel .error').first().innerText()).toMatch(/QUOTE_MISMATCH at evidence\.0\.quote/);
    // Fixed in the record's JSON (the rename is in it already), then imported.
    const record = JSON.parse(await page.locator('#record-json').inputValue());
    expect(record.name).toBe(RENAMED);
    record.evidence[0].start -= 1;
    record.evidence[0].end -= 1;
    await page.locator('#record-json').fill(JSON.stringify(record));
    await page.locator('#record-apply').click();
    await page.locator('#import').click();
    await page.locator('#imported-link').waitFor();
    expect(await page.locator('#status').innerText()).toMatch(/Imported: CREATED/);
    expect(await page.locator('#text .seg.err').count()).toBe(0);

    // Read back through the API: the edit and the rejection took effect.
    const { article } = await server.query(`{ article(slug: "review-test-copy") { id evidence { record { __typename
      ... on Event { name city { name } } ... on City { name } } } } }`);
    expect(await page.locator('#imported-link').getAttribute('href')).toBe(`review?article=${encodeURIComponent(article.id)}`);
    const records = article.evidence.map((e: any) => e.record);
    expect(records).toContainEqual({ __typename: 'Event', name: RENAMED, city: { name: 'Tashkent' } });
    expect(records).toContainEqual({ __typename: 'Event', name: doc.events[5].name, city: null });
    expect(records.filter((r: any) => r.__typename === 'City').map((r: any) => r.name)).not.toContain('Bishkek');
    await done();
  });
});
