import DataLoader from 'dataloader';

/** Batches lookups by id into one `WHERE id IN (...)` per tick; unknown ids load as null. */
export function byId<T extends { id: number }>(find: (ids: number[]) => Promise<T[]>): DataLoader<number, T | null> {
  return new DataLoader(async (ids) => {
    const rows = new Map((await find([...ids])).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

/** Batches one-to-many lookups: all rows whose `key` is among the requested ones, grouped back. */
export function groupedBy<K, T>(find: (keys: K[]) => Promise<T[]>, keyOf: (row: T) => K): DataLoader<K, T[]> {
  return new DataLoader(async (keys) => {
    const groups = new Map<K, T[]>(keys.map((key) => [key, []]));
    for (const row of await find([...keys])) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key)!);
  });
}

/** Loads many keys, dropping the ones that match nothing; a failed batch rethrows its error. */
export async function loadAll<K, T>(loader: DataLoader<K, T | null>, keys: readonly K[]): Promise<T[]> {
  const rows = await loader.loadMany(keys);
  return rows.filter((row): row is T => {
    if (row instanceof Error) throw row;
    return row != null;
  });
}

/** A to-one relation that the database guarantees (a NOT NULL foreign key). */
export async function loadRequired<K, T>(loader: DataLoader<K, T | null>, key: K): Promise<T> {
  const row = await loader.load(key);
  if (row == null) throw new Error(`dangling reference: no row for ${String(key)}`);
  return row;
}

/** A to-one relation that may be absent (a nullable foreign key). */
export function loadOptional<K, T>(loader: DataLoader<K, T | null>, key: K | null): Promise<T | null> | null {
  return key == null ? null : loader.load(key);
}
