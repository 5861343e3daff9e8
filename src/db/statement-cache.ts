import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { Database, Statement } from 'better-sqlite3';
import { LRUCache } from 'lru-cache';

/**
 * The better-sqlite3 adapter for Prisma, with prepared statements kept and reused.
 *
 * The stock adapter calls `db.prepare(sql)` for every statement it runs and throws the statement away:
 * SQLite parses and plans the same SQL again each time (8-12% of the service's CPU under load in the
 * profiles of bench/RESULTS.md). Prisma generates a small set of distinct SQL texts (one per query shape
 * and IN-list length), so a bounded cache of prepared statements, keyed by the SQL text, serves nearly
 * every statement after warm-up.
 *
 * A better-sqlite3 statement can be bound only once (`bind()` fixes its parameters for good), and the
 * adapter binds every statement it prepares; so the cache hands out a light statement that keeps the
 * arguments and passes them to the shared statement at each call. It covers what the adapter uses
 * (`bind`, `reader`, `columns`, `raw().all()`, `run`); test/statement-cache.test.ts fails if an adapter
 * upgrade starts using something else. SQLite re-prepares a kept statement by itself when the schema
 * changes (a migration), so a kept statement never runs against a stale plan.
 */
export class PrismaBetterSqlite3WithStatementCache extends PrismaBetterSqlite3 {
  constructor(
    config: ConstructorParameters<typeof PrismaBetterSqlite3>[0],
    private readonly cacheSize = 512,
  ) {
    super(config);
  }

  override async connect() {
    const adapter = await super.connect();
    // The adapter keeps its better-sqlite3 handle in a field its type does not declare.
    const client = (adapter as unknown as { client: Database }).client;
    beginImmediate(client);
    cacheStatements(client, this.cacheSize);
    return adapter;
  }
}

/**
 * Makes the adapter's transactions take SQLite's write lock at BEGIN. Defect of @prisma/adapter-better-sqlite3
 * 7.10: `startTransaction` runs a deferred `BEGIN`, and queries outside the transaction (other requests) run on
 * the same connection meanwhile; one of their reads gives the open transaction a snapshot, and its first
 * write (takeWriteLock) then fails at once with SQLITE_BUSY, without waiting, when another process committed
 * in between. `BEGIN IMMEDIATE` waits for the lock (busy_timeout) before anything runs inside. Every
 * transaction of the service writes, so none is serialized that would not be anyway.
 */
export function beginImmediate(db: Database): void {
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => prepare(sql === 'BEGIN' ? 'BEGIN IMMEDIATE' : sql)) as Database['prepare'];
}

/** Replaces `db.prepare` by one that reuses up to `size` statements, least recently used dropped first. */
export function cacheStatements(db: Database, size: number): void {
  const prepare = db.prepare.bind(db);
  const kept = new LRUCache<string, KeptStatement>({ max: size });
  db.prepare = ((sql: string) => {
    let entry = kept.get(sql);
    if (!entry) kept.set(sql, (entry = new KeptStatement(prepare(sql))));
    // Implements the part of Statement the adapter calls (run, all, get, raw, columns...), not the rest.
    return new ReusedStatement(entry) as unknown as Statement;
  }) as Database['prepare'];
}

/**
 * A prepared statement and its result columns, read once: `columns()` builds new objects at every call
 * (about a quarter of the cost of running a small query). Migrations run before the adapter connects
 * (db/client.ts), so the schema, and with it a statement's columns, stays fixed while statements are kept.
 */
class KeptStatement {
  private resultColumns: ColumnDefinition[] | undefined;

  constructor(readonly statement: Statement) {}

  get columns(): ColumnDefinition[] {
    return (this.resultColumns ??= this.statement.columns());
  }
}

type ColumnDefinition = ReturnType<Statement['columns']>[number];

/** One use of a kept statement: the arguments given to `bind`, passed to the statement at each call. */
class ReusedStatement {
  private args: unknown[] = [];

  constructor(private readonly kept: KeptStatement) {}

  get reader(): boolean {
    return this.kept.statement.reader;
  }

  bind(args: unknown[]): this {
    this.args = args;
    return this;
  }

  columns(): ColumnDefinition[] {
    return this.kept.columns;
  }

  run() {
    return this.kept.statement.run(...this.args);
  }

  raw() {
    const { kept, args } = this;
    return { all: () => kept.statement.raw(true).all(...args) };
  }
}
