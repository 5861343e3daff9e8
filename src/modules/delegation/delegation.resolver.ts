import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { Delegation as DelegationRow } from '../../generated/prisma/client.js';
import { loadOptional } from '../../shared/loaders.js';
import { EventsArgs } from '../event/event.args.js';
import { delegationEvents } from '../event/event.service.js';
import { EventConnection } from '../event/event.type.js';
import { extractedRecordResolver } from '../evidence/extracted.resolver.js';
import { Organization } from '../organization/organization.type.js';
import { City, Country } from '../place/place.type.js';
import { DelegationsArgs } from './delegation.args.js';
import { countriesVisited, findDelegation, listDelegations } from './delegation.service.js';
import { Delegation, DelegationConnection } from './delegation.type.js';
import { itineraryOf, type Stop } from './itinerary.service.js';
import { ItineraryStop } from './itinerary.type.js';

@Resolver(() => Delegation)
export class DelegationResolver extends extractedRecordResolver(Delegation, 'Delegation', 'delegationId') {
  @Query(() => Delegation, { nullable: true, description: 'One delegation by global ID; null when none matches.' })
  delegation(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Global ID of the delegation.' }) id: string) {
    return findDelegation(ctx, id);
  }

  @Query(() => DelegationConnection, { description: 'Delegations, by trip start date (unknown dates last).' })
  delegations(@Ctx() ctx: Context, @Args(() => DelegationsArgs) args: DelegationsArgs) {
    return listDelegations(ctx, args);
  }

  @FieldResolver(() => City, { nullable: true, description: 'The city the delegation comes from, when the article says.' })
  homeCity(@Root() delegation: DelegationRow, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.city, delegation.homeCityId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The government or body that sent the delegation, when the article says.' })
  organization(@Root() delegation: DelegationRow, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.organization, delegation.organizationId);
  }

  @FieldResolver(() => Delegation, { nullable: true, description: 'The larger delegation this one travelled within, if any.' })
  parent(@Root() delegation: DelegationRow, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.delegation, delegation.parentId);
  }

  @FieldResolver(() => [Delegation], { description: 'Delegations that travelled within this one.' })
  subdelegations(@Root() delegation: DelegationRow, @Ctx() { loaders }: Context) {
    return loaders.childrenByDelegation.load(delegation.id);
  }

  @FieldResolver(() => [Country], { description: 'The countries the trip visited, in the order of the itinerary.' })
  countriesVisited(@Root() delegation: DelegationRow, @Ctx() ctx: Context) {
    return countriesVisited(ctx, delegation.id);
  }

  @FieldResolver(() => [ItineraryStop], {
    description:
      'The trip as ordered stops (city, or country where no city is named), each with its events; what a timeline renders. ' +
      'Countries in trip order, cities within a country by their first known day; dates only where the articles give them.',
  })
  itinerary(@Root() delegation: DelegationRow, @Ctx() ctx: Context) {
    return itineraryOf(ctx, delegation.id);
  }

  @FieldResolver(() => EventConnection, { description: 'Events the delegation took part in; accepts the same filter and order as `events`.' })
  events(@Root() delegation: DelegationRow, @Ctx() ctx: Context, @Args(() => EventsArgs) args: EventsArgs) {
    return delegationEvents(ctx, args, delegation.id);
  }
}

@Resolver(() => ItineraryStop)
export class ItineraryStopResolver {
  @FieldResolver()
  country(@Root() stop: Stop, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.country, stop.countryId);
  }

  @FieldResolver()
  city(@Root() stop: Stop, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.city, stop.cityId);
  }
}
