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
 * Dates are stored as stated: a day (2023-09-06), or a month (2023-09) or a year (2023) that stands for its
 * days. As text a month sorts after the days of earlier months and before its own, so `start <= to` holds
 * for exactly the months that begin by `to`, and the end test takes the month and the year `from` falls in.
 *
 * `longestSpanDays` (no record's last possible day lies further after its first possible day; kept by
 * triggers, a month or a year alone counting its own days) turns `from` into a lower bound on `start` as
 * well, a day earlier so a month that begins on that day sorts in: `start > from - longestSpanDays - 1`
 * is implied by the overlap, and makes it one range on the start-date indexes. Without it SQLite reads
 * every record that starts before `to` (every earlier year of a country's events, for a filter on the last
 * month) and tests each one's end.
 */
export function overlaps(start: string, end: string, range: DateRangeFilter | null | undefined, longestSpanDays?: number): Where[] {
  if (range?.from == null && range?.to == null) return [];
  const earliest = range.from != null && longestSpanDays !== undefined ? daysBefore(range.from, longestSpanDays + 1) : undefined;
  const where: Where[] = [{ [start]: { not: null, ...(earliest !== undefined && { gte: earliest }), ...(range.to != null && { lte: range.to }) } }];
  if (range.from != null) {
    const containing = [range.from.slice(0, 7), range.from.slice(0, 4)];
    where.push({ OR: [{ [end]: { gte: range.from } }, { [end]: { in: containing } }, { [end]: null, [start]: { gte: range.from } }, { [end]: null, [start]: { in: containing } }] });
  }
  return where;
}

/** The YYYY-MM-DD day `days` days before `day`. */
function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Records whose single known date (a day, or a month or a year standing for its days) meets [from, to];
 * unknown dates are excluded. `longestSpanDays` is the most days a stored date of the field spans (0 when
 * all are days): as in `overlaps`, it makes `from` a lower bound on the field's index.
 */
export function within(field: string, range: DateRangeFilter | null | undefined, longestSpanDays = 0): Where[] {
  return overlaps(field, field, range, longestSpanDays);
}
