const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written `YYYY-MM-DD` (rejects `2023-02-30`). */
export function isCalendarDate(value: string): boolean {
  const match = isoDatePattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** How much of a date an article gives: a day, a month ("in September 2023") or a year. */
export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR';

const partialPattern = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** True for a calendar day, month or year written `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
export function isPartialDate(value: string): boolean {
  const match = partialPattern.exec(value);
  if (!match) return false;
  if (match[3] !== undefined) return isCalendarDate(value);
  return match[2] === undefined || (Number(match[2]) >= 1 && Number(match[2]) <= 12);
}

export function precisionOf(value: string): DatePrecision {
  return value.length === 10 ? 'DAY' : value.length === 7 ? 'MONTH' : 'YEAR';
}

/** The days a date covers: a day itself; a month or a year from its first day to its last. */
export function dateBounds(value: string): { from: string; to: string } {
  if (value.length === 10) return { from: value, to: value };
  if (value.length === 4) return { from: `${value}-01-01`, to: `${value}-12-31` };
  const [year, month] = value.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${value}-01`, to: `${value}-${String(last).padStart(2, '0')}` };
}

/** A stored date as a day for the `Date` fields: the first day of a month or a year (its precision says so). */
export const firstDay = (value: string | null): string | null => (value == null ? null : dateBounds(value).from);
