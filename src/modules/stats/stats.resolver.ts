import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { loadOptional } from '../../shared/loaders.js';
import { countBy, delegationsByCountry, eventsByMonth, statsScope, totals, type StatsScope } from './stats.service.js';
import type { Bucket } from './stat-counts.js';
import { CityCount, CountryCount, Stats, StatsFilter } from './stats.type.js';

const byKind = <K>(buckets: Bucket<K>[]) => buckets.map(({ key, count }) => ({ kind: key, count }));

@Resolver(() => Stats)
export class StatsResolver {
  @Query(() => Stats, { description: 'Counts for dashboards, narrowed by the same filters as the lists. Each count runs only when asked for.' })
  stats(@Ctx() { db }: Context, @Arg('filter', () => StatsFilter, { nullable: true, description: 'Narrows every count; omitted fields do not filter.' }) filter?: StatsFilter | null) {
    return statsScope(db, filter);
  }

  @FieldResolver()
  eventCount(@Root() scope: StatsScope, @Ctx() ctx: Context) {
    return totals(ctx, scope, 'events');
  }

  @FieldResolver()
  agreementCount(@Root() scope: StatsScope, @Ctx() ctx: Context) {
    return totals(ctx, scope, 'agreements');
  }

  @FieldResolver()
  delegationCount(@Root() scope: StatsScope, @Ctx() ctx: Context) {
    return totals(ctx, scope, 'delegations');
  }

  @FieldResolver()
  eventsByCountry(@Root() scope: StatsScope, @Ctx() ctx: Context) {
    return countBy(ctx, scope, 'eventsByCountry');
  }

  @FieldResolver()
  eventsByCity(@Root() scope: StatsScope, @Ctx() ctx: Context) {
    return countBy(ctx, scope, 'eventsByCity');
  }

  @FieldResolver()
  async eventsByKind(@Root() scope: StatsScope, @Ctx() ctx: Context) {
    return byKind(await countBy(ctx, scope, 'eventsByKind'));
  }

  @FieldResolver()
  async eventsByMonth(@Root() scope: StatsScope, @Ctx() ctx: Context) {
    return (await eventsByMonth(ctx, scope)).map(({ key, count }) => ({ month: key, count }));
  }

  @FieldResolver()
  agreementsByCountry(@Root() scope: StatsScope, @Ctx() ctx: Context) {
    return countBy(ctx, scope, 'agreementsByCountry');
  }

  @FieldResolver()
  async agreementsByKind(@Root() scope: StatsScope, @Ctx() ctx: Context) {
    return byKind(await countBy(ctx, scope, 'agreementsByKind'));
  }

  @FieldResolver()
  delegationsByCountry(@Root() scope: StatsScope, @Ctx() ctx: Context) {
    return delegationsByCountry(ctx, scope);
  }
}

@Resolver(() => CountryCount)
export class CountryCountResolver {
  @FieldResolver()
  country(@Root() bucket: Bucket<number>, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.country, bucket.key);
  }
}

@Resolver(() => CityCount)
export class CityCountResolver {
  @FieldResolver()
  city(@Root() bucket: Bucket<number>, @Ctx() { loaders }: Context) {
    return loadOptional(loaders.city, bucket.key);
  }
}
