import type { Context } from '../../context.js';
import { OrderDirection } from '../../shared/connection.js';
import { paginate } from '../../shared/paging.js';
import { idOf } from '../../shared/global-id.js';
import type { AgreementsArgs } from './agreement.args.js';
import { agreementCriteria } from './agreement.filter.js';
import { agreementWhere } from './agreement.store.js';

export function findAgreement({ loaders }: Context, id: string) {
  return loaders.agreement.load(idOf('Agreement', id, ['id']));
}

/** Agreements by signing day (unknown days last). */
export async function listAgreements({ db }: Context, args: AgreementsArgs) {
  const where = await agreementWhere(db, agreementCriteria(args.filter));
  return paginate(args, {
    where,
    list: 'agreements',
    key: { field: 'signedOn', nullable: true, values: 'day' },
    direction: OrderDirection.ASC,
    findMany: (query) => db.agreement.findMany(query),
    count: (where) => db.agreement.count({ where }),
  });
}
