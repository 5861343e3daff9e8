import { createContext, type Context } from '../../context.js';
import type { Db } from '../../db/client.js';
import { keysetRows, type CursorValue, type PageQuery, type SortKey } from '../../shared/paging.js';

export const EXPORT_BATCH_SIZE = 500;

export interface BatchWalk<T> {
  where: Record<string, unknown>;
  /** The list's default order, ascending with unknown keys last; ties broken by id. */
  key: SortKey;
  findMany: (query: PageQuery) => Promise<T[]>;
  size?: number;
}

/**
 * Every row matching `where`, in batches, in the lists' default order. Each batch seeks past the last
 * row of the one before (keyset, as the lists page), so a batch deep in a large table costs as much as the
 * first, and only one batch is held at a time.
 */
export async function* inBatches<T extends { id: number }>({ where, key, findMany, size = EXPORT_BATCH_SIZE }: BatchWalk<T>): AsyncGenerator<T[]> {
  let last: CursorValue | null = null;
  for (;;) {
    const rows: T[] = await keysetRows({ where, key, ascending: true, nullsLast: true, cursor: last, take: size, findMany });
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    last = cursorOf(rows.at(-1)!, key);
  }
}

function cursorOf<T extends { id: number }>(row: T, key: SortKey): CursorValue {
  return { field: key.field, value: (row as Record<string, unknown>)[key.field] as CursorValue['value'], id: row.id };
}

/**
 * Every matching row with its relations, a batch at a time. `describe` is called for a whole batch at once,
 * so each relation is one batched query per batch, never one per row; fresh loaders per batch keep their
 * caches from outgrowing it.
 */
export async function* describedInBatches<T extends { id: number }, Described>(
  db: Db,
  walk: BatchWalk<T>,
  describe: (context: Context, row: T) => Promise<Described>,
): AsyncGenerator<Described[]> {
  for await (const rows of inBatches(walk)) {
    const context = createContext(db);
    yield await Promise.all(rows.map((row) => describe(context, row)));
  }
}
