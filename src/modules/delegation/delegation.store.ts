import type { Db } from '../../db/client.js';
import { longestSpanDays } from '../../db/date-spans.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { overlaps } from '../../shared/filters.js';
import type { DelegationCriteria } from './delegation.filter.js';

/** The SQL condition for checked delegation criteria, shared by the list and the aggregates. */
export async function delegationWhere(db: Db, criteria: DelegationCriteria): Promise<Prisma.DelegationWhereInput> {
  const { id, countryCode, articleId } = criteria;
  // The delegations that visited a country by id, from the visit index (a relation filter would scan them all).
  const visits = countryCode === undefined ? null : await db.delegationVisit.findMany({ where: { country: { isoCode: countryCode } }, select: { delegationId: true } });
  return {
    AND: [
      ...(visits ? [{ id: { in: visits.map((visit) => visit.delegationId) } }] : []),
      ...(articleId !== undefined ? [{ articleId }] : []),
      ...overlaps('startDate', 'endDate', criteria, criteria.from != null ? await longestSpanDays(db, 'delegation') : undefined),
      ...(id !== undefined ? [{ id }] : []),
    ],
  };
}
