import type { Db } from './client.js';

/**
 * The most days any event's (or delegation trip's) last possible day has lain after its first possible
 * day (a month or a year alone spans its days), or any agreement's or image's month or year spans; kept
 * by triggers as a running maximum (it never shrinks on delete, so it is always an upper bound); 0 when
 * none spans a day. Date filters use it to bound the start date from below (`overlaps` in shared/filters.ts).
 */
export async function longestSpanDays(db: Db, records: 'event' | 'delegation' | 'agreement' | 'image'): Promise<number> {
  const row = await db.statCount.findUnique({ where: { facet_bucket: { facet: `${records}.longest`, bucket: '' } }, select: { count: true } });
  return row?.count ?? 0;
}
