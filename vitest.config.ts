import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build (it has no `exports` map); Vite would pick its `.mjs` build for our
    // code while type-graphql gets the CommonJS one, and two copies break `instanceof` checks on types.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // Builds the gazetteer's index once, before the workers start (each would otherwise build its own).
    globalSetup: ['test/global-setup.ts'],
    // Each file starts its own server on its own temporary SQLite file; files run in parallel processes.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
