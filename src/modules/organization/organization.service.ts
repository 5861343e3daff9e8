import type { Context } from '../../context.js';
import { OrderDirection } from '../../shared/connection.js';
import { paginate } from '../../shared/paging.js';
import { countryCodeArg } from '../../shared/filters.js';
import type { OrganizationsArgs } from './organization.args.js';

/** Organizations by name. */
export function listOrganizations({ db }: Context, args: OrganizationsArgs) {
  const { filter } = args;
  const where = {
    ...(filter?.countryCode != null && { country: { isoCode: countryCodeArg(filter.countryCode, ['filter', 'countryCode']) } }),
    ...(filter?.kind != null && { kind: filter.kind }),
  };
  return paginate(args, {
    where,
    list: 'organizations',
    key: { field: 'name', nullable: false, values: 'text' },
    direction: OrderDirection.ASC,
    findMany: (query) => db.organization.findMany(query),
    count: (where) => db.organization.count({ where }),
  });
}
