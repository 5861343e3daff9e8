import { Field, ID, InputType, Int } from 'type-graphql';
import { EventKind, ParticipationRole } from '../../generated/prisma/enums.js';
import { DateScalar } from '../../shared/scalars.js';
import { DocumentEvidenceInput } from '../import/document.input.js';

@InputType({ description: 'A delegation taking part in an event.' })
export class EventParticipantInput {
  @Field(() => ID, { description: 'The delegation; it must be reported by the same article as the event.' })
  delegationId!: string;

  @Field(() => ParticipationRole, { defaultValue: ParticipationRole.PARTICIPANT, description: 'How it took part.' })
  role!: ParticipationRole;

  @Field(() => DateScalar, { nullable: true, description: "The first day the delegation was there, when the article says so (a quote tagged `attendance` states it); omitted keeps the stored one, null clears it." })
  attendedFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The last day the delegation was there, like `attendedFrom`.' })
  attendedTo?: string | null;
}

@InputType({ description: 'The fields of an event an edit sets; in an update, an omitted field keeps its value and null clears it.' })
export class EventFieldsInput {
  @Field(() => String, { nullable: true, description: 'Name; quoted from the article when `nameIsQuoted`.' })
  name?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True when the name is quoted from the article.' })
  nameIsQuoted?: boolean | null;

  @Field(() => EventKind, { nullable: true, description: 'Kind of event.' })
  kind?: EventKind | null;

  @Field(() => String, { nullable: true, description: 'Summary of the event as the article reports it.' })
  description?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Day it took place or began; needs a quote with `startDate` in its facts.' })
  startDate?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day; needs a quote with `endDate` in its facts.' })
  endDate?: string | null;

  @Field(() => ID, { nullable: true, description: 'Its city; needs a quote with `city` in its facts that names the city.' })
  cityId?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO code of its country; needs a quote with `country` in its facts.' })
  countryCode?: string | null;

  @Field(() => [EventParticipantInput], { nullable: true, description: 'The delegations that took part (replaces the list); needs a `delegations` quote.' })
  participants?: EventParticipantInput[] | null;

  @Field(() => [ID], { nullable: true, description: 'The organizations that organized it (replaces the list); needs an `organizers` quote naming each.' })
  organizerIds?: string[] | null;

  @Field(() => [DocumentEvidenceInput], {
    nullable: true,
    description: 'The quotes that support the event (replaces them all): every stated fact needs one that names it in `facts`.',
  })
  evidence?: DocumentEvidenceInput[] | null;
}

@InputType({ description: 'A new event, reported by an article.' })
export class EventCreateInput extends EventFieldsInput {
  @Field(() => ID, { description: 'The article that reports the event; its quotes come from this article.' })
  articleId!: string;

  @Field(() => String, { description: 'Name; quoted from the article when `nameIsQuoted`.' })
  declare name: string;

  @Field(() => EventKind, { description: 'Kind of event.' })
  declare kind: EventKind;

  @Field(() => [DocumentEvidenceInput], { description: 'The quotes that support the event: every stated fact needs one that names it in `facts`.' })
  declare evidence: DocumentEvidenceInput[];
}

@InputType({ description: 'Changes to an event.' })
export class EventUpdateInput extends EventFieldsInput {
  @Field(() => ID, { description: 'The event.' })
  id!: string;

  @Field(() => Int, { description: 'The version of the event the edit is based on; the update fails with CONFLICT if it changed since.' })
  version!: number;
}

@InputType({ description: 'An event to delete.' })
export class EventDeleteInput {
  @Field(() => ID, { description: 'The event.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'When given, the delete fails with CONFLICT if the event changed since this version.' })
  version?: number | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Also delete the agreements and images that refer to the event; without it, such a delete is refused with REFERENCED.',
  })
  cascade!: boolean;
}
