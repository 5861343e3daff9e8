import type { Context } from '../../context.js';
import type { Db } from '../../db/client.js';
import { OrderDirection, paginate } from '../../shared/connection.js';
import { checkRange, countryCodeArg, overlaps } from '../../shared/filters.js';
import { idOf } from '../../shared/global-id.js';
import { loadAll } from '../../shared/loaders.js';
import { longestSpanDays } from '../stats/stat-counts.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { DelegationFilter, DelegationsArgs } from './delegation.args.js';

export function findDelegation({ loaders }: Context, id: string) {
  return loaders.delegation.load(idOf('Delegation', id, ['id']));
}

/** The SQL condition for a delegation filter, shared by the list and the aggregates. */
export async function delegationWhere(db: Db, filter: DelegationFilter | null | undefined, path: readonly string[] = ['filter']) {
  checkRange(filter, path);
  const code = filter?.countryCode != null ? countryCodeArg(filter.countryCode, [...path, 'countryCode']) : null;
  // The delegations that visited a country by id, from the visit index (a relation filter would scan them all).
  const visits = code == null ? null : await db.delegationVisit.findMany({ where: { country: { isoCode: code } }, select: { delegationId: true } });
  return {
    AND: [
      ...(visits ? [{ id: { in: visits.map((visit) => visit.delegationId) } }] : []),
      ...(filter?.articleId != null ? [{ articleId: idOf('Article', filter.articleId, [...path, 'articleId']) }] : []),
      ...overlaps('startDate', 'endDate', filter, filter?.from != null ? await longestSpanDays(db, 'delegation') : undefined),
    ],
  } satisfies Prisma.DelegationWhereInput;
}

/** Delegations by trip start (unknown starts last). */
export async function listDelegations({ db }: Context, args: DelegationsArgs) {
  const where = await delegationWhere(db, args.filter);
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
