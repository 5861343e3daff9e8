import { Arg, Ctx, FieldResolver, Int, ObjectType, Field, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { OrganizationKind } from '../../generated/prisma/enums.js';
import { FigureTotal } from '../figure/figure.type.js';
import type { Bucket } from './stat-counts.js';
import { largestFirst, type StatsScope } from './stats.service.js';
import { CountryCount, Stats } from './stats.type.js';
import { unitKey } from '../../shared/units.js';

// Stats of the other side of events and of figures, under the same filter as every other count: an event
// counts once per country (or kind) on its other side; figures count with the record they are about.

@ObjectType({ description: 'A number of events by the kind of organization on their other side.', simpleResolvers: true })
export class OrganizationKindCount {
  @Field(() => OrganizationKind, { description: 'The kind of organization.' })
  kind!: OrganizationKind;

  @Field(() => Int, { description: 'Number of events.' })
  count!: number;
}


/** The distinct (event, value) pairs of the events in scope, counted by value. */
function countDistinct<K extends string | number>(pairs: [number, K | null][]): Bucket<K>[] {
  const seen = new Set<string>();
  const counts = new Map<K, number>();
  for (const [eventId, value] of pairs) {
    if (value == null || seen.has(`${eventId}:${value}`)) continue;
    seen.add(`${eventId}:${value}`);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return largestFirst([...counts].map(([key, count]) => ({ key, count })));
}

async function counterpartsInScope({ db }: Context, scope: StatsScope) {
  return db.eventCounterpart.findMany({
    where: { event: scope.events },
    select: { eventId: true, organization: { select: { countryId: true, kind: true } }, person: { select: { countryId: true } } },
  });
}

/** The figures of the records in scope, summed per unit key. */
export async function figureTotals({ db }: Context, scope: StatsScope, unit: string | null | undefined): Promise<FigureTotal[]> {
  const rows = await db.figure.findMany({
    where: { ...(unit != null && { unitKey: unitKey(unit) }), ...scope.figures },
    select: { unitKey: true, value: true, qualifier: true },
  });
  const totals = new Map<string, FigureTotal>();
  for (const row of rows) {
    const total = totals.get(row.unitKey) ?? { unit: row.unitKey, figures: 0, total: 0, exact: true };
    total.figures += 1;
    total.total += row.value;
    total.exact &&= row.qualifier === 'EXACT';
    totals.set(row.unitKey, total);
  }
  return [...totals.values()].sort((a, b) => b.figures - a.figures || a.unit.localeCompare(b.unit));
}

@Resolver(() => Stats)
export class CounterpartStatsResolver {
  @FieldResolver(() => [CountryCount], { description: 'Events by the country of the organizations and people on their other side (hosts, organizers, counterparts); an event counts once per country. Events without a counterpart are not counted.' })
  async eventsByCounterpartCountry(@Root() scope: StatsScope, @Ctx() ctx: Context) {
    const rows = await counterpartsInScope(ctx, scope);
    return countDistinct<number>(rows.map((r) => [r.eventId, r.organization?.countryId ?? r.person?.countryId ?? null]));
  }

  @FieldResolver(() => [OrganizationKindCount], { description: 'Events by the kind of organization on their other side; an event counts once per kind. People on the other side count in `eventsByCounterpartCountry` only.' })
  async eventsByCounterpartKind(@Root() scope: StatsScope, @Ctx() ctx: Context) {
    const rows = await counterpartsInScope(ctx, scope);
    return countDistinct<OrganizationKind>(rows.map((r) => [r.eventId, r.organization?.kind ?? null])).map(({ key, count }) => ({ kind: key, count }));
  }

  @FieldResolver(() => [FigureTotal], { description: 'Figures summed per unit (`Figure.unitKey`), of the delegations, events and agreements the filter selects (a figure counts with its record; a filter field that does not narrow a kind of record, such as `delegationId` for agreements, leaves that kind\'s figures out); most figures first.' })
  figureTotals(
    @Root() scope: StatsScope,
    @Ctx() ctx: Context,
    @Arg('unit', () => String, { nullable: true, description: 'Only this unit, written as the articles do ("representatives", "US dollars"): it is folded like `Figure.unitKey`.' }) unit?: string | null,
  ) {
    return figureTotals(ctx, scope, unit);
  }
}
