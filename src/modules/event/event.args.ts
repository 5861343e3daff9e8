import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { EventKind } from '../../generated/prisma/enums.js';
import { ConnectionArgs, OrderDirection } from '../../shared/connection.js';
import { DateRangeFilter } from '../../shared/filters.js';

@InputType({ description: 'Which events to list; omitted fields do not filter. Dates compare with the event’s known days.' })
export class EventFilter extends DateRangeFilter {
  @Field(() => String, { nullable: true, description: 'Only events in this country (ISO 3166-1 alpha-2 code).' })
  countryCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only events in this city.' })
  cityId?: string | null;

  @Field(() => EventKind, { nullable: true, description: 'Only events of this kind.' })
  kind?: EventKind | null;

  @Field(() => ID, { nullable: true, description: 'Only events this delegation took part in.' })
  delegationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only events reported by this article.' })
  articleId?: string | null;
}

export enum EventOrderField {
  START_DATE = 'startDate',
  NAME = 'name',
}
registerEnumType(EventOrderField, {
  name: 'EventOrderField',
  description: 'What to sort events by.',
  valuesConfig: {
    START_DATE: { description: 'The day the event began; events without a known day come last.' },
    NAME: { description: 'The event name.' },
  },
});

@InputType({ description: 'Sort order of events; ties are broken by creation order.' })
export class EventOrder {
  @Field(() => EventOrderField, { defaultValue: EventOrderField.START_DATE, description: 'What to sort by.' })
  field!: EventOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Which way.' })
  direction!: OrderDirection;
}

@ArgsType()
export class EventsArgs extends ConnectionArgs {
  @Field(() => EventFilter, { nullable: true, description: 'Narrows the list.' })
  filter?: EventFilter | null;

  @Field(() => EventOrder, { nullable: true, description: 'Sort order; by start date, earliest first, when omitted.' })
  orderBy?: EventOrder | null;
}
