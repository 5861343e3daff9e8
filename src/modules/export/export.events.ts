import type { Context } from '../../context.js';
import type { Db } from '../../db/client.js';
import type { City, Country, Delegation, Event, Figure } from '../../generated/prisma/client.js';
import { EventKind } from '../../generated/prisma/enums.js';
import { toGlobalId } from '../../shared/global-id.js';
import { loadOptional, loadRequired } from '../../shared/loaders.js';
import { EventOrderField, type EventFilter } from '../event/event.args.js';
import { eventCriteria } from '../event/event.filter.js';
import { delegationsOf } from '../event/event.service.js';
import { eventWhere } from '../event/event.store.js';
import { describedInBatches } from './export.batches.js';
import { csvDocument, featureCollection, point, type CsvColumn, type CsvOptions, type Feature } from './export.format.js';
import type { ParameterRules } from './export.params.js';
import { eventSides, figureProperties, figureText } from './export.people.js';

type EventWhere = Awaited<ReturnType<typeof eventWhere>>;

const eventParameters = ['countryCode', 'cityId', 'kind', 'delegationId', 'articleId', 'from', 'to'] as const satisfies readonly (keyof EventFilter)[];

/** The query parameters of the event exports: the fields of the `events` list's filter. */
export const eventParameterRules: ParameterRules<EventWhere> = {
  names: eventParameters,
  kinds: Object.values(EventKind),
  // The parameters were checked against EventKind and the calendar before they reach the builder.
  where: (db, filter, path) => eventWhere(db, eventCriteria(filter as EventFilter, path)),
};

/** An event with everything its exports show. */
interface ExportedEvent {
  event: Event;
  city: City | null;
  country: Country | null;
  delegations: Delegation[];
  articleSlug: string;
  coordinatesSource: string | null;
  people: string[];
  counterparts: string[];
  figures: Figure[];
}

/** Events matching `where` in the `events` list's default order, a batch at a time, with their relations. */
function exportedEvents(db: Db, where: EventWhere): AsyncGenerator<ExportedEvent[]> {
  const key = { field: EventOrderField.START_DATE, nullable: true, values: 'day' } as const;
  return describedInBatches(db, { where, key, findMany: (query) => db.event.findMany(query) }, withRelations);
}

async function withRelations(context: Context, event: Event): Promise<ExportedEvent> {
  const { loaders } = context;
  const [city, country, article, delegations, sides, figures] = await Promise.all([
    loadOptional(loaders.city, event.cityId),
    loadOptional(loaders.country, event.countryId),
    loadRequired(loaders.article, event.articleId),
    delegationsOf(context, event.id),
    eventSides(context, event.id),
    loaders.figuresByEvent.load(event.id),
  ]);
  const source = city ? await loadRequired(loaders.referenceSource, city.referenceSourceId) : null;
  return { event, city, country, delegations, articleSlug: article.slug, coordinatesSource: source?.name ?? null, ...sides, figures };
}

const eventColumns: CsvColumn<ExportedEvent>[] = [
  { header: 'id', value: ({ event }) => toGlobalId('Event', event.id) },
  { header: 'name', value: ({ event }) => event.name },
  { header: 'kind', value: ({ event }) => event.kind },
  { header: 'start_date', value: ({ event }) => event.startDate },
  { header: 'end_date', value: ({ event }) => event.endDate },
  { header: 'city', value: ({ city }) => city?.name ?? null },
  { header: 'country', value: ({ country }) => country?.name ?? null },
  { header: 'country_code', value: ({ country }) => country?.isoCode ?? null },
  { header: 'latitude', value: ({ city }) => city?.latitude ?? null },
  { header: 'longitude', value: ({ city }) => city?.longitude ?? null },
  { header: 'delegations', value: ({ delegations }) => delegations.map((delegation) => delegation.name).join('; ') },
  { header: 'description', value: ({ event }) => event.description },
  { header: 'article_slug', value: ({ articleSlug }) => articleSlug },
  // Added after the first columns, so spreadsheets that read columns by position keep working.
  { header: 'people', value: ({ people }) => people.join('; ') },
  { header: 'counterparts', value: ({ counterparts }) => counterparts.join('; ') },
  { header: 'figures', value: ({ figures }) => figures.map(figureText).join('; ') },
];

export function eventsCsv(db: Db, where: EventWhere, options: CsvOptions): AsyncGenerator<string> {
  return csvDocument(eventColumns, exportedEvents(db, where), options);
}

function eventFeature({ event, city, country, delegations, articleSlug, coordinatesSource, people, counterparts, figures }: ExportedEvent): Feature {
  return {
    type: 'Feature',
    id: toGlobalId('Event', event.id),
    geometry: city ? point(city) : null,
    properties: {
      name: event.name,
      kind: event.kind,
      startDate: event.startDate,
      endDate: event.endDate,
      city: city?.name ?? null,
      country: country?.name ?? null,
      countryCode: country?.isoCode ?? null,
      delegations: delegations.map((delegation) => delegation.name),
      description: event.description,
      articleSlug,
      coordinatesSource,
      people,
      counterparts,
      figures: figures.map(figureProperties),
    },
  };
}

export function eventsGeoJson(db: Db, where: EventWhere): AsyncGenerator<string> {
  return featureCollection(eventFeature, exportedEvents(db, where));
}
