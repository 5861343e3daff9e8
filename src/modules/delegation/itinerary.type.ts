import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../../shared/scalars.js';
import { Event } from '../event/event.type.js';
import { City, Country } from '../place/place.type.js';

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

  @Field(() => DateScalar, { nullable: true, description: 'The first known day of an event at this stop; null when no event here has a known day.' })
  arrivalDate!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The last known day of an event at this stop; null when no event here has a known day.' })
  departureDate!: string | null;

  @Field(() => [Event], { description: 'The events at this stop, by day (events without a known day last, never given an invented one).' })
  events!: Event[];
}
