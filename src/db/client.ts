import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaClient } from '../generated/prisma/client.js';
import { migrate } from './migrate.js';
import { PrismaBetterSqlite3WithStatementCache } from './statement-cache.js';

export type Db = PrismaClient;

/** Prisma's query events: the client below is created with them on (they feed /metrics and tests). */
export interface QueryEvents {
  $on?: (event: 'query', listener: (event: { query: string; duration: number }) => void) => void;
}

/** A database that cannot be opened for reasons an operator must fix; reported without a stack trace. */
export class DatabaseSetupError extends Error {
  override name = 'DatabaseSetupError';
}

/** `file:` URLs are resolved against the working directory; the file's folder is created if missing. */
export function sqliteFile(url: string): string {
  if (!url.startsWith('file:')) throw new Error(`DATABASE_URL must be a SQLite file: URL, got ${url}`);
  return path.resolve(url.slice('file:'.length));
}

export interface OpenDatabaseOptions {
  /** Milliseconds a statement waits for another connection's write lock before failing. */
  busyTimeoutMs?: number;
}

/** Opens the SQLite database for the service: creates it if needed and applies pending migrations. */
export async function openDatabase(url: string, options: OpenDatabaseOptions = {}): Promise<{ db: Db; applied: string[]; file: string }> {
  const file = sqliteFile(url);
  mkdirSync(path.dirname(file), { recursive: true });
  // SQLite writes its -wal and -shm files beside the database: without this check an unwritable folder
  // (a volume owned by another user) fails deep in the schema engine with an unreadable error.
  try {
    accessSync(path.dirname(file), constants.W_OK);
  } catch {
    throw new DatabaseSetupError(`the database folder ${path.dirname(file)} is not writable by this user (uid ${process.getuid?.() ?? '?'})`);
  }
  const applied = await migrate(file);
  const adapter = new PrismaBetterSqlite3WithStatementCache({ url: `file:${file}`, timeout: options.busyTimeoutMs ?? 5000 });
  // Query events feed the database timings of /metrics.
  const db = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  // WAL lets readers run beside a writer; FULL syncs the WAL on every commit, so an acknowledged write
  // survives a power cut, not only a crash of the process (NORMAL would risk the last commits).
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$executeRawUnsafe('PRAGMA synchronous = FULL');
  await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  return { db, applied, file };
}
