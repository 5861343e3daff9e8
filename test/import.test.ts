import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedDocuments } from '../src/modules/import/seed.js';
import { documentJsonSchema } from '../src/modules/import/document-json-schema.js';
import { importDocument } from '../src/modules/import/import.service.js';
import { sha256 } from '../src/shared/auth.js';
import { projectRoot } from '../src/shared/paths.js';
import { secondArticle, secondArticleSlug } from './fixtures/second-article.js';
import { openTestDatabase, snapshot, startTestServer, type TestServer } from './helpers.js';

// The editorial write path: documents in through the API and the CLI, validated, atomic, audited.
const EDITOR = 'dg_editor-token-for-tests';
const ADMIN = 'dg_admin-token-for-tests';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    apiKeys: [
      { keyId: 'editor1', role: 'editor', sha256: sha256(EDITOR) },
      { keyId: 'admin1', role: 'admin', sha256: sha256(ADMIN) },
    ],
  });
});
afterAll(() => server.close());

const IMPORT = `mutation Import($input: ArticleDocumentInput!) {
  articleImport(input: $input) {
    article { id slug title }
    status
    changes { entity created updated deleted }
    userErrors { path message code }
  }
}`;
const importAs = (input: unknown, token: string | null = EDITOR) => server.request(IMPORT, { input }, token === null ? {} : { token });

async function imported(input: unknown) {
  const response = await importAs(input);
  expect(response.errors).toBeUndefined();
  return response.data!.articleImport;
}

describe('articleImport', () => {
  test('needs a key: without one nothing is written and the error is UNAUTHENTICATED', async () => {
    const before = await snapshot(server.db);
    const response = await importAs(secondArticle(), null);
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await importAs(secondArticle(), 'dg_not-a-key');
    expect(wrong.status).toBe(401);
    expect(await snapshot(server.db)).toEqual(before);
  });

  test('a second article appears in every list, filter, aggregate and search, sharing places', async () => {
    const result = await imported(secondArticle());
    expect(result).toMatchObject({ status: 'CREATED', article: { slug: secondArticleSlug }, userErrors: [] });
    expect(result.changes).toContainEqual({ entity: 'events', created: 2, updated: 0, deleted: 0 });

    const data = await server.query(`{
      articles { totalCount }
      delegations(filter: { countryCode: "DE" }) { nodes { name countriesVisited { isoCode } } }
      events(filter: { countryCode: "DE" }) { nodes { name city { name } } }
      agreements(filter: { countryCode: "DE" }) { nodes { title parties { organization { name } } } }
      images(filter: { countryCode: "KZ" }) { totalCount }
      organizations(filter: { countryCode: "DE" }) { nodes { name } }
      countries { isoCode }
      kz: cities(countryCode: "KZ") { name }
      stats { agreementsByCountry { country { isoCode } count } eventsByMonth { month count } }
      search(query: "Getranke") { totalCount }
    }`);
    expect(data.articles.totalCount).toBe(2);
    expect(data.delegations.nodes).toEqual([{ name: 'Jinan trade delegation', countriesVisited: [{ isoCode: 'DE' }, { isoCode: 'KZ' }] }]);
    expect(data.events.nodes).toEqual([{ name: 'Shandong–North Rhine-Westphalia Investment Forum', city: { name: 'Düsseldorf' } }]);
    expect(data.agreements.nodes[0].parties.map((p: any) => p.organization.name)).toEqual(['Jinan Quancheng Beverage Co', 'Rhein Getränke GmbH']);
    expect(data.images.totalCount).toBe(1);
    expect(data.organizations.nodes).toEqual([{ name: 'Rhein Getränke GmbH' }]);
    // Shared places are matched, not duplicated: one China, one Kazakhstan, one Astana.
    expect(data.countries.map((c: any) => c.isoCode).sort()).toEqual(['CN', 'DE', 'KG', 'KZ', 'UZ']);
    expect(data.kz).toEqual([{ name: 'Astana' }]);
    expect(data.stats.agreementsByCountry).toContainEqual({ country: { isoCode: 'DE' }, count: 1 });
    expect(data.stats.eventsByMonth).toContainEqual({ month: '2023-10', count: 2 });
    expect(data.search.totalCount).toBeGreaterThanOrEqual(2);
  });

  test('importing the same document again is a no-op that says so', async () => {
    const before = await snapshot(server.db);
    const result = await imported(secondArticle());
    expect(result).toMatchObject({ status: 'UNCHANGED', changes: [], userErrors: [] });
    expect(await snapshot(server.db)).toEqual(before);
  });

  test('an edited document updates in place, bumps versions and reports what changed', async () => {
    const before = (await server.query(`{ events(filter: { countryCode: "KZ" }) { nodes { id name version } } }`)).events.nodes;
    const doc = secondArticle();
    doc.events[1]!.description = 'A machinery exhibition in Astana at which Jinan manufacturers showed harvesters.';
    const result = await imported(doc);
    expect(result.status).toBe('UPDATED');
    expect(result.changes).toContainEqual({ entity: 'events', created: 0, updated: 1, deleted: 0 });
    const after = (await server.query(`{ events(filter: { countryCode: "KZ" }) { nodes { id name version } } }`)).events.nodes;
    const exhibition = (list: any[]) => list.find((e) => e.name === 'Astana International Machinery Exhibition');
    expect(exhibition(after).id).toBe(exhibition(before).id);
    expect(exhibition(after).version).toBe(exhibition(before).version + 1);
    // Records the edit did not touch keep their version.
    const untouched = before.filter((e: any) => e.name !== 'Astana International Machinery Exhibition');
    expect(after.filter((e: any) => e.name !== 'Astana International Machinery Exhibition')).toEqual(untouched);
  });

  test('the same URL under a new slug updates that article instead of adding one', async () => {
    const doc = secondArticle();
    doc.article.slug = 'jinan-delegation-renamed';
    const result = await imported(doc);
    expect(result).toMatchObject({ status: 'UPDATED', article: { slug: 'jinan-delegation-renamed' } });
    const { articles } = await server.query('{ articles { totalCount } }');
    expect(articles.totalCount).toBe(2);
  });

  test('quotes given without offsets are located when they occur once', async () => {
    const doc = secondArticle();
    doc.article.slug = 'jinan-delegation-renamed';
    for (const event of doc.events) for (const item of event.evidence) Object.assign(item, { start: undefined, end: undefined });
    const result = await imported(doc);
    expect(result.userErrors).toEqual([]);
    const { events } = await server.query(`{ events(filter: { countryCode: "DE" }) { nodes { evidence { quote start end } } } }`);
    const [item] = events.nodes[0].evidence;
    expect(secondArticle().article.body.slice(item.start, item.end)).toBe(item.quote);
  });

  describe('an invalid document is refused with a path per problem, and nothing is written', () => {
    const cases: [string, (doc: ReturnType<typeof secondArticle>) => void, string[], string][] = [
      ['a quote not at its offsets', (d) => { d.events[0]!.evidence[0]!.start! += 1; }, ['input', 'events', '0', 'evidence', '0', 'quote'], 'QUOTE_MISMATCH'],
      ['a quote the body does not contain', (d) => { d.events[0]!.evidence[0]!.quote = 'never said'; }, ['input', 'events', '0', 'evidence', '0', 'quote'], 'QUOTE_MISMATCH'],
      ['a quote without offsets that occurs twice', (d) => { Object.assign(d.images[0]!.evidence[1]!, { start: undefined, end: undefined, quote: 'Jinan' }); }, ['input', 'images', '0', 'evidence', '1', 'quote'], 'AMBIGUOUS_QUOTE'],
      ['a day not on the calendar', (d) => { d.events[0]!.startDate = '2023-02-30'; }, ['input', 'events', '0', 'startDate'], 'INVALID_VALUE'],
      ['a range that ends before it starts', (d) => { d.delegations[0]!.endDate = '2023-10-01'; }, ['input', 'delegations', '0', 'endDate'], 'INVALID_DATE_RANGE'],
      ['an ISO code that does not exist', (d) => { d.delegations[0]!.countriesVisited = ['DE', 'XX']; }, ['input', 'delegations', '0', 'countriesVisited', '1'], 'UNKNOWN_COUNTRY_CODE'],
      ['a reference to a key the document lacks', (d) => { d.events[0]!.cityKey = 'cologne'; }, ['input', 'events', '0', 'cityKey'], 'UNKNOWN_REFERENCE'],
      ['a stated fact no quote supports', (d) => { d.events[0]!.endDate = '2023-10-12'; }, ['input', 'events', '0', 'evidence'], 'MISSING_EVIDENCE'],
    ];
    test.each(cases)('%s', async (_, edit, path, code) => {
      const before = await snapshot(server.db);
      const doc = secondArticle();
      doc.article.slug = 'jinan-delegation-renamed';
      edit(doc);
      const result = await imported(doc);
      expect(result).toMatchObject({ article: null, status: null, changes: [] });
      expect(result.userErrors).toContainEqual({ path, message: expect.any(String), code });
      expect(await snapshot(server.db)).toEqual(before);
    });
  });

  test('a type error in the input is a GraphQL error, before anything runs', async () => {
    const doc: any = secondArticle();
    doc.events[0].kind = 'PARTY';
    const response = await importAs(doc);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/events\[0\]\.kind|PARTY/);
  });
});

describe('the audit log', () => {
  const AUDIT = `query($filter: AuditLogFilter, $first: Int) { auditLog(filter: $filter, first: $first) {
    totalCount nodes { actor action entity entityId recordId before after } } }`;

  test('records who changed what, with the record before and after', async () => {
    const { auditLog } = await server.query(AUDIT, { filter: { entity: 'Event', actor: 'editor1' }, first: 100 }, { token: ADMIN });
    const update = auditLog.nodes.find((e: any) => e.action === 'UPDATE' && /harvesters/.test(e.after.description ?? ''));
    expect(update.before.description).toMatch(/farm machinery/);
    expect(update.after.version).toBe(update.before.version + 1);
    const { node } = await server.query('query($id: ID!) { node(id: $id) { ... on Event { name } } }', { id: update.recordId });
    expect(node.name).toBe('Astana International Machinery Exhibition');
    expect(auditLog.nodes.filter((e: any) => e.action === 'CREATE')).toHaveLength(2);
    // The seed was written too, under its own name.
    const seeded = await server.query(AUDIT, { filter: { actor: 'seed' } }, { token: ADMIN });
    expect(seeded.auditLog.totalCount).toBeGreaterThan(20);
  });

  test('is for admins only', async () => {
    const asEditor = await server.request(AUDIT, {}, { token: EDITOR });
    expect(asEditor.status).toBe(403);
    expect(asEditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await server.request(AUDIT, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('atomicity', () => {
  test('a failure after the writes, before the commit, leaves the database exactly as it was', async () => {
    const { db } = await openTestDatabase();
    try {
      const before = await snapshot(db);
      const fail = async () => {
        throw new Error('injected failure');
      };
      await expect(importDocument(db, secondArticle(), { beforeCommit: fail })).rejects.toThrow('injected failure');
      expect(await snapshot(db)).toEqual(before);
      // And the same import without the failure goes through.
      expect((await importDocument(db, secondArticle())).status).toBe('CREATED');
    } finally {
      await db.$disconnect();
    }
  });
});

describe('npm run import', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...args], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, ...env } });

  test('imports a file, then finds it unchanged; exit code 0', async () => {
    const { db, dir, url } = await openTestDatabase();
    await db.$disconnect();
    const file = path.join(dir, 'second.json');
    writeFileSync(file, JSON.stringify(secondArticle()));
    const first = run([file], { DATABASE_URL: url });
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`${secondArticleSlug} CREATED`));
    const again = run([file], { DATABASE_URL: url });
    expect(again.stdout).toMatch(/UNCHANGED/);
  });

  test('lists every problem of an invalid file and exits 1; --check validates without a database', async () => {
    const { dir } = await openTestDatabase({ seed: false });
    const doc = secondArticle();
    doc.events[0]!.evidence[0]!.quote = 'never said';
    doc.events[1]!.cityKey = 'cologne';
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(doc));
    const result = run(['--check', file], { DATABASE_URL: 'file:/nonexistent/never-opened.db' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/events\[0\]\.evidence\[0\]\.quote: the quote does not occur in the article body \[QUOTE_MISMATCH\]/);
    expect(result.stderr).toMatch(/events\[1\]\.cityKey: .* \[UNKNOWN_REFERENCE\]/);
    const valid = path.join(projectRoot, 'prisma', 'seed', seedDocuments()[0]!.file);
    expect(run(['--check', valid]).status).toBe(0);
  });
});

describe('article-document.schema.json', () => {
  const published = JSON.parse(readFileSync(path.join(projectRoot, 'article-document.schema.json'), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  // CommonJS module: its function is on `default` under Node's ESM interop.
  ajvFormats.default(ajv);
  const validate = ajv.compile(published);

  test('is the schema the validator is built from (npm run document-schema:emit)', () => {
    expect(published).toEqual(JSON.parse(JSON.stringify(documentJsonSchema())));
  });

  test('accepts the seed and the test documents, and rejects a malformed one', () => {
    for (const { document } of seedDocuments()) expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(secondArticle())).toBe(true);
    const bad: any = secondArticle();
    bad.events[0].kind = 'PARTY';
    bad.article.extra = true;
    expect(validate(bad)).toBe(false);
    expect(validate.errors!.map((error) => error.instancePath)).toEqual(expect.arrayContaining(['/events/0/kind', '/article']));
  });
});
