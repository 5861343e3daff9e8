import type { Context } from '../../context.js';
import { OrderDirection, paginate } from '../../shared/connection.js';
import { checkRange, countryCodeArg, overlaps } from '../../shared/filters.js';
import { idOf } from '../../shared/global-id.js';
import { loadAll } from '../../shared/loaders.js';
import type { DelegationsArgs } from './delegation.args.js';

export function findDelegation({ loaders }: Context, id: string) {
  return loaders.delegation.load(idOf('Delegation', id, ['id']));
}

/** Delegations by trip start (unknown starts last). */
export function listDelegations({ db }: Context, args: DelegationsArgs) {
  const { filter } = args;
  checkRange(filter);
  const where = {
    AND: [
      ...(filter?.countryCode != null ? [{ visits: { some: { country: { isoCode: countryCodeArg(filter.countryCode, ['filter', 'countryCode']) } } } }] : []),
      ...(filter?.articleId != null ? [{ articleId: idOf('Article', filter.articleId, ['filter', 'articleId']) }] : []),
      ...overlaps('startDate', 'endDate', filter),
    ],
  };
  return paginate(args, {
    where,
    key: { field: 'startDate', nullable: true },
    direction: OrderDirection.ASC,
    findMany: (query) => db.delegation.findMany(query),
    count: (where) => db.delegation.count({ where }),
  });
}

export async function countriesVisited({ loaders }: Context, delegationId: number) {
  const visits = await loaders.visitsByDelegation.load(delegationId);
  return loadAll(loaders.country, visits.map((visit) => visit.countryId));
}
