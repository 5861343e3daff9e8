import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { AgreementKind, EventKind } from '../../generated/prisma/enums.js';
import { DateRangeFilter } from '../../shared/filters.js';
import { City, Country } from '../place/place.type.js';

@InputType({
  description:
    'Narrows every count of `stats`. Each count applies the fields its list’s filter has, with the same meaning, so ' +
    '`stats(filter: F)` agrees with `events`, `agreements` and `delegations` filtered the same way. `from`/`to` compare ' +
    'with event days, signing days and trip dates.',
})
export class StatsFilter extends DateRangeFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Events and agreements in this country; delegations that visited it (ISO 3166-1 alpha-2 code).',
  })
  countryCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'Events and agreements in this city. Does not narrow delegations.' })
  cityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Records reported by this article.' })
  articleId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Events this delegation took part in, and this delegation itself. Does not narrow agreements.',
  })
  delegationId?: string | null;

  @Field(() => EventKind, { nullable: true, description: 'Events of this kind. Narrows only the event counts.' })
  eventKind?: EventKind | null;

  @Field(() => AgreementKind, { nullable: true, description: 'Agreements of this kind. Narrows only the agreement counts.' })
  agreementKind?: AgreementKind | null;
}

@ObjectType({ description: 'How many records fall in one country.', simpleResolvers: true })
export class CountryCount {
  @Field(() => Country, { nullable: true, description: 'The country; null counts the records whose country the articles do not give.' })
  country!: Country | null;

  @Field(() => Int, { description: 'Number of records.' })
  count!: number;
}

@ObjectType({ description: 'How many records fall in one city.', simpleResolvers: true })
export class CityCount {
  @Field(() => City, { nullable: true, description: 'The city; null counts the records whose city the articles do not give.' })
  city!: City | null;

  @Field(() => Int, { description: 'Number of records.' })
  count!: number;
}

@ObjectType({ description: 'How many events are of one kind.', simpleResolvers: true })
export class EventKindCount {
  @Field(() => EventKind, { description: 'The kind.' })
  kind!: EventKind;

  @Field(() => Int, { description: 'Number of events.' })
  count!: number;
}

@ObjectType({ description: 'How many agreements are of one kind.', simpleResolvers: true })
export class AgreementKindCount {
  @Field(() => AgreementKind, { description: 'The kind.' })
  kind!: AgreementKind;

  @Field(() => Int, { description: 'Number of agreements.' })
  count!: number;
}

@ObjectType({ description: 'How many events began in one month.', simpleResolvers: true })
export class MonthCount {
  @Field(() => String, { nullable: true, description: 'The month, `YYYY-MM`; null counts the events whose day the articles do not give.' })
  month!: string | null;

  @Field(() => Int, { description: 'Number of events.' })
  count!: number;
}

@ObjectType({
  description:
    'Counts for charts, computed in SQL with GROUP BY. Buckets come largest first (months in calendar order); a bucket ' +
    'with a null key counts the records the articles do not place or date, so the counts of a breakdown add up to the total.',
})
export class Stats {
  @Field(() => Int, { description: 'Number of events.' })
  eventCount!: number;

  @Field(() => Int, { description: 'Number of agreements.' })
  agreementCount!: number;

  @Field(() => Int, { description: 'Number of delegations.' })
  delegationCount!: number;

  @Field(() => [CountryCount], { description: 'Events by the country they took place in.' })
  eventsByCountry!: CountryCount[];

  @Field(() => [CityCount], { description: 'Events by the city they took place in.' })
  eventsByCity!: CityCount[];

  @Field(() => [EventKindCount], { description: 'Events by kind.' })
  eventsByKind!: EventKindCount[];

  @Field(() => [MonthCount], { description: 'Events by the month of their first day, in calendar order; the null month last.' })
  eventsByMonth!: MonthCount[];

  @Field(() => [CountryCount], { description: 'Agreements by the country they were signed in.' })
  agreementsByCountry!: CountryCount[];

  @Field(() => [AgreementKindCount], { description: 'Agreements by kind.' })
  agreementsByKind!: AgreementKindCount[];

  @Field(() => [CountryCount], {
    description: 'Delegations by country visited: a delegation counts once in every country of its trip (under a country filter, in that country only), and under null when its trip names none.',
  })
  delegationsByCountry!: CountryCount[];
}
