import { Field, InputType } from 'type-graphql';
import { isIsoCountryCode } from './countries.js';
import { badUserInput } from './errors.js';
import { DateScalar } from './scalars.js';

type Where = Record<string, unknown>;

/** A country code argument, upper-cased; BAD_USER_INPUT unless it is an ISO 3166-1 alpha-2 code. */
export function countryCodeArg(value: string, argumentPath: readonly (string | number)[]): string {
  const code = value.trim().toUpperCase();
  if (!isIsoCountryCode(code)) {
    throw badUserInput(`${JSON.stringify(value)} is not an ISO 3166-1 alpha-2 country code (such as KZ)`, argumentPath);
  }
  return code;
}

// Registered only so the filters that extend it inherit its fields; not emitted, as no field uses it.
@InputType()
export abstract class DateRangeFilter {
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Keep records whose known dates reach this day or later. Records with unknown dates are excluded by any date filter.',
  })
  from?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Keep records whose known dates begin on this day or earlier. Records with unknown dates are excluded by any date filter.',
  })
  to?: string | null;
}

/** Rejects a range that ends before it starts. */
export function checkRange(filter: DateRangeFilter | null | undefined, path: readonly (string | number)[] = ['filter']): void {
  if (filter?.from != null && filter.to != null && filter.from > filter.to) {
    throw badUserInput(`from (${filter.from}) is after to (${filter.to})`, [...path, 'from']);
  }
}

/**
 * Records whose known span [start, end ?? start] overlaps [from, to]; a record without a start date is
 * excluded as soon as either bound is given (an unknown date is neither in nor out of the range).
 *
 * `longestSpanDays` (no record's end lies further after its start) turns `from` into a lower bound on
 * `start` as well: `start >= from - longestSpanDays` is implied by the overlap, and makes it a range on
 * the start-date indexes. Without it SQLite reads every record that starts before `to` (every earlier
 * year of a country's events, for a filter on the last month) and tests each one's end.
 */
export function overlaps(start: string, end: string, range: DateRangeFilter | null | undefined, longestSpanDays?: number): Where[] {
  if (range?.from == null && range?.to == null) return [];
  // Dates are stored as stated: a day (2023-09-06), or a month (2023-09) or a year (2023) that stands for
  // its days. As text a month sorts before its days, so `start <= to` holds for a month that begins by `to`.
  const where: Where[] = [{ [start]: { not: null, ...(range.to != null && { lte: range.to }) } }];
  if (range.from == null) return where;
  // The month and the year `from` falls in: a record dated by one of them may have been on `from`.
  const containing = [range.from.slice(0, 7), range.from.slice(0, 4)];
  if (longestSpanDays !== undefined) where.push({ OR: [{ [start]: { gte: daysBefore(range.from, longestSpanDays) } }, { [start]: { in: containing } }] });
  // It ends on or after `from`: a day that late, or the month or year `from` falls in.
  where.push({ OR: [{ [end]: { gte: range.from } }, { [end]: { in: containing } }, { [end]: null, [start]: { gte: range.from } }, { [end]: null, [start]: { in: containing } }] });
  return where;
}

/** The YYYY-MM-DD day `days` days before `day`. */
function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** Records whose single known date lies in [from, to]; unknown dates are excluded. */
export function within(field: string, range: DateRangeFilter | null | undefined): Where[] {
  if (range?.from == null && range?.to == null) return [];
  const known = { [field]: { not: null, ...(range.to != null && { lte: range.to }) } };
  if (range.from == null) return [known];
  // A month or a year (stored as stated) is in the range when any of its days is.
  return [known, { OR: [{ [field]: { gte: range.from } }, { [field]: { in: [range.from.slice(0, 7), range.from.slice(0, 4)] } }] }];
}
