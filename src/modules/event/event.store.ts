import type { Db } from '../../db/client.js';
import { longestSpanDays } from '../../db/date-spans.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { overlaps } from '../../shared/filters.js';
import type { EventCriteria } from './event.filter.js';

/** The SQL condition for checked event criteria, shared by the list, the aggregates and the exports so they always agree. */
export async function eventWhere(db: Db, criteria: EventCriteria): Promise<Prisma.EventWhereInput> {
  const { countryCode, cityId, kind, articleId, delegationId } = criteria;
  // A delegation's events by id, read from the participation index first: as a relation filter
  // (participations: { some }) SQLite would test every event against a correlated subquery.
  const participations = delegationId === undefined ? null : await db.eventParticipation.findMany({ where: { delegationId }, select: { eventId: true } });
  return {
    AND: [
      ...(countryCode !== undefined ? [{ country: { isoCode: countryCode } }] : []),
      ...(cityId !== undefined ? [{ cityId }] : []),
      ...(kind !== undefined ? [{ kind }] : []),
      ...(articleId !== undefined ? [{ articleId }] : []),
      ...overlaps('startDate', 'endDate', criteria, criteria.from != null ? await longestSpanDays(db, 'event') : undefined),
      ...(participations ? [{ id: { in: participations.map((row) => row.eventId) } }] : []),
    ],
  };
}
