import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/client.js';
import { seed } from '../src/modules/import/seed.js';
import { startPostgres } from '../scripts/embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test run's PostgreSQL server: its admin URL and the two template databases test databases copy. */
    postgres: { adminUrl: string; templates: { empty: string; seeded: string } };
  }
}

/**
 * Once per run of the PostgreSQL project: a real PostgreSQL 17 server (embedded-postgres) and two template
 * databases, one migrated and one migrated and seeded. Each test database is a copy of one (CREATE DATABASE
 * ... TEMPLATE, tens of milliseconds), so no test file pays for migrating or seeding.
 */
export default async function setup(project: TestProject) {
  const server = await startPostgres();
  for (const [name, seeded] of [['dg_template_empty', false], ['dg_template_seeded', true]] as const) {
    const { db } = await openDatabase(await server.createDatabase(name));
    if (seeded) await seed(db);
    await db.$disconnect();
  }
  project.provide('postgres', { adminUrl: server.url('postgres'), templates: { empty: 'dg_template_empty', seeded: 'dg_template_seeded' } });
  return () => server.stop();
}
