import { createRequire } from 'node:module';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/** Tests of PostgreSQL alone (its adapter, replicas, copying into it): the postgres project runs them. */
const postgresOnly = 'test/postgres*.test.ts';

/**
 * The test files that touch the database: each runs twice, once per provider. Three stay on SQLite, as what
 * they test is SQLite's own: statement-cache (the SQLite adapter's kept prepared statements),
 * claims-backfill (a SQLite migration for databases older than claims, which PostgreSQL never had) and
 * durability (the file read back after a crash; test/postgres-durability.test.ts is its PostgreSQL twin).
 */
const onBothProviders = [
  'auth',
  'cache',
  'clients',
  'database',
  'dates',
  'draft',
  'draft-eval-fixtures',
  'eval-fixtures',
  'explorer',
  'facts',
  'federation',
  'filters',
  'http',
  'import',
  'export',
  'itinerary',
  'main',
  'multi-article',
  'mutations',
  'node',
  'operations',
  'organization-merge',
  'pagination',
  'people',
  'people-review',
  'people-rules',
  'readme',
  'record-edits',
  'review',
  'search',
  'stat-counts',
  'statements',
  'subscriptions',
  'stats',
  'synth',
].map((name) => `test/${name}.test.ts`);

const project = (name: 'sqlite' | 'postgres', include: string[], exclude: string[], globalSetup: string[]): TestProjectInlineConfiguration => ({
  extends: true,
  test: { name, include, exclude, globalSetup, env: { TEST_PROVIDER: name } },
});

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build (it has no `exports` map); Vite would pick its `.mjs` build for our
    // code while type-graphql gets the CommonJS one, and two copies break `instanceof` checks on types.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    setupFiles: ['test/setup.ts'],
    projects: [
      // Builds the gazetteer's index once, before the workers start (each would otherwise build its own).
      project('sqlite', ['test/**/*.test.ts'], [postgresOnly], ['test/global-setup.ts']),
      // A PostgreSQL 17 server for the run, with template databases (test/global-postgres.ts).
      project('postgres', [postgresOnly, ...onBothProviders], [], ['test/global-setup.ts', 'test/global-postgres.ts']),
    ],
    // Each file starts its own server on its own temporary database; files run in parallel processes.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
