// English only: the package's root loads every locale (14 MB of RSS, 4.6 MB of heap, measured); its English
// entry point is the same casual parser for 8 MB and 1.1 MB.
import type * as chrono from 'chrono-node';
import { isPartialDate, precisionOf, type DatePrecision } from '../../shared/dates.js';
import { parse as chronoParse } from 'chrono-node/en';

// Whether a quote's words state a fact: the dates it names, the place names it mentions, and the match key
// of an organization's name. Pure functions of their arguments; dates are read with chrono-node.

export type Precision = DatePrecision;
export type Basis = 'STATED' | 'INFERRED';

/** One end of a date expression. A part finer than the expression's precision is null ("in September": day). */
export interface DateParts {
  /** Null when the text states no year and there is no reference date to infer one from. */
  year: number | null;
  month: number | null;
  day: number | null;
  /** Whether the words fix the part; false for a part inferred from the article's date ("Sept 6": the year). */
  stated: { year: boolean; month: boolean; day: boolean };
}

/** A date expression of a quote, at its UTF-16 offsets `start`..`end`; `to` is the end of a range. */
export interface DateMention {
  text: string;
  start: number;
  end: number;
  from: DateParts;
  to: DateParts | null;
}

export interface DateBacking {
  stated: boolean;
  /** How the best matching mention backs each part the value has. */
  basis?: { year: Basis; month?: Basis; day?: Basis };
}

interface CalendarValue {
  year: number;
  month: number | null;
  day: number | null;
}

/** Reads 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'; throws on anything else, including days no calendar has. */
function calendarValue(value: string): CalendarValue {
  if (!isPartialDate(value)) throw new RangeError(`not a date value: "${value}"`);
  const [year, month, day] = value.split('-').map(Number) as [number, number?, number?];
  return { year, month: month ?? null, day: day ?? null };
}

/** The precision of a date value, as the stored dates have it (shared/dates.ts); throws on a non-date. */
export function datePrecision(value: string): Precision {
  calendarValue(value);
  return precisionOf(value);
}

type Part = 'year' | 'month' | 'day';
const parts: Part[] = ['year', 'month', 'day'];

// A part is stated when the words alone fix it: it comes out the same under two references more than a year
// apart. chrono calls "last year" or "yesterday" certain, yet they move with the reference; and the start of
// "2 September to 9 September 2023" has an implied year that the text fixes. With no reference date, two
// fixed ones serve, and whatever is not stated is unknown.
const shiftDays = 400;
const noReference = '2001-03-10';

// A leap day ("Feb 29") has no twin 400 days on, where chrono finds no Feb 29; four years on (1461 days) it has.
const leapShiftDays = 1461;

function references(referenceDate: string | null): [chrono.ParsingReference, chrono.ParsingReference, chrono.ParsingReference] {
  const day = calendarValue(referenceDate ?? noReference);
  if (day.day === null) throw new RangeError(`a reference date is 'YYYY-MM-DD': "${referenceDate}"`);
  // Noon UTC, read in UTC: the reference is that calendar day whatever the machine's time zone.
  const noon = Date.UTC(day.year, (day.month ?? 1) - 1, day.day, 12);
  const at = (days: number) => ({ instant: new Date(noon + days * 86_400_000), timezone: 0 });
  return [at(0), at(shiftDays), at(leapShiftDays)];
}

// chrono reads "Sept 2 through 9" as the hours 2 to 9 and stops a range at an en dash; the rewrite it reads
// keeps every offset (same length), so mentions still point into the quote.
function chronoText(quote: string): string {
  return quote
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\b(through|thru|until|till)\b/gi, (word) => `${' '.repeat(word.length - 2)}to`);
}

function dateParts(found: chrono.ParsedComponents, shifted: chrono.ParsedComponents | undefined, anchored: boolean): DateParts {
  // The precision is the finest part chrono read: "September" has an implied day 1 that nobody wrote.
  const finest = parts.findLastIndex((part) => found.isCertain(part));
  const stated = (part: Part) => parts.indexOf(part) <= finest && shifted !== undefined && shifted.get(part) === found.get(part);
  const value = (part: Part) => (parts.indexOf(part) > finest || (!anchored && !stated(part)) ? null : found.get(part));
  return {
    year: value('year'),
    month: value('month'),
    day: value('day'),
    stated: { year: stated('year'), month: stated('month'), day: stated('day') },
  };
}

/** A date for our purposes states a month or a year: not a weekday alone, a time, or "last week". */
const statesDate = (p: DateParts) => p.stated.month || p.stated.year;

// chrono takes a lowercase "march" or "may" for a month; an expression without digits must be capitalised.
const uncapitalisedWords = (text: string) => !/\d/.test(text) && /^\p{Ll}/u.test(text);

function chronoMentions(quote: string, referenceDate: string | null): DateMention[] {
  const text = chronoText(quote);
  const [reference, shifted, leapShifted] = references(referenceDate);
  const others = chronoParse(text, shifted);
  let leapOthers: ReturnType<typeof chronoParse> | undefined;
  return chronoParse(text, reference).flatMap((result) => {
    const same = (other: (typeof others)[number]) => other.index === result.index && other.text === result.text;
    const twin = others.find(same) ?? (leapOthers ??= chronoParse(text, leapShifted)).find(same);
    const from = dateParts(result.start, twin?.start, referenceDate !== null);
    const to = result.end ? dateParts(result.end, twin?.end, referenceDate !== null) : null;
    const mention = trimmed(quote, result.index, result.index + result.text.length, from, to);
    const keep = (statesDate(from) || (to !== null && statesDate(to))) && !uncapitalisedWords(mention.text);
    return keep ? [mention] : [];
  });
}

/** chrono's text may begin with "on" ("on 6 September") or end in a space ("Sept 2 – 9"); the mention does not. */
function trimmed(quote: string, start: number, end: number, from: DateParts, to: DateParts | null): DateMention {
  const raw = quote.slice(start, end);
  const lead = /^(?:(?:on|at|in|from|since|by|of|the)\s+)*/i.exec(raw)?.[0].length ?? 0;
  const text = raw.slice(lead).trimEnd();
  return { text, start: start + lead, end: start + lead + text.length, from, to };
}

// chrono reads no year standing alone ("in 2023", "2019-2021"): a four-digit year not inside a larger number.
const yearPattern = /(?<![\p{L}\p{N}]|\d[.,])(?:19|20)\d\d(?![\p{L}\p{N}]|[.,]\d)/gu;

function yearMentions(quote: string, taken: DateMention[]): DateMention[] {
  return [...quote.matchAll(yearPattern)]
    .filter((match) => !taken.some((m) => match.index < m.end && match.index + 4 > m.start))
    .map((match) => ({
      text: match[0],
      start: match.index,
      end: match.index + 4,
      from: { year: Number(match[0]), month: null, day: null, stated: { year: true, month: false, day: false } },
      to: null,
    }));
}

/** Every date expression of the quote, in order; `referenceDate` is the article's date, 'YYYY-MM-DD', or null. */
export function dateMentions(quote: string, referenceDate: string | null): DateMention[] {
  const found = chronoMentions(quote, referenceDate);
  return [...found, ...yearMentions(quote, found)].sort((a, b) => a.start - b.start);
}

/** An end of a mention backs a value when it equals the value in every part the value has (it may say more). */
function backs(end: DateParts, value: CalendarValue): boolean {
  return end.year === value.year && (value.month === null || end.month === value.month) && (value.day === null || end.day === value.day);
}

function basisOf(end: DateParts, value: CalendarValue): NonNullable<DateBacking['basis']> {
  const of = (part: Part): Basis => (end.stated[part] ? 'STATED' : 'INFERRED');
  return { year: of('year'), ...(value.month !== null && { month: of('month') }), ...(value.day !== null && { day: of('day') }) };
}

export const inferredParts = (basis: NonNullable<DateBacking['basis']>) => Object.values(basis).filter((b) => b === 'INFERRED').length;

/**
 * Whether the quote states the date value: the start or the end of one of its mentions equals the value in
 * every part the value has. A day inside a range is not stated; a mention more precise than the value backs it
 * ("on Sept 6" backs "2023-09"). An unstated year counts as the year inferred from the reference date.
 */
export function quoteStatesDate(quote: string, value: string, referenceDate: string | null): DateBacking {
  const wanted = calendarValue(value);
  const bases = dateMentions(quote, referenceDate)
    .flatMap((mention) => [mention.from, mention.to])
    .filter((end): end is DateParts => end !== null && backs(end, wanted))
    .map((end) => basisOf(end, wanted))
    .sort((a, b) => inferredParts(a) - inferredParts(b));
  return bases[0] ? { stated: true, basis: bases[0] } : { stated: false };
}
