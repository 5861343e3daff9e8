import type { Context } from '../../context.js';
import { OrderDirection } from '../../shared/connection.js';
import { paginate } from '../../shared/paging.js';
import { idOf } from '../../shared/global-id.js';
import { loadAll } from '../../shared/loaders.js';
import type { DelegationsArgs } from './delegation.args.js';
import { delegationCriteria } from './delegation.filter.js';
import { delegationWhere } from './delegation.store.js';

export function findDelegation({ loaders }: Context, id: string) {
  return loaders.delegation.load(idOf('Delegation', id, ['id']));
}

/** Delegations by trip start (unknown starts last). */
export async function listDelegations({ db }: Context, args: DelegationsArgs) {
  const where = await delegationWhere(db, delegationCriteria(args.filter));
  return paginate(args, {
    where,
    list: 'delegations',
    key: { field: 'startDate', nullable: true, values: 'day' },
    direction: OrderDirection.ASC,
    findMany: (query) => db.delegation.findMany(query),
    count: (where) => db.delegation.count({ where }),
  });
}

export async function countriesVisited({ loaders }: Context, delegationId: number) {
  const visits = await loaders.visitsByDelegation.load(delegationId);
  return loadAll(loaders.country, visits.map((visit) => visit.countryId));
}
