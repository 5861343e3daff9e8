import { accessSync, constants, mkdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { PrismaClient } from '../generated/prisma/client.js';
import { migrate } from './migrate.js';
import { providerOf, type Provider } from './provider.js';
import { PrismaBetterSqlite3WithStatementCache } from './statement-cache.js';

/**
 * The service's Prisma client. Its type is the SQLite client's: the PostgreSQL client generated from the same
 * models takes every argument it takes and returns the same shapes (its extras, such as `mode`, go unused),
 * and both share Prisma's runtime, so errors are the same classes.
 */
export type Db = PrismaClient;

/** Which provider a client (or a transaction's client) talks to. */
export function dialectOf(db: Pick<Db, '$executeRaw'>): Provider {
  // Prisma's own record of it (`_activeProvider`, on clients and on the clients of their transactions).
  const active = (db as unknown as { _activeProvider?: string })._activeProvider;
  if (active === 'sqlite') return 'sqlite';
  if (active === 'postgresql') return 'postgres';
  throw new Error(`unknown Prisma provider: ${active}`);
}

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
  if (!url.startsWith('file:')) throw new Error(`not a SQLite file: URL: ${url}`);
  return path.resolve(url.slice('file:'.length));
}

export interface OpenDatabaseOptions {
  /** Milliseconds a statement waits for another connection's write lock before failing (SQLite). */
  busyTimeoutMs?: number;
  /** Connections in this process's pool (PostgreSQL; see docs/postgres.md on sizing). */
  poolSize?: number;
}

export interface OpenedDatabase {
  db: Db;
  provider: Provider;
  /** Migrations this start applied. */
  applied: string[];
  /** The SQLite file (SQLite only). */
  file?: string;
}

/**
 * Opens the service's database, a SQLite file (`file:`) or PostgreSQL (`postgres://`, `postgresql://`), and
 * applies pending migrations.
 */
export async function openDatabase(url: string, options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  const provider = providerOf(url);
  if (provider === 'postgres') return openPostgres(url, options);
  if (provider === 'sqlite') return openSqlite(url, options);
  throw new DatabaseSetupError(`DATABASE_URL must be a SQLite file: URL or a postgres:// URL, got ${redactUrl(url)}`);
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^(\w+:\/\/[^:@/]*):[^@/]*@/, '$1:***@');
}

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  let applied: string[];
  try {
    applied = await migrate(url);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).trim().split('\n')[0];
    throw new DatabaseSetupError(`cannot use ${redactUrl(url)} as the PostgreSQL database: ${reason}`);
  }
  // Loaded here, not at start-up: a SQLite service never pays for PostgreSQL's client and driver.
  const [{ PrismaClient: PostgresClient }, { serviceAdapter }] = await Promise.all([import('../generated/prisma-postgres/client.js'), import('./postgres-adapter.js')]);
  const db = new PostgresClient({ adapter: serviceAdapter(url, options.poolSize ?? 10), log: [{ emit: 'event', level: 'query' }] }) as unknown as Db;
  return { db, provider: 'postgres', applied };
}

// Kernel file systems: no database belongs there, and Node's mkdirSync under /proc never returns (Node 20).
const VIRTUAL_ROOTS = ['/proc', '/sys', '/dev'];

/** The nearest existing path at or above `file`, with symbolic links resolved, and what it is. */
function nearestExisting(file: string): { path: string; stats: Stats; exact: boolean } | null {
  let current = file;
  for (;;) {
    try {
      return { path: realpathSync(current), stats: statSync(current), exact: current === file };
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return null;
      current = parent;
    }
  }
}

/**
 * Every problem an operator can make with DATABASE_URL, found before SQLite or the schema engine see the
 * path (they report them as "disk I/O error" or "External error id#0"), each in one line. Returns whether
 * the database file exists already.
 */
function checkDatabasePath(file: string): boolean {
  const existing = nearestExisting(file);
  const inside = (candidate: string) => VIRTUAL_ROOTS.find((root) => candidate === root || candidate.startsWith(`${root}/`));
  const virtual = inside(file) ?? (existing && inside(existing.path));
  if (virtual) throw new DatabaseSetupError(`DATABASE_URL points into ${virtual}, a virtual file system (${file}): give a file on a disk, such as file:./data/delegation-graph.db`);
  if (!existing) return false;
  if (existing.exact) {
    if (existing.stats.isDirectory()) throw new DatabaseSetupError(`DATABASE_URL names a folder (${file}), not a file: add a file name, such as ${path.join(file, 'delegation-graph.db')}`);
    if (!existing.stats.isFile()) throw new DatabaseSetupError(`DATABASE_URL names ${file}, which is not a regular file`);
  } else if (!existing.stats.isDirectory()) {
    throw new DatabaseSetupError(`cannot create the database ${file}: ${existing.path} is a file, not a folder`);
  }
  return existing.exact;
}

/** Opens the SQLite database for the service: creates it if needed and applies pending migrations. */
async function openSqlite(url: string, options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const file = sqliteFile(url);
  const exists = checkDatabasePath(file);
  const folder = path.dirname(file);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new DatabaseSetupError(`cannot create the database folder ${folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  // SQLite writes its -wal and -shm files beside the database: without this check an unwritable folder
  // (a volume owned by another user) fails deep in the schema engine with an unreadable error.
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new DatabaseSetupError(`the database folder ${folder} is not writable by this user (uid ${process.getuid?.() ?? '?'})`);
  }
  if (exists) {
    try {
      accessSync(file, constants.R_OK | constants.W_OK);
    } catch {
      throw new DatabaseSetupError(`the database file ${file} is not readable and writable by this user (uid ${process.getuid?.() ?? '?'})`);
    }
  }
  let applied: string[];
  try {
    applied = await migrate(`file:${file}`);
  } catch (error) {
    // SQLite's and the schema engine's own words ("file is not a database"), first line only: no stack.
    const reason = (error instanceof Error ? error.message : String(error)).trim().split('\n')[0];
    throw new DatabaseSetupError(`cannot use ${file} as the SQLite database: ${reason}`);
  }
  const adapter = new PrismaBetterSqlite3WithStatementCache({ url: `file:${file}`, timeout: options.busyTimeoutMs ?? 5000 });
  // Query events feed the database timings of /metrics.
  const db = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  // WAL lets readers run beside a writer; FULL syncs the WAL on every commit, so an acknowledged write
  // survives a power cut, not only a crash of the process (NORMAL would risk the last commits).
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$executeRawUnsafe('PRAGMA synchronous = FULL');
  await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  return { db, provider: 'sqlite', applied, file };
}
