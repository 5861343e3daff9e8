import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../shared/paths.js';

/**
 * The two databases the service runs on. SQLite is the embedded default (one file, one process); PostgreSQL
 * serves several replicas or a managed database. The models are written once (prisma/models.prisma); each
 * provider's folder under prisma/ adds its datasource and generator and holds its own migrations.
 */
export type Provider = 'sqlite' | 'postgres';

/** The provider a DATABASE_URL names: `file:` is SQLite, `postgres://` and `postgresql://` are PostgreSQL. */
export function providerOf(url: string): Provider | undefined {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  return undefined;
}

/** prisma/<provider>: its schema files (the datasource, and models.prisma linked from prisma/) and its migrations. */
export function schemaDir(provider: Provider): string {
  return path.join(projectRoot, 'prisma', provider);
}

export function migrationsDir(provider: Provider): string {
  return path.join(schemaDir(provider), 'migrations');
}

/** The provider's schema as Prisma reads a schema folder: every `.prisma` file in it, with its text. */
export function schemaFiles(provider: Provider): { path: string; content: string }[] {
  const dir = schemaDir(provider);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.prisma'))
    .sort()
    .map((name) => ({ path: path.join(dir, name), content: readFileSync(path.join(dir, name), 'utf8') }));
}
