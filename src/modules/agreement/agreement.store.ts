import type { Db } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { longestSpanDays } from '../../db/date-spans.js';
import { within } from '../../shared/filters.js';
import type { AgreementCriteria } from './agreement.filter.js';

/** The SQL condition for checked agreement criteria, shared by the list, the aggregates and the exports. */
export async function agreementWhere(db: Db, criteria: AgreementCriteria): Promise<Prisma.AgreementWhereInput> {
  const { countryCode, cityId, organizationId, kind, articleId } = criteria;
  // An organization's agreements by id, from the party index (a relation filter would scan every agreement).
  const parties = organizationId === undefined ? null : await db.agreementParty.findMany({ where: { organizationId }, select: { agreementId: true } });
  return {
    AND: [
      ...(countryCode !== undefined ? [{ country: { isoCode: countryCode } }] : []),
      ...(cityId !== undefined ? [{ cityId }] : []),
      ...(parties ? [{ id: { in: parties.map((party) => party.agreementId) } }] : []),
      ...(kind !== undefined ? [{ kind }] : []),
      ...(articleId !== undefined ? [{ articleId }] : []),
      ...within('signedOn', criteria, criteria.from != null ? await longestSpanDays(db, 'agreement') : 0),
    ],
  };
}
