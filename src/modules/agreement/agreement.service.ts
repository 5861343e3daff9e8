import type { Context } from '../../context.js';
import { OrderDirection, paginate } from '../../shared/connection.js';
import { checkRange, countryCodeArg, within } from '../../shared/filters.js';
import { idOf } from '../../shared/global-id.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { AgreementFilter, AgreementsArgs } from './agreement.args.js';

export function findAgreement({ loaders }: Context, id: string) {
  return loaders.agreement.load(idOf('Agreement', id, ['id']));
}

/** The SQL condition for an agreement filter, shared by the list, the aggregates and the exports. */
export function agreementWhere(filter: AgreementFilter | null | undefined, path: readonly string[] = ['filter']) {
  checkRange(filter, path);
  return {
    AND: [
      ...(filter?.countryCode != null ? [{ country: { isoCode: countryCodeArg(filter.countryCode, [...path, 'countryCode']) } }] : []),
      ...(filter?.cityId != null ? [{ cityId: idOf('City', filter.cityId, [...path, 'cityId']) }] : []),
      ...(filter?.organizationId != null
        ? [{ parties: { some: { organizationId: idOf('Organization', filter.organizationId, [...path, 'organizationId']) } } }]
        : []),
      ...(filter?.kind != null ? [{ kind: filter.kind }] : []),
      ...(filter?.articleId != null ? [{ articleId: idOf('Article', filter.articleId, [...path, 'articleId']) }] : []),
      ...within('signedOn', filter),
    ],
  } satisfies Prisma.AgreementWhereInput;
}

/** Agreements by signing day (unknown days last). */
export function listAgreements({ db }: Context, args: AgreementsArgs) {
  const where = agreementWhere(args.filter);
  return paginate(args, {
    where,
    key: { field: 'signedOn', nullable: true },
    direction: OrderDirection.ASC,
    findMany: (query) => db.agreement.findMany(query),
    count: (where) => db.agreement.count({ where }),
  });
}
