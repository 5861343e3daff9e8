import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { projectRoot } from '../src/shared/paths.js';
import { startTestServer, type TestServer } from './helpers.js';

// The README's example queries are documentation people copy: each one must run and return facts.
const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Example queries'), readme.indexOf('\n## ', readme.indexOf('## Example queries') + 1));
const examples = [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]!);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

test('the README has example queries', () => {
  expect(examples.length).toBeGreaterThanOrEqual(6);
});

test.each(examples.map((query, index) => [index + 1, query] as const))('example %i runs without errors and returns data', async (_index, query) => {
  const { images } = await server.query('{ images(first: 1) { nodes { id } } }');
  const response = await server.request(query, query.includes('$id') ? { id: images.nodes[0].id } : undefined);
  expect(response.errors).toBeUndefined();
  const text = JSON.stringify(response.data);
  expect(text).not.toBe('{}');
  // Every example returns at least one record of the article, not only empty lists.
  expect(text).toMatch(/Liaocheng|Tashkent|Astana|Kazakhstan|Uzbekistan|exhibition/);
});
