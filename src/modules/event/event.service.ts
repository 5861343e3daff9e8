import type { Context } from '../../context.js';
import DataLoader from 'dataloader';
import { OrderDirection, type Page } from '../../shared/connection.js';
import { paginate, paginateGroups, type SortKey } from '../../shared/paging.js';
import { idOf } from '../../shared/global-id.js';
import { loadAll } from '../../shared/loaders.js';
import type { Event } from '../../generated/prisma/client.js';
import { EventOrderField, type EventsArgs } from './event.args.js';
import { eventCriteria } from './event.filter.js';
import { eventWhere } from './event.store.js';

export function findEvent({ loaders }: Context, id: string) {
  return loaders.event.load(idOf('Event', id, ['id']));
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
    where: await eventWhere(db, eventCriteria(args.filter)),
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
  const where = await eventWhere(db, eventCriteria(args.filter));
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
