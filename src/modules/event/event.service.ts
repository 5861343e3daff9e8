import type { Context } from '../../context.js';
import { OrderDirection, paginate } from '../../shared/connection.js';
import { checkRange, countryCodeArg, overlaps } from '../../shared/filters.js';
import { idOf } from '../../shared/global-id.js';
import { loadAll } from '../../shared/loaders.js';
import { EventOrderField, type EventsArgs } from './event.args.js';

export function findEvent({ loaders }: Context, id: string) {
  return loaders.event.load(idOf('Event', id, ['id']));
}

/** Events matching the filter, in the requested order; `scope` narrows them to one delegation's. */
export function listEvents({ db }: Context, args: EventsArgs, scope: { delegationId?: number } = {}) {
  const { filter } = args;
  checkRange(filter);
  const delegationIds = [
    scope.delegationId,
    filter?.delegationId != null ? idOf('Delegation', filter.delegationId, ['filter', 'delegationId']) : undefined,
  ].filter((id) => id !== undefined);
  const where = {
    AND: [
      ...(filter?.countryCode != null ? [{ country: { isoCode: countryCodeArg(filter.countryCode, ['filter', 'countryCode']) } }] : []),
      ...(filter?.cityId != null ? [{ cityId: idOf('City', filter.cityId, ['filter', 'cityId']) }] : []),
      ...(filter?.kind != null ? [{ kind: filter.kind }] : []),
      ...(filter?.articleId != null ? [{ articleId: idOf('Article', filter.articleId, ['filter', 'articleId']) }] : []),
      ...delegationIds.map((delegationId) => ({ participations: { some: { delegationId } } })),
      ...overlaps('startDate', 'endDate', filter),
    ],
  };
  const field = args.orderBy?.field ?? EventOrderField.START_DATE;
  return paginate(args, {
    where,
    key: { field, nullable: field === EventOrderField.START_DATE },
    direction: args.orderBy?.direction ?? OrderDirection.ASC,
    findMany: (query) => db.event.findMany(query),
    count: (where) => db.event.count({ where }),
  });
}

export async function delegationsOf({ loaders }: Context, eventId: number) {
  const participations = await loaders.participationsByEvent.load(eventId);
  return loadAll(loaders.delegation, participations.map((p) => p.delegationId));
}

export async function organizersOf({ loaders }: Context, eventId: number) {
  const organizers = await loaders.organizersByEvent.load(eventId);
  return loadAll(loaders.organization, organizers.map((o) => o.organizationId));
}
