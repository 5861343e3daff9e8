import { FEDERATION_KEY } from '../../shared/federation-key.js';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EventKind, ParticipationRole } from '../../generated/prisma/enums.js';
import { connectionType } from '../../shared/connection.js';
import { DateScalar } from '../../shared/scalars.js';
import { Node } from '../node/node.type.js';

registerEnumType(EventKind, {
  name: 'EventKind',
  description: 'What kind of event it is.',
  valuesConfig: {
    EXHIBITION: { description: 'An exhibition or show of products, works or crafts.' },
    CONFERENCE: { description: 'A conference or forum.' },
    BUSINESS_PROMOTION: { description: 'A promotion of a place or its businesses to investors and partners.' },
    MEETING: { description: 'A meeting between companies or officials.' },
    TALKS: { description: 'Talks and exchanges with local governments, associations or companies.' },
    CULTURAL_EXCHANGE: { description: 'A cultural exchange activity.' },
    COOPERATION_EVENT: { description: 'An event held to further cooperation and exchanges, of no more specific form.' },
    SIGNING_CEREMONY: { description: 'A ceremony held to sign agreements.' },
    OTHER: { description: 'Any other kind of event.' },
  },
});

registerEnumType(ParticipationRole, {
  name: 'ParticipationRole',
  description: 'How a delegation took part in an event.',
  valuesConfig: {
    PARTICIPANT: { description: 'Attended or took part.' },
    HOST: { description: 'Hosted the event.' },
    EXHIBITOR: { description: 'Works or products from the delegation’s home were displayed.' },
  },
});

@Directive(FEDERATION_KEY)
@ObjectType({ implements: Node, description: 'An event that delegations took part in, as an article reports it.', simpleResolvers: true })
export class Event extends Node {
  @Field(() => Int, { description: 'Incremented by every change; pass it back when updating, and the update fails if the record changed since.' })
  version!: number;

  @Field(() => String, { description: 'Name of the event; see `nameIsQuoted`.' })
  name!: string;

  @Field(() => Boolean, {
    description: 'True when `name` is quoted from the article; false when the article only describes the event and the name is a summary.',
  })
  nameIsQuoted!: boolean;

  @Field(() => EventKind, { description: 'What kind of event it is.' })
  kind!: EventKind;

  @Field(() => String, { nullable: true, description: 'Summary of the event as the article reports it.' })
  description!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Day the event took place or began; null when the article gives no day (never guessed) A month or a year (document version 2) shows as its first day: `startDateDetail` gives the precision and range.' })
  startDate!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day, for an event the article reports over several days; null otherwise A month or a year (document version 2) shows as its first day: `endDateDetail` gives the precision and range.' })
  endDate!: string | null;
}

@ObjectType({ description: 'A delegation taking part in an event, and how.', simpleResolvers: true })
export class EventParticipant {
  @Field(() => ParticipationRole, { description: 'How the delegation took part.' })
  role!: ParticipationRole;

  @Field(() => DateScalar, { nullable: true, description: "The first day the delegation was at the event, when the article says so; the event's own days may be longer (a fair runs Oct 5-9, the delegation was there Oct 5-7). A month or a year shows as its first day." })
  attendedFrom!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The last day the delegation was at the event, when the article says so.' })
  attendedTo!: string | null;
}

export const EventConnection = connectionType(Event, 'Event', 'event');
