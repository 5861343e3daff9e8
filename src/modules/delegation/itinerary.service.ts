import type { Context } from '../../context.js';
import type { Event } from '../../generated/prisma/client.js';
import { dateBounds } from '../../shared/dates.js';
import { loadAll } from '../../shared/loaders.js';

export interface Stop {
  countryId: number | null;
  cityId: number | null;
  arrivalDate: string | null;
  departureDate: string | null;
  events: Event[];
}

const byDayThenId = (a: Event, b: Event) =>
  (a.startDate === b.startDate ? 0 : a.startDate === null ? 1 : b.startDate === null ? -1 : a.startDate < b.startDate ? -1 : 1) || a.id - b.id;

/**
 * A delegation's trip as ordered stops, from what the articles state and nothing more. Countries come in
 * the order of the trip (`countriesVisited`), then countries the trip does not list, then events placed
 * nowhere. Within a country: cities by their first known day, cities without one in article order, then
 * events placed in the country only. A visited country without any event is still a stop.
 */
export async function itineraryOf({ loaders }: Context, delegationId: number): Promise<Stop[]> {
  const [visits, participations] = await Promise.all([
    loaders.visitsByDelegation.load(delegationId),
    loaders.participationsByDelegation.load(delegationId),
  ]);
  const events = await loadAll(loaders.event, participations.map((p) => p.eventId));
  const cities = new Map((await loadAll(loaders.city, events.flatMap((e) => (e.cityId == null ? [] : [e.cityId])))).map((c) => [c.id, c]));

  const stops = new Map<string, Stop>();
  for (const event of events.sort(byDayThenId)) {
    const countryId = event.countryId ?? (event.cityId == null ? null : (cities.get(event.cityId)?.countryId ?? null));
    const key = `${countryId}:${event.cityId}`;
    let stop = stops.get(key);
    if (!stop) stops.set(key, (stop = { countryId, cityId: event.cityId, arrivalDate: null, departureDate: null, events: [] }));
    stop.events.push(event);
    // A month or a year stands for its days: the stop spans from the first to the last day they allow.
    const first = event.startDate == null ? null : dateBounds(event.startDate).from;
    const last = (event.endDate ?? event.startDate) == null ? null : dateBounds((event.endDate ?? event.startDate)!).to;
    if (first != null && (stop.arrivalDate == null || first < stop.arrivalDate)) stop.arrivalDate = first;
    if (last != null && (stop.departureDate == null || last > stop.departureDate)) stop.departureDate = last;
  }
  for (const visit of visits) {
    if (![...stops.values()].some((stop) => stop.countryId === visit.countryId)) {
      stops.set(`${visit.countryId}:null`, { countryId: visit.countryId, cityId: null, arrivalDate: null, departureDate: null, events: [] });
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
