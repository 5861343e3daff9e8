import type { Context } from '../../context.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { OrderDirection } from '../../shared/connection.js';
import { badUserInput } from '../../shared/errors.js';
import { countryCodeArg } from '../../shared/filters.js';
import { idOf } from '../../shared/global-id.js';
import { personKeyOrBlank } from '../../shared/names.js';
import { paginate } from '../../shared/paging.js';
import type { PeopleArgs, PersonFilter } from './person.args.js';

/** The people filter as a condition, checked before any I/O (errors at the filter's own fields). */
export function personWhere(filter: PersonFilter | null | undefined): Prisma.PersonWhereInput {
  // Folded as people are matched (forms of address dropped): "Mr Li Wei" finds Li Wei.
  const name = filter?.name == null ? null : personKeyOrBlank(filter.name);
  if (name === '') throw badUserInput('a name filter needs a letter or a digit', ['filter', 'name']);
  return {
    // matchKey is the folded name, so case and accents do not matter.
    ...(name != null && { matchKey: { contains: name } }),
    ...(filter?.countryCode != null && { country: { isoCode: countryCodeArg(filter.countryCode, ['filter', 'countryCode']) } }),
    ...(filter?.organizationId != null && { titles: { some: { organizationId: idOf('Organization', filter.organizationId, ['filter', 'organizationId']) } } }),
    ...(filter?.role != null && { memberships: { some: { role: filter.role } } }),
  };
}

/** People by name. */
export function listPeople({ db }: Context, args: PeopleArgs) {
  return paginate(args, {
    where: personWhere(args.filter),
    list: 'people',
    key: { field: 'name', nullable: false, values: 'text' },
    direction: OrderDirection.ASC,
    findMany: (query) => db.person.findMany(query),
    count: (where) => db.person.count({ where }),
  });
}
