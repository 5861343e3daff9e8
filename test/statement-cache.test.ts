import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../src/db/client.js';
import { cacheStatements } from '../src/db/statement-cache.js';
import { openTestDatabase } from './helpers.js';

// The service's Prisma adapter keeps prepared statements (src/db/statement-cache.ts). A kept statement is
// shared by every query of the same SQL text, so these check that sharing never mixes up arguments,
// results or errors, on every path the adapter has: reads, writes, raw SQL, transactions and failures.
let db: Db;
let dir: string;
beforeAll(async () => {
  ({ db, dir } = await openTestDatabase());
});
afterAll(() => db.$disconnect());

describe('Prisma over kept statements', () => {
  test('the same query with other arguments answers for those arguments', async () => {
    const countries = await db.country.findMany({ orderBy: { id: 'asc' } });
    expect(countries.length).toBeGreaterThan(2);
    for (const country of [...countries, ...countries.reverse()]) {
      expect(await db.country.findUnique({ where: { id: country.id } })).toEqual(country);
    }
    expect(await db.country.findUnique({ where: { id: -1 } })).toBeNull();
  });

  test('a failed write leaves the statement usable, with the error Prisma maps for it', async () => {
    const source = await db.referenceSource.findFirstOrThrow();
    const create = (isoCode: string) => db.country.create({ data: { isoCode, name: `Test ${isoCode}`, referenceSourceId: source.id } });
    await create('Q1');
    await expect(create('Q1')).rejects.toMatchObject({ code: 'P2002' });
    expect((await create('Q2')).isoCode).toBe('Q2');
    expect(await db.country.count({ where: { isoCode: { in: ['Q1', 'Q2'] } } })).toBe(2);
  });

  test('a rolled back transaction writes nothing, and the next one commits', async () => {
    const before = await db.country.count();
    const source = await db.referenceSource.findFirstOrThrow();
    await expect(
      db.$transaction(async (tx) => {
        await tx.country.create({ data: { isoCode: 'Q3', name: 'Test Q3', referenceSourceId: source.id } });
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect(await db.country.count()).toBe(before);
    await db.$transaction(async (tx) => tx.country.create({ data: { isoCode: 'Q3', name: 'Test Q3', referenceSourceId: source.id } }));
    expect(await db.country.count()).toBe(before + 1);
  });

  test('raw reads and writes share the cache without mixing their arguments', async () => {
    for (const code of ['Q1', 'Q2', 'Q3']) {
      expect(await db.$executeRaw`UPDATE "Country" SET name = ${`Renamed ${code}`} WHERE isoCode = ${code}`).toBe(1);
    }
    const names = await Promise.all(['Q3', 'Q1', 'Q2'].map((code) => db.$queryRaw<{ name: string }[]>`SELECT name FROM "Country" WHERE isoCode = ${code}`));
    expect(names.map(([row]) => row!.name)).toEqual(['Renamed Q3', 'Renamed Q1', 'Renamed Q2']);
  });
});

describe('the statement cache', () => {
  test('prepares each SQL text once, and keeps only the most recently used', () => {
    const sqlite = new Database(path.join(dir, 'test.db'), { readonly: true });
    const prepared: string[] = [];
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((sql: string) => (prepared.push(sql), prepare(sql))) as typeof sqlite.prepare;
    cacheStatements(sqlite, 2);
    const value = (n: number) => (sqlite.prepare(`SELECT ? + ${n}`).bind([n]).raw().all() as unknown as number[][])[0]![0];

    expect([value(1), value(1), value(2), value(1)]).toEqual([2, 2, 4, 2]);
    expect(prepared).toEqual(['SELECT ? + 1', 'SELECT ? + 2']);
    value(3); // drops `+ 2`, the least recently used
    value(1);
    value(2);
    expect(prepared).toEqual(['SELECT ? + 1', 'SELECT ? + 2', 'SELECT ? + 3', 'SELECT ? + 2']);
    sqlite.close();
  });
});

describe('transactions', () => {
  // The adapter's deferred BEGIN let another request's read give an open transaction a stale snapshot, and its
  // first write then failed at once when another process had committed (statement-cache.ts, beginImmediate).
  test('hold the write lock from BEGIN, before their first statement: another process waits', async () => {
    const other = new Database(path.join(dir, 'test.db'), { timeout: 0 });
    try {
      let tried = false;
      await db.$transaction(async (tx) => {
        await tx.country.count();
        expect(() => other.prepare('BEGIN IMMEDIATE').run()).toThrow(/database is locked/);
        tried = true;
      });
      expect(tried).toBe(true);
      // Committed: the lock is free again.
      other.prepare('BEGIN IMMEDIATE').run();
      other.prepare('ROLLBACK').run();
    } finally {
      other.close();
    }
  });
});
