import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../shared/scalars.js';

export enum DatePrecisionKind {
  DAY = 'DAY',
  MONTH = 'MONTH',
  YEAR = 'YEAR',
}
registerEnumType(DatePrecisionKind, {
  name: 'DatePrecision',
  description: 'How much of a date the article gives.',
  valuesConfig: {
    DAY: { description: 'A day: "on Sept 6".' },
    MONTH: { description: 'A month: "in September 2023"; the date stands for its days.' },
    YEAR: { description: 'A year: "in 2023"; the date stands for its days.' },
  },
});

export enum DatePartBasis {
  STATED = 'STATED',
  INFERRED = 'INFERRED',
}
registerEnumType(DatePartBasis, {
  name: 'DatePartBasis',
  description: 'Whether a part of a date (year, month, day) is in the words of a quote, or inferred.',
  valuesConfig: {
    STATED: { description: 'A quote states it.' },
    INFERRED: { description: 'No quote states it: inferred, the year from the article\'s date ("Sept 2" in an article of 2023-09-15).' },
  },
});

@ObjectType({ description: 'A date as the article gives it: its precision, the days it covers, and which of its parts a quote states.', simpleResolvers: true })
export class DateDetail {
  @Field(() => String, { description: 'As stated: 2023-09-06, 2023-09 or 2023.' })
  value!: string;

  @Field(() => DatePrecisionKind, { description: 'Day, month or year.' })
  precision!: DatePrecisionKind;

  @Field(() => DateScalar, { description: 'The first day it covers (filters and the itinerary use the range).' })
  from!: string;

  @Field(() => DateScalar, { description: 'The last day it covers.' })
  to!: string;

  @Field(() => DatePartBasis, { nullable: true, description: 'Whether its quotes state the year; null when no quote expresses the date (data written before quotes were checked).' })
  year!: DatePartBasis | null;

  @Field(() => DatePartBasis, { nullable: true, description: 'Whether its quotes state the month; null for a year, or as for `year`.' })
  month!: DatePartBasis | null;

  @Field(() => DatePartBasis, { nullable: true, description: 'Whether its quotes state the day; null for a month or a year, or as for `year`.' })
  day!: DatePartBasis | null;
}
