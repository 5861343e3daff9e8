import type { Context } from '../../context.js';
import type { Db } from '../../db/client.js';
import DataLoader from 'dataloader';
import { OrderDirection, paginate, paginateGroups, type Page, type SortKey } from '../../shared/connection.js';
import { checkRange, countryCodeArg, overlaps } from '../../shared/filters.js';
import { idOf } from '../../shared/global-id.js';
import { loadAll } from '../../shared/loaders.js';
import { longestSpanDays } from '../stats/stat-counts.js';
import type { Event, Prisma } from '../../generated/prisma/client.js';
import { EventOrderField, type EventFilter, type EventsArgs } from './event.args.js';

export function findEvent({ loaders }: Context, id: string) {
  return loaders.event.load(idOf('Event', id, ['id']));
}

/**
 * The SQL condition for an event filter, shared by the list, the aggregates and the exports so they always
 * agree; `path` locates the filter in the request for errors (`['filter']`, or `[]` for query parameters).
 */
export async function eventWhere(db: Db, filter: EventFilter | null | undefined, path: readonly string[] = ['filter']) {
  checkRange(filter, path);
  const delegationId = filter?.delegationId != null ? idOf('Delegation', filter.delegationId, [...path, 'delegationId']) : undefined;
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
  if (delegationId !== undefined) {
    const rows = await db.eventParticipation.findMany({ where: { delegationId }, select: { eventId: true } });
    conditions.AND.push({ id: { in: rows.map((row) => row.eventId) } } as never);
  }
  return conditions;
}

/** The order of an event list: its sort key and direction. */
function eventOrder(args: EventsArgs): { key: SortKey; direction: OrderDirection } {
  const field = args.orderBy?.field ?? EventOrderField.START_DATE;
  const byDay = field === EventOrderField.START_DATE;
  return { key: { field, nullable: byDay, values: byDay ? 'day' : 'text' }, direction: args.orderBy?.direction ?? OrderDirection.ASC };
}

/** Events matching the filter, in the requested order. */
export async function listEvents({ db }: Context, args: EventsArgs) {
  return paginate(args, {
    list: 'events',
    where: await eventWhere(db, args.filter),
    ...eventOrder(args),
    findMany: (query) => db.event.findMany(query),
    count: (where) => db.event.count({ where }),
  });
}

/**
 * `Delegation.events`: a page of one delegation's events. Every delegation of the request asking with the
 * same arguments shares one loader, so a list of delegations with their events costs the same few
 * statements (participations, one ordered read of their events) for 1 delegation or 100.
 */
export function delegationEvents(ctx: Context, args: EventsArgs, delegationId: number): Promise<Page<Event>> {
  const key = `Delegation.events ${JSON.stringify(args)}`;
  let loader = ctx.loaders.connections.get(key) as DataLoader<number, Page<Event>> | undefined;
  if (!loader) {
    loader = new DataLoader((ids: readonly number[]) => delegationsEventPages(ctx, args, ids));
    ctx.loaders.connections.set(key, loader as DataLoader<number, unknown>);
  }
  return loader.load(delegationId);
}

async function delegationsEventPages({ db, loaders }: Context, args: EventsArgs, delegationIds: readonly number[]) {
  const where = await eventWhere(db, args.filter);
  const participations = await loadAll(loaders.participationsByDelegation, delegationIds);
  return paginateGroups(args, {
    list: 'Delegation.events',
    where,
    ...eventOrder(args),
    groups: participations.map((rows) => new Set(rows.map((row) => row.eventId))),
    findMany: (query) => db.event.findMany(query),
    ids: async (where) => (await db.event.findMany({ where, select: { id: true } })).map((row) => row.id),
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
