import type { Context } from '../../context.js';
import type { Db } from '../../db/client.js';
import { OrderDirection, paginate } from '../../shared/connection.js';
import { checkRange, countryCodeArg, overlaps } from '../../shared/filters.js';
import { idOf } from '../../shared/global-id.js';
import { loadAll } from '../../shared/loaders.js';
import { longestSpanDays } from '../stats/stat-counts.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { EventOrderField, type EventFilter, type EventsArgs } from './event.args.js';

export function findEvent({ loaders }: Context, id: string) {
  return loaders.event.load(idOf('Event', id, ['id']));
}

/**
 * The SQL condition for an event filter, shared by the list, the aggregates and the exports so they always
 * agree; `path` locates the filter in the request for errors (`['filter']`, or `[]` for query parameters).
 */
export async function eventWhere(db: Db, filter: EventFilter | null | undefined, path: readonly string[] = ['filter'], scope: { delegationId?: number } = {}) {
  checkRange(filter, path);
  const delegationIds = [
    scope.delegationId,
    filter?.delegationId != null ? idOf('Delegation', filter.delegationId, [...path, 'delegationId']) : undefined,
  ].filter((id) => id !== undefined);
  const conditions = {
    AND: [
      ...(filter?.countryCode != null ? [{ country: { isoCode: countryCodeArg(filter.countryCode, [...path, 'countryCode']) } }] : []),
      ...(filter?.cityId != null ? [{ cityId: idOf('City', filter.cityId, [...path, 'cityId']) }] : []),
      ...(filter?.kind != null ? [{ kind: filter.kind }] : []),
      ...(filter?.articleId != null ? [{ articleId: idOf('Article', filter.articleId, [...path, 'articleId']) }] : []),
      ...overlaps('startDate', 'endDate', filter, filter?.from != null ? await longestSpanDays(db, 'event') : undefined),
    ],
  } satisfies Prisma.EventWhereInput;
  // A delegation's events by id, read from the participation index first: as a relation filter
  // (participations: { some }) SQLite would test every event against a correlated subquery.
  for (const delegationId of delegationIds) {
    const rows = await db.eventParticipation.findMany({ where: { delegationId }, select: { eventId: true } });
    conditions.AND.push({ id: { in: rows.map((row) => row.eventId) } } as never);
  }
  return conditions;
}

/** Events matching the filter, in the requested order; `scope` narrows them to one delegation's. */
export async function listEvents({ db }: Context, args: EventsArgs, scope: { delegationId?: number } = {}) {
  const where = await eventWhere(db, args.filter, ['filter'], scope);
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
