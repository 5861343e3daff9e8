import type { Context } from '../../context.js';
import type { Db } from '../../db/client.js';
import { OrderDirection, paginate } from '../../shared/connection.js';
import { checkRange, countryCodeArg, within } from '../../shared/filters.js';
import { idOf } from '../../shared/global-id.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { AgreementFilter, AgreementsArgs } from './agreement.args.js';

export function findAgreement({ loaders }: Context, id: string) {
  return loaders.agreement.load(idOf('Agreement', id, ['id']));
}

/** The SQL condition for an agreement filter, shared by the list, the aggregates and the exports. */
export async function agreementWhere(db: Db, filter: AgreementFilter | null | undefined, path: readonly string[] = ['filter']) {
  checkRange(filter, path);
  const organizationId = filter?.organizationId != null ? idOf('Organization', filter.organizationId, [...path, 'organizationId']) : null;
  // An organization's agreements by id, from the party index (a relation filter would scan every agreement).
  const parties = organizationId == null ? null : await db.agreementParty.findMany({ where: { organizationId }, select: { agreementId: true } });
  return {
    AND: [
      ...(filter?.countryCode != null ? [{ country: { isoCode: countryCodeArg(filter.countryCode, [...path, 'countryCode']) } }] : []),
      ...(filter?.cityId != null ? [{ cityId: idOf('City', filter.cityId, [...path, 'cityId']) }] : []),
      ...(parties ? [{ id: { in: parties.map((party) => party.agreementId) } }] : []),
      ...(filter?.kind != null ? [{ kind: filter.kind }] : []),
      ...(filter?.articleId != null ? [{ articleId: idOf('Article', filter.articleId, [...path, 'articleId']) }] : []),
      ...within('signedOn', filter),
    ],
  } satisfies Prisma.AgreementWhereInput;
}

/** Agreements by signing day (unknown days last). */
export async function listAgreements({ db }: Context, args: AgreementsArgs) {
  const where = await agreementWhere(db, args.filter);
  return paginate(args, {
    where,
    list: 'agreements',
    key: { field: 'signedOn', nullable: true, values: 'day' },
    direction: OrderDirection.ASC,
    findMany: (query) => db.agreement.findMany(query),
    count: (where) => db.agreement.count({ where }),
  });
}
