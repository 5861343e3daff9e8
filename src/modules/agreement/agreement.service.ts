import type { Context } from '../../context.js';
import { OrderDirection, paginate } from '../../shared/connection.js';
import { checkRange, countryCodeArg, within } from '../../shared/filters.js';
import { idOf } from '../../shared/global-id.js';
import type { AgreementsArgs } from './agreement.args.js';

export function findAgreement({ loaders }: Context, id: string) {
  return loaders.agreement.load(idOf('Agreement', id, ['id']));
}

/** Agreements by signing day (unknown days last). */
export function listAgreements({ db }: Context, args: AgreementsArgs) {
  const { filter } = args;
  checkRange(filter);
  const where = {
    AND: [
      ...(filter?.countryCode != null ? [{ country: { isoCode: countryCodeArg(filter.countryCode, ['filter', 'countryCode']) } }] : []),
      ...(filter?.organizationId != null
        ? [{ parties: { some: { organizationId: idOf('Organization', filter.organizationId, ['filter', 'organizationId']) } } }]
        : []),
      ...(filter?.kind != null ? [{ kind: filter.kind }] : []),
      ...(filter?.articleId != null ? [{ articleId: idOf('Article', filter.articleId, ['filter', 'articleId']) }] : []),
      ...within('signedOn', filter),
    ],
  };
  return paginate(args, {
    where,
    key: { field: 'signedOn', nullable: true },
    direction: OrderDirection.ASC,
    findMany: (query) => db.agreement.findMany(query),
    count: (where) => db.agreement.count({ where }),
  });
}
