import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { projectRoot } from '../src/shared/paths.js';
import { startTestServer, type TestServer } from './helpers.js';

// The README's example queries are documentation people copy: each one must run and return facts.
const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
const sectionOf = (title: string) => readme.slice(readme.indexOf(`## ${title}`), readme.indexOf('\n## ', readme.indexOf(`## ${title}`) + 1));
const graphqlBlocks = (text: string) => [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]!);
const examples = graphqlBlocks(sectionOf('Example queries'));
const dashboardExamples = graphqlBlocks(sectionOf('Dashboard queries'));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

test('the README has example queries', () => {
  expect(examples.length).toBeGreaterThanOrEqual(6);
  expect(dashboardExamples.length).toBeGreaterThanOrEqual(4);
});

test.each([...examples, ...dashboardExamples].map((query, index) => [index + 1, query] as const))('example %i runs without errors and returns data', async (_index, query) => {
  const { images } = await server.query('{ images(first: 1) { nodes { id } } }');
  const response = await server.request(query, query.includes('$id') ? { id: images.nodes[0].id } : undefined);
  expect(response.errors).toBeUndefined();
  const text = JSON.stringify(response.data);
  expect(text).not.toBe('{}');
  // Every example returns at least one record of the article, not only empty lists.
  expect(text).toMatch(/Liaocheng|Tashkent|Astana|Kazakhstan|Uzbekistan|exhibition/);
});

test('the quick start shows how to send variables, and its example body works as written', async () => {
  const body = /-d '(\{\n {2}"query": [\s\S]*?\n\})'/.exec(sectionOf('Quick start'))?.[1];
  expect(body).toBeDefined();
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const json = (await response.json()) as { data?: { node?: { caption?: string } }; errors?: unknown };
  expect(json.errors).toBeUndefined();
  expect(json.data?.node?.caption).toEqual(expect.any(String));
});
