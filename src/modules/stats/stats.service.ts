import type { Context } from '../../context.js';
import type { Db } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { agreementCriteria } from '../agreement/agreement.filter.js';
import { agreementWhere } from '../agreement/agreement.store.js';
import { delegationCriteria } from '../delegation/delegation.filter.js';
import { delegationWhere } from '../delegation/delegation.store.js';
import { eventCriteria } from '../event/event.filter.js';
import { eventWhere } from '../event/event.store.js';
import { readStatCounts, type Bucket, type StatCounts } from './stat-counts.js';
import type { StatsFilter } from './stats.type.js';

/** The three list conditions a stats filter stands for; built (and checked) once, before any count runs. */
export interface StatsScope {
  events: Prisma.EventWhereInput;
  agreements: Prisma.AgreementWhereInput;
  delegations: Prisma.DelegationWhereInput;
  /** Visits of those delegations; a country filter keeps only the visits to that country. */
  visits: Prisma.DelegationVisitWhereInput;
  /**
   * Set when no filter field is given: every count then comes from the trigger-kept StatCount table,
   * read once per request, instead of a GROUP BY over the whole table.
   */
  stored: (() => Promise<StatCounts>) | null;
  /**
   * Figures: the condition on the records they are about. A figure counts only with a kind of record the
   * filter narrows: under a delegation, an event kind or a city, no agreement's figure is that delegation's,
   * kind's or city's, so none is summed (where the counts above would show every agreement).
   */
  figures: Prisma.FigureWhereInput;
}

/** The three lists a stats filter stands for, checked before any I/O (errors at the filter's own fields). */
export function statsCriteria(filter: StatsFilter | null | undefined, path: readonly string[] = ['filter']) {
  const { countryCode, cityId, articleId, delegationId, from, to } = filter ?? {};
  const events = eventCriteria({ countryCode, cityId, articleId, delegationId, from, to, kind: filter?.eventKind }, path);
  return {
    events,
    agreements: agreementCriteria({ countryCode, cityId, articleId, from, to, kind: filter?.agreementKind }, path),
    delegations: { ...delegationCriteria({ countryCode, articleId, from, to }, path), ...(events.delegationId !== undefined && { id: events.delegationId }) },
    unfiltered: Object.values(filter ?? {}).every((value) => value == null),
  };
}

export async function statsScope(db: Db, filter: StatsFilter | null | undefined, path: readonly string[] = ['filter']): Promise<StatsScope> {
  const criteria = statsCriteria(filter, path);
  const delegations = await delegationWhere(db, criteria.delegations);
  const visitedCountry = criteria.events.countryCode !== undefined ? { country: { isoCode: criteria.events.countryCode } } : {};
  let counts: Promise<StatCounts> | undefined;
  const events = await eventWhere(db, criteria.events);
  const agreements = await agreementWhere(db, criteria.agreements);
  const given = (field: keyof StatsFilter) => filter?.[field] != null;
  const owners: Prisma.FigureWhereInput[] = [
    ...(given('cityId') || given('eventKind') || given('agreementKind') ? [] : [{ delegation: delegations }]),
    ...(given('agreementKind') ? [] : [{ event: events }]),
    ...(given('delegationId') || given('eventKind') ? [] : [{ agreement: agreements }]),
  ];
  return {
    events,
    agreements,
    delegations,
    visits: { delegation: delegations, ...visitedCountry },
    stored: criteria.unfiltered ? () => (counts ??= readStatCounts(db)) : null,
    figures: { OR: owners },
  };
}

/** Largest first, ties by key; the unknown (null) bucket last. */
export function largestFirst<K extends string | number>(buckets: Bucket<K>[]): Bucket<K>[] {
  return buckets.sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
}

function counted<R extends { _count: { _all: number } }>(rows: R[], key: (row: R) => string | number | null): Bucket<string | number>[] {
  return rows.map((row) => ({ key: key(row), count: row._count._all }));
}

const all = { _all: true } as const;

export async function countBy(ctx: Context, scope: StatsScope, what: 'eventsByCountry' | 'eventsByCity' | 'eventsByKind' | 'agreementsByCountry' | 'agreementsByKind') {
  const { db } = ctx;
  if (scope.stored) return largestFirst<string | number>([...(await scope.stored())[what]]);
  switch (what) {
    case 'eventsByCountry':
      return largestFirst(counted(await db.event.groupBy({ by: ['countryId'], where: scope.events, _count: all }), (row) => row.countryId));
    case 'eventsByCity':
      return largestFirst(counted(await db.event.groupBy({ by: ['cityId'], where: scope.events, _count: all }), (row) => row.cityId));
    case 'eventsByKind':
      return largestFirst(counted(await db.event.groupBy({ by: ['kind'], where: scope.events, _count: all }), (row) => row.kind));
    case 'agreementsByCountry':
      return largestFirst(counted(await db.agreement.groupBy({ by: ['countryId'], where: scope.agreements, _count: all }), (row) => row.countryId));
    case 'agreementsByKind':
      return largestFirst(counted(await db.agreement.groupBy({ by: ['kind'], where: scope.agreements, _count: all }), (row) => row.kind));
  }
}

/** Events per month of their first day (a month-precision date is its month): SQL groups by date, summed into months here. */
export async function eventsByMonth({ db }: Context, scope: StatsScope) {
  let buckets: Bucket<string>[];
  if (scope.stored) buckets = [...(await scope.stored()).eventsByMonth];
  else {
    const days = await db.event.groupBy({ by: ['startDate'], where: scope.events, _count: all });
    const months = new Map<string | null, number>();
    for (const day of days) {
      // A date given as a year only has no month (as in the trigger-kept counts).
      const month = day.startDate != null && day.startDate.length >= 7 ? day.startDate.slice(0, 7) : null;
      months.set(month, (months.get(month) ?? 0) + day._count._all);
    }
    buckets = [...months].map(([key, count]) => ({ key, count }));
  }
  return buckets.sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key)));
}

/**
 * Delegations per visited country, plus those whose trip names no country. Under a country filter only
 * that country's bar remains, so it equals the length of the delegation list under the same filter.
 */
export async function delegationsByCountry({ db }: Context, scope: StatsScope) {
  if (scope.stored) return largestFirst<number>([...(await scope.stored()).delegationsByCountry]);
  const [visits, nowhere] = await Promise.all([
    db.delegationVisit.groupBy({ by: ['countryId'], where: scope.visits, _count: all }),
    db.delegation.count({ where: { AND: [scope.delegations, { visits: { none: {} } }] } }),
  ]);
  const result = counted(visits, (row) => row.countryId);
  if (nowhere > 0) result.push({ key: null, count: nowhere });
  return largestFirst(result);
}

export async function totals({ db }: Context, scope: StatsScope, what: 'events' | 'agreements' | 'delegations') {
  if (scope.stored) return (await scope.stored())[what];
  if (what === 'events') return db.event.count({ where: scope.events });
  if (what === 'agreements') return db.agreement.count({ where: scope.agreements });
  return db.delegation.count({ where: scope.delegations });
}
