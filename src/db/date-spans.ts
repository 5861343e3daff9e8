import type { Db } from './client.js';

/**
 * The most days any event's (or delegation trip's) end has lain after its start, kept by triggers as a
 * running maximum (it never shrinks on delete, so it is always an upper bound); 0 when none has an end.
 * Date filters use it to bound the start date from below (see `overlaps` in shared/filters.ts).
 */
export async function longestSpanDays(db: Db, records: 'event' | 'delegation'): Promise<number> {
  const row = await db.statCount.findUnique({ where: { facet_bucket: { facet: `${records}.longest`, bucket: '' } }, select: { count: true } });
  return row?.count ?? 0;
}
