import type { Db } from '../../db/client.js';

/** One bar of a breakdown: the bucket's key (null for records with none) and its count. */
export interface Bucket<K> {
  key: K | null;
  count: number;
}

/** Every unfiltered breakdown and total, as the GROUP BY path of stats.service.ts would compute them. */
export interface StatCounts {
  eventsByCountry: Bucket<number>[];
  eventsByCity: Bucket<number>[];
  eventsByKind: Bucket<string>[];
  eventsByMonth: Bucket<string>[];
  agreementsByCountry: Bucket<number>[];
  agreementsByKind: Bucket<string>[];
  delegationsByCountry: Bucket<number>[];
  events: number;
  agreements: number;
  delegations: number;
}

/**
 * The unfiltered counts, from the StatCount rows that triggers keep exact on every write (a few hundred
 * rows however large the tables: one per country, city, kind and month). Grouping the whole Event table
 * instead costs 2-6 ms per breakdown at 100k events. Buckets come unordered; stats.service.ts orders them.
 */
export async function readStatCounts(db: Db): Promise<StatCounts> {
  const rows = await db.statCount.findMany({ where: { count: { gt: 0 } }, select: { facet: true, bucket: true, count: true } });
  const facets = new Map<string, Bucket<string>[]>();
  for (const { facet, bucket, count } of rows) {
    let buckets = facets.get(facet);
    if (!buckets) facets.set(facet, (buckets = []));
    buckets.push({ key: bucket === '' ? null : bucket, count });
  }
  const text = (facet: string) => facets.get(facet) ?? [];
  const ids = (facet: string) => text(facet).map(({ key, count }) => ({ key: key === null ? null : Number(key), count }));
  const sum = (buckets: Bucket<unknown>[]) => buckets.reduce((total, { count }) => total + count, 0);

  const delegations = sum(text('delegation'));
  const nowhere = delegations - sum(text('delegation.visited'));
  const eventsByKind = text('event.kind');
  const agreementsByKind = text('agreement.kind');
  return {
    eventsByCountry: ids('event.country'),
    eventsByCity: ids('event.city'),
    eventsByKind,
    eventsByMonth: text('event.month'),
    agreementsByCountry: ids('agreement.country'),
    agreementsByKind,
    delegationsByCountry: [...ids('visit.country'), ...(nowhere > 0 ? [{ key: null, count: nowhere }] : [])],
    // Every event and agreement has a kind, so the kind buckets add up to the totals.
    events: sum(eventsByKind),
    agreements: sum(agreementsByKind),
    delegations,
  };
}
