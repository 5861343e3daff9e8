import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { codegen } from '@graphql-codegen/core';
import * as typescriptOperations from '@graphql-codegen/typescript-operations';
import { buildSchema, parse } from 'graphql';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../src/shared/paths.js';
import { graphqlBlocks, pages, section as sectionOf } from './docs.js';
import { startTestServer, type TestServer } from './helpers.js';

// The Clients section of the docs (docs/api.md), run as a user would: each snippet written to a file of its
// own and run with tsx against a real server, with the real client packages (dev dependencies of this project).
const section = sectionOf('Clients').text;
const QUICK_START_URL = 'http://127.0.0.1:4000/graphql';

/** The section's code blocks that name their file (`// file: apollo.ts`), by that name. */
const files = new Map(
  [...section.matchAll(/```ts\n\/\/ file: (\S+)\n([\s\S]*?)```/g)].map((match) => [match[1]!, match[2]!] as const),
);
const relayConfig = /```json\n([\s\S]*?)```/.exec(section)?.[1];

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startTestServer({ logs: true });
  // A project of its own, as a user's would be, with this project's packages as its node_modules.
  dir = mkdtempSync(path.join(tmpdir(), 'delegation-graph-clients-'));
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'readme-clients', private: true, type: 'module' }));
  for (const [name, text] of files) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text.replaceAll(QUICK_START_URL, server.url));
  }
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a program in the snippets' folder; the server lives in this process, so never synchronously. */
async function exec(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? String(error) };
  }
}

/** Runs a snippet with tsx and returns the JSON it printed last. */
async function run(file: string): Promise<any> {
  const result = await exec(process.execPath, ['--import', 'tsx', file]);
  expect(result.code, `${file}:\n${result.stderr}`).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!);
}

/** The request log lines of the operation, in order. */
const requestsOf = (operation: string) => server.logs.filter((line) => line.msg === 'request' && line.operation === operation);

test('the section has a setup for each client the docs name', () => {
  expect([...files.keys()].sort()).toEqual(['apollo-persisted.ts', 'apollo.ts', 'codegen.ts', 'graphql-request.ts', 'src/EventsQuery.ts', 'src/relay.ts', 'urql.ts']);
  expect(relayConfig).toBeDefined();
});

describe('each snippet runs against the service and gets the seed article’s records', () => {
  test('Apollo Client', async () => {
    const data = await run('apollo.ts');
    expect(data.events.totalCount).toBe(10);
    expect(data.events.nodes).toHaveLength(3);
    expect(requestsOf('FirstEvents').map((line) => [line.method, line.status])).toEqual([['POST', 200]]);
  });

  test('Apollo Client with persisted queries over GET: hash, then query with hash, then the hash alone', async () => {
    const data = await run('apollo-persisted.ts');
    expect(data.countries.map((country: { isoCode: string }) => country.isoCode).sort()).toEqual(['CN', 'KG', 'KZ', 'UZ']);
    expect(requestsOf('Countries').map((line) => [line.method, line.status, line.outcome])).toEqual([
      ['GET', 200, 'PERSISTED_QUERY_NOT_FOUND'],
      ['POST', 200, 'ok'],
      ['GET', 200, 'ok'],
    ]);
  });

  test('urql, which POSTs once told to (its default GET would be refused by CSRF protection)', async () => {
    const data = await run('urql.ts');
    expect(data.agreements.nodes.length).toBe(2);
    expect(requestsOf('AgreementTitles').map((line) => line.method)).toEqual(['POST']);
    // Why the setting is there: urql's default GET carries no preflight header.
    writeFileSync(path.join(dir, 'urql-default.ts'), files.get('urql.ts')!.replace('  preferGetMethod: false,\n', '').replaceAll(QUICK_START_URL, server.url));
    const refused = await exec(process.execPath, ['--import', 'tsx', 'urql-default.ts']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Cross-Site Request Forgery/);
  });

  test('graphql-request', async () => {
    const data = await run('graphql-request.ts');
    expect(data.search.totalCount).toBeGreaterThan(0);
    expect(data.search.nodes[0].snippet).toMatch(/<mark>/);
  });

  test('Relay: relay-compiler accepts the schema and the query, and relay-runtime runs the compiled query', async () => {
    writeFileSync(path.join(dir, 'relay.config.json'), relayConfig!);
    writeFileSync(path.join(dir, 'schema.graphql'), readFileSync(path.join(projectRoot, 'schema.graphql')));
    // Beside the docs' query: search paged both ways under @connection (it had no last/before, which
    // relay-compiler refused as unknown arguments).
    writeFileSync(
      path.join(dir, 'src', 'SearchResults.ts'),
      `import { graphql } from 'relay-runtime';
export const searchResults = graphql\`
  fragment SearchResults_query on Query
  @refetchable(queryName: "SearchResultsPaginationQuery")
  @argumentDefinitions(q: { type: "String!" }, first: { type: "Int" }, after: { type: "String" }, last: { type: "Int" }, before: { type: "String" }) {
    search(query: $q, first: $first, after: $after, last: $last, before: $before) @connection(key: "SearchResults_search") {
      edges { node { type } }
    }
  }
\`;
`,
    );
    const compiler = await exec(path.join(projectRoot, 'node_modules', '.bin', 'relay-compiler'), []);
    expect(compiler.code, `${compiler.stdout}\n${compiler.stderr}`).toBe(0);
    const data = await run('src/relay.ts');
    expect(data.events.totalCount).toBe(10);
    expect(data.events.edges).toHaveLength(3);
    expect(data.events.edges[0].node.name).toEqual(expect.any(String));
  });
});

describe('GraphQL Code Generator with the docs’ config', () => {
  // Every GraphQL example of docs/, as one set of documents, as a project would keep them. The README's
  // example is a copy of one of them (checked below), so a project would keep it once.
  const blocks = [...pages].filter(([page]) => page.startsWith('docs/')).flatMap(([page, text]) => graphqlBlocks(text).map((block, index) => ({ page, index, block })));
  const operations = blocks.map(({ block }) => block);

  test('the README’s example is a copy of an example of docs/, word for word', () => {
    const readmeBlocks = graphqlBlocks(pages.get('README.md')!);
    expect(readmeBlocks.length).toBeGreaterThan(0);
    for (const block of readmeBlocks) expect(operations).toContain(block);
  });

  test('types every example operation of the docs, with the scalars mapped, and the output type-checks', async () => {
    const config = (await import(path.join(dir, 'codegen.ts'))).default;
    const [[output, target]] = Object.entries(config.generates) as [[string, { plugins: string[]; config: Record<string, unknown> }]];
    expect(target.plugins).toEqual(['typescript-operations']);
    const code = await codegen({
      filename: output,
      schema: parse(readFileSync(path.join(projectRoot, 'schema.graphql'), 'utf8')),
      documents: blocks.map(({ page, index, block }) => ({ location: `${page} block ${index + 1}`, document: parse(block) })),
      plugins: [{ 'typescript-operations': {} }],
      pluginMap: { 'typescript-operations': typescriptOperations },
      config: target.config,
    });
    expect(code).toMatch(/export type TripToUzbekistanQuery = /);
    expect(code).toMatch(/export type ImageByIdQueryVariables = .*id: string/s);
    // Date is a string, not unknown.
    expect(code).toMatch(/export type EventsInUzbekistanQuery = .*startDate: string \| null/s);
    expect(code).not.toMatch(/\w: unknown\b/);
    const file = path.join(dir, 'src', 'generated', 'graphql.ts');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, code);
    const program = ts.createProgram([file], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });

  test('the docs’ operations are valid, named and uniquely named against the schema', () => {
    const schema = buildSchema(readFileSync(path.join(projectRoot, 'schema.graphql'), 'utf8'));
    const names = operations.map((text) => /^(query|mutation) (\w+)/m.exec(text)?.[2]);
    expect(names.filter((name) => name === undefined)).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
    expect(schema.getQueryType()).toBeDefined();
  });
});
