import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importDocument } from '../src/modules/import/import.service.js';
import { seedDocuments } from '../src/modules/import/seed.js';
import { sha256 } from '../src/shared/auth.js';
import { snapshot, startTestServer, type TestServer } from './helpers.js';

// An edit changes one record, checked like an import. An edit of one field touches one record: it reads and writes that record (and its audit row), not the
// whole article. Counted with the metric an operator sees, delegation_graph_db_query_duration_seconds_count.
const EDITOR = 'dg_edit-statements-editor';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ apiKeys: [{ keyId: 'ed', role: 'editor', sha256: sha256(EDITOR) }], settings: { cacheMaxAgeSeconds: 0 } });
});
afterAll(() => server.close());

async function statementsSoFar(): Promise<number> {
  const text = await (await fetch(new URL('/metrics', server.url))).text();
  // One series per kind of statement (SELECT, INSERT, UPDATE, DELETE, other): their sum is every statement.
  const lines = text.split('\n').filter((l) => l.startsWith('delegation_graph_db_query_duration_seconds_count'));
  expect(lines.length).toBeGreaterThan(0);
  return lines.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

const edits = [
  ['eventUpdate', 'events', 'EventUpdateInput', 'event', { description: 'Changed by the statement count test.' }],
  ['agreementUpdate', 'agreements', 'AgreementUpdateInput', 'agreement', { description: 'Changed by the statement count test.' }],
  ['imageUpdate', 'images', 'ImageUpdateInput', 'image', { url: 'https://example.org/changed.jpg' }],
] as const;

describe('a one-field edit', () => {
  test.each(edits)('%s runs at most 8 SQL statements, audit row included', async (mutation, list, inputType, field, change) => {
    const { [list]: page } = await server.query(`{ ${list}(first: 1) { nodes { id version } } }`);
    const record = page.nodes[0];
    const before = await statementsSoFar();
    const response = await server.query(`mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${field} { id version } userErrors { path code message } } }`,
      { input: { id: record.id, version: record.version, ...change } }, { token: EDITOR });
    const after = await statementsSoFar();
    expect(response[mutation].userErrors).toEqual([]);
    expect(response[mutation][field].version).toBe(record.version + 1);
    expect(after - before).toBeLessThanOrEqual(8);
  });
});

const asEditor = (query: string, input: unknown) => server.request(query, { input }, { token: EDITOR });

describe('what an edit of one record still checks', () => {
  test('an image moved onto another image\'s position is refused at input.position, and nothing is written', async () => {
    const { images } = await server.query('{ images(first: 2) { nodes { id version position } } }');
    const [first, second] = images.nodes;
    const before = await snapshot(server.db);
    const { data } = await asEditor('mutation($input: ImageUpdateInput!) { imageUpdate(input: $input) { image { id } userErrors { path code message } } }',
      { id: first.id, version: first.version, position: second.position });
    expect(data!.imageUpdate).toEqual({ image: null, userErrors: [{ path: ['input', 'position'], code: 'DUPLICATE_KEY', message: `position ${second.position} is used twice in images` }] });
    expect(await snapshot(server.db)).toEqual(before);
  });

  test('a delegation made the child of its own child is a CYCLE at input.parentId', async () => {
    const { delegations } = await server.query('{ delegations { nodes { id name version parent { id } } } }');
    const child = delegations.nodes.find((d: any) => d.parent != null);
    const parent = delegations.nodes.find((d: any) => d.id === child.parent.id);
    const before = await snapshot(server.db);
    const { data } = await asEditor('mutation($input: DelegationUpdateInput!) { delegationUpdate(input: $input) { delegation { id } userErrors { path code } } }',
      { id: parent.id, version: parent.version, parentId: child.id, evidence: null });
    expect(data!.delegationUpdate.delegation).toBeNull();
    expect(data!.delegationUpdate.userErrors).toContainEqual({ path: ['input', 'parentId'], code: 'CYCLE' });
    expect(await snapshot(server.db)).toEqual(before);
  });

  test('after an edit, importing the article\'s document again writes it back instead of reporting UNCHANGED', async () => {
    const { document } = seedDocuments()[0]!;
    const { images } = await server.query('{ images(first: 1) { nodes { id version caption } } }');
    const image = images.nodes[0];
    const seeded = (document as { images: { caption: string; url?: string | null }[] }).images.find((i) => i.caption === image.caption)!;
    const { data } = await asEditor('mutation($input: ImageUpdateInput!) { imageUpdate(input: $input) { image { url } userErrors { code } } }',
      { id: image.id, version: image.version, url: 'https://example.org/edited.jpg' });
    expect(data!.imageUpdate).toEqual({ image: { url: 'https://example.org/edited.jpg' }, userErrors: [] });
    const report = await importDocument(server.db, document, { actor: 'test' });
    expect(report.status).toBe('UPDATED');
    const { node } = await server.query('query($id: ID!) { node(id: $id) { ... on Image { url } } }', { id: image.id });
    expect(node.url).toBe(seeded.url ?? null);
    expect((await importDocument(server.db, document, { actor: 'test' })).status).toBe('UNCHANGED');
  });
});
