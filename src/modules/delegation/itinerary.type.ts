import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../shared/scalars.js';
import { Event } from '../event/event.type.js';
import { City, Country } from '../place/place.type.js';

export enum StopOrder {
  ATTENDANCE = 'ATTENDANCE',
  EVENT_DATES = 'EVENT_DATES',
  ARTICLE_ORDER = 'ARTICLE_ORDER',
}
registerEnumType(StopOrder, {
  name: 'StopOrder',
  description: "What a stop's days, and so its place in the trip, come from.",
  valuesConfig: {
    ATTENDANCE: { description: 'The days the delegation attended an event here, as the article states them (`EventParticipant.attendedFrom`).' },
    EVENT_DATES: { description: "The events' own days: the article does not say which days the delegation was there." },
    ARTICLE_ORDER: { description: 'No day is known: the order in which the article reports the events.' },
  },
});

@ObjectType({
  description:
    'One stop of a trip: a city, or a country where the articles name no city, with the events the delegation took part in there.',
  simpleResolvers: true,
})
export class ItineraryStop {
  @Field(() => Country, { nullable: true, description: 'The country; null only for the last stop, which holds events the articles do not place at all.' })
  country!: Country | null;

  @Field(() => City, { nullable: true, description: 'The city; null for events the articles place in the country only.' })
  city!: City | null;

  @Field(() => DateScalar, { nullable: true, description: 'The first known day at this stop: of the delegation attending an event here when the article says, else of the events; null when no day is known.' })
  arrivalDate!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The last known day at this stop, like `arrivalDate`.' })
  departureDate!: string | null;

  @Field(() => StopOrder, { description: 'What placed this stop in the trip: attendance days, event days, or the article\'s order.' })
  orderedBy!: StopOrder;

  @Field(() => [Event], { description: 'The events at this stop, by day (attendance, else the event\'s own; events without a known day last, never given an invented one).' })
  events!: Event[];
}
