import type { Context } from '../../context.js';
import type { Event } from '../../generated/prisma/client.js';
import { dateBounds } from '../../shared/dates.js';
import { loadAll } from '../../shared/loaders.js';

/** What a stop's days (and so its place in the trip) come from. */
export type StopBasis = 'ATTENDANCE' | 'EVENT_DATES' | 'ARTICLE_ORDER';

export interface Stop {
  countryId: number | null;
  cityId: number | null;
  arrivalDate: string | null;
  departureDate: string | null;
  events: Event[];
  orderedBy: StopBasis;
}

/** The days the delegation was at an event: its attendance when the article gives it, else the event's own days. */
interface Visit {
  event: Event;
  first: string | null;
  last: string | null;
  basis: StopBasis;
}

function visitOf(event: Event, attendance: { attendedFrom: string | null; attendedTo: string | null } | undefined): Visit {
  // A month or a year stands for its days: a visit spans from the first to the last day they allow.
  const span = (from: string | null, to: string | null, basis: StopBasis): Visit => ({ event, first: from == null ? null : dateBounds(from).from, last: (to ?? from) == null ? null : dateBounds((to ?? from)!).to, basis });
  if (attendance?.attendedFrom != null) return span(attendance.attendedFrom, attendance.attendedTo, 'ATTENDANCE');
  if (event.startDate != null) return span(event.startDate, event.endDate, 'EVENT_DATES');
  return { event, first: null, last: null, basis: 'ARTICLE_ORDER' };
}

const byDayThenId = (a: Visit, b: Visit) =>
  (a.first === b.first ? 0 : a.first === null ? 1 : b.first === null ? -1 : a.first < b.first ? -1 : 1) || a.event.id - b.event.id;
const strongest = (a: StopBasis, b: StopBasis): StopBasis => (a === 'ATTENDANCE' || b === 'ATTENDANCE' ? 'ATTENDANCE' : a === 'EVENT_DATES' || b === 'EVENT_DATES' ? 'EVENT_DATES' : 'ARTICLE_ORDER');

/**
 * A delegation's trip as ordered stops, from what the articles state and nothing more. Countries come in
 * the order of the trip (`countriesVisited`), then countries the trip does not list, then events placed
 * nowhere. Within a country: cities by their first known day (the days the delegation attended, else the
 * events' own days), cities without one in article order, then events placed in the country only. Each
 * stop says which of the three ordered it. A visited country without any event is still a stop.
 */
export async function itineraryOf({ loaders }: Context, delegationId: number): Promise<Stop[]> {
  const [visits, participations] = await Promise.all([
    loaders.visitsByDelegation.load(delegationId),
    loaders.participationsByDelegation.load(delegationId),
  ]);
  const events = await loadAll(loaders.event, participations.map((p) => p.eventId));
  const cities = new Map((await loadAll(loaders.city, events.flatMap((e) => (e.cityId == null ? [] : [e.cityId])))).map((c) => [c.id, c]));

  const attendance = new Map(participations.map((p) => [p.eventId, p]));
  const stops = new Map<string, Stop>();
  for (const { event, first, last, basis } of events.map((e) => visitOf(e, attendance.get(e.id))).sort(byDayThenId)) {
    const countryId = event.countryId ?? (event.cityId == null ? null : (cities.get(event.cityId)?.countryId ?? null));
    const key = `${countryId}:${event.cityId}`;
    let stop = stops.get(key);
    if (!stop) stops.set(key, (stop = { countryId, cityId: event.cityId, arrivalDate: null, departureDate: null, events: [], orderedBy: 'ARTICLE_ORDER' }));
    stop.events.push(event);
    stop.orderedBy = strongest(stop.orderedBy, basis);
    if (first != null && (stop.arrivalDate == null || first < stop.arrivalDate)) stop.arrivalDate = first;
    if (last != null && (stop.departureDate == null || last > stop.departureDate)) stop.departureDate = last;
  }
  for (const visit of visits) {
    if (![...stops.values()].some((stop) => stop.countryId === visit.countryId)) {
      stops.set(`${visit.countryId}:null`, { countryId: visit.countryId, cityId: null, arrivalDate: null, departureDate: null, events: [], orderedBy: 'ARTICLE_ORDER' });
    }
  }

  const visitOrder = new Map(visits.map((visit, index) => [visit.countryId, index]));
  const firstDay = new Map<number | null, string>();
  const firstEvent = new Map<number | null, number>();
  for (const stop of stops.values()) {
    const day = firstDay.get(stop.countryId);
    if (stop.arrivalDate != null && (day == null || stop.arrivalDate < day)) firstDay.set(stop.countryId, stop.arrivalDate);
    firstEvent.set(stop.countryId, Math.min(firstEvent.get(stop.countryId) ?? Infinity, ...stop.events.map((e) => e.id)));
  }
  const countryRank = (stop: Stop): [number, string, number] =>
    stop.countryId === null
      ? [2, '', 0]
      : visitOrder.has(stop.countryId)
        ? [0, '', visitOrder.get(stop.countryId)!]
        : [1, firstDay.get(stop.countryId) ?? '\uffff', firstEvent.get(stop.countryId) ?? Infinity];
  const cityRank = (stop: Stop): [number, string, number] =>
    stop.cityId === null ? [1, '', 0] : [0, stop.arrivalDate ?? '\uffff', Math.min(...stop.events.map((e) => e.id))];
  // Ranks compare as tuples; '\uffff' sorts an unknown day after every known one.
  const compare = (a: [number, string, number], b: [number, string, number]) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || a[2] - b[2];
  return [...stops.values()].sort((a, b) => compare(countryRank(a), countryRank(b)) || compare(cityRank(a), cityRank(b)));
}
