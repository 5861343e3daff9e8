import { dialectOf } from './client.js';
import type { Tx } from './write-lock.js';

/**
 * Ids a writer assigns itself (a bulk write that links rows before inserting them, a copy that keeps every
 * id), numbered the way the database would number them: after the highest id the table ever handed out,
 * never one a deleted row had. Call both inside a writing transaction (takeWriteLock), so nobody else takes
 * ids between reading and advancing.
 *
 * SQLite's AUTOINCREMENT keeps its high-water mark in sqlite_sequence and moves it past any explicit id it
 * stores. PostgreSQL's `SERIAL` columns draw from a sequence that explicit ids do not touch: without
 * `advanceSequences` its next nextval() would hand out an id already taken.
 */
export async function nextIds<T extends string>(tx: Tx, tables: readonly T[]): Promise<Record<T, number>> {
  let last: Map<string, number>;
  if (dialectOf(tx) === 'postgres') {
    // pg_sequence_last_value: NULL until the sequence first hands out a value.
    const rows = await tx.$queryRaw<{ name: string; last: bigint | null }[]>`
      SELECT t AS name, pg_sequence_last_value(pg_get_serial_sequence(quote_ident(t), 'id')::regclass) AS last
      FROM unnest(${[...tables]}::text[]) AS t`;
    last = new Map(rows.map((row) => [row.name, Number(row.last ?? 0)]));
  } else {
    const rows = await tx.$queryRawUnsafe<{ name: string; seq: number | bigint }[]>('SELECT name, seq FROM sqlite_sequence');
    last = new Map(rows.map((row) => [row.name, Number(row.seq)]));
  }
  return Object.fromEntries(tables.map((table) => [table, (last.get(table) ?? 0) + 1])) as Record<T, number>;
}

/** After explicit ids up to `highest[table]` were stored: the table's next generated id comes after them. */
export async function advanceSequences(tx: Tx, highest: Record<string, number>): Promise<void> {
  if (dialectOf(tx) !== 'postgres') return;
  const tables = Object.keys(highest).filter((table) => highest[table]! > 0);
  if (tables.length === 0) return;
  // GREATEST: never moves a sequence back (a later id may have been handed out since it was read).
  await tx.$queryRaw`
    SELECT setval(seq, GREATEST(n, coalesce(pg_sequence_last_value(seq), 0)))
    FROM (SELECT pg_get_serial_sequence(quote_ident(t), 'id')::regclass AS seq, n
          FROM unnest(${tables}::text[], ${tables.map((t) => highest[t]!)}::bigint[]) AS x(t, n)) AS s`;
}
