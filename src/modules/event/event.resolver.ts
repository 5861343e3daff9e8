import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { Event as EventRow, EventParticipation } from '../../generated/prisma/client.js';
import { loadOptional, loadRequired } from '../../shared/loaders.js';
import { Agreement } from '../agreement/agreement.type.js';
import { Delegation } from '../delegation/delegation.type.js';
import { extractedRecordResolver } from '../evidence/extracted.resolver.js';
import { Image } from '../image/image.type.js';
import { Organization } from '../organization/organization.type.js';
import { City, Country } from '../place/place.type.js';
import { EventsArgs } from './event.args.js';
import { delegationsOf, findEvent, listEvents, organizersOf } from './event.service.js';
import { Event, EventConnection, EventParticipant } from './event.type.js';

@Resolver(() => Event)
export class EventResolver extends extractedRecordResolver(Event, 'Event', 'eventId') {
  @Query(() => Event, { nullable: true, description: 'One event by global ID; null when none matches.' })
  event(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Global ID of the event.' }) id: string) {
    return findEvent(ctx, id);
  }

  @Query(() => EventConnection, { description: 'Events, filtered and sorted; by start date (unknown days last) unless `orderBy` says otherwise.' })
  events(@Ctx() ctx: Context, @Args(() => EventsArgs) args: EventsArgs) {
    return listEvents(ctx, args);
  }

  @FieldResolver(() => City, { nullable: true, description: 'The city the event took place in; null when the article names none.' })
  city(@Root() event: EventRow, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.city, event.cityId);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The country the event took place in; null when the article names none.' })
  country(@Root() event: EventRow, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.country, event.countryId);
  }

  @FieldResolver(() => [Delegation], { description: 'The delegations that took part; `participants` also tells how.' })
  delegations(@Root() event: EventRow, @Ctx() ctx: Context) {
    return delegationsOf(ctx, event.id);
  }

  @FieldResolver(() => [EventParticipant], { description: 'The delegations that took part, each with its role.' })
  participants(@Root() event: EventRow, @Ctx() { loaders }: Context) {
    return loaders.participationsByEvent.load(event.id);
  }

  @FieldResolver(() => [Organization], { description: 'The organizations that organized the event, when the article names them.' })
  organizers(@Root() event: EventRow, @Ctx() ctx: Context) {
    return organizersOf(ctx, event.id);
  }

  @FieldResolver(() => [Agreement], { description: 'Agreements signed at the event.' })
  agreements(@Root() event: EventRow, @Ctx() { loaders }: Context) {
    return loaders.agreementsByEvent.load(event.id);
  }

  @FieldResolver(() => [Image], { description: 'Images that show the event, in article order.' })
  images(@Root() event: EventRow, @Ctx() { loaders }: Context) {
    return loaders.imagesByEvent.load(event.id);
  }
}

@Resolver(() => EventParticipant)
export class EventParticipantResolver {
  @FieldResolver(() => Delegation, { description: 'The delegation.' })
  delegation(@Root() participation: EventParticipation, @Ctx() { loaders }: Context) {
    return loadRequired(loaders.delegation, participation.delegationId);
  }
}
