import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sha256 } from '../src/shared/auth.js';
import { startTestServer, type TestServer } from './helpers.js';

// An edit of one field touches one record: it reads and writes that record (and its audit row), not the
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
