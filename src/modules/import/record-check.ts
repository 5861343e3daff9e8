import { isIsoCountryCode } from '../../shared/countries.js';
import type { IssueCode, PlaceCandidate } from '../../shared/errors.js';
import { dateBounds } from '../../shared/dates.js';
import { namesIn } from '../../shared/names.js';
import type { EvidenceInput, RecordType } from './document.js';
import { quoteStatesDate } from './quote-content.js';

// The machinery of the record checks: what a check looks up (Scope) and how it reports (RecordCheck).
// The rules one extracted record must meet are in checks.ts and people-checks.ts.

export type Path = (string | number)[];

/** What a record's checks look up outside the record: the article body and the records it refers to. */
export interface Scope {
  body: string;
  /** A city the record refers to: its name and country; undefined when there is none by this reference. */
  city(ref: string): { name: string; countryCode: string } | undefined;
  /** Whether a record of this kind exists under the reference (a document key, or a global ID in an edit). */
  has(kind: Referable, ref: string): boolean;
  /** Whether the country is listed (a document's `countries`; always, in an edit: it adds what it names). */
  listsCountry(code: string): boolean;
  /** A delegation's parent reference, for the cycle check. */
  parentOf(delegationRef: string): string | null | undefined;
  /** The article's date, from which a date without a year is read (quote checks). */
  articleDate: string | null;
  /**
   * Every name a quote may use for a record: a place's mention and gazetteer names; a country's names and
   * those of its places ("In Riyadh, ..." places a record in Saudi Arabia: the gazetteer says so); an
   * organization's name. Undefined when not known here (an edit does not re-read stored links).
   */
  namesOf(kind: Named, ref: string): string[] | undefined;
}

/** The kinds of record a record refers to by key (or by global ID in an edit). */
export type Referable = 'referenceSource' | 'organization' | 'person' | 'delegation' | 'event' | 'agreement';
/** The kinds of record a quote names. */
export type Named = 'city' | 'country' | 'organization' | 'person';

/** A fact whose value a quote must express: a date, or a place or organization it must name. */
type Stated = { date: string } | { city: string } | { country: string } | { organization: string } | { person: string };

/** One problem, at its path from wherever the caller started the check. */
export interface Issue {
  segments: Path;
  code: IssueCode;
  message: string;
  candidates?: PlaceCandidate[];
}

/** Collects the problems of records checked against one scope. */
export class RecordCheck {
  readonly issues: Issue[] = [];

  constructor(readonly scope: Scope) {}

  report(segments: Path, code: IssueCode, message: string) {
    this.issues.push({ segments, code, message });
  }

  refer(kind: Referable | 'city', path: Path, ref: string | null | undefined) {
    if (ref == null) return;
    const found = kind === 'city' ? this.scope.city(ref) !== undefined : this.scope.has(kind, ref);
    if (!found) this.report(path, 'UNKNOWN_REFERENCE', `no ${kind} with key ${JSON.stringify(ref)} in this document`);
  }

  country(path: Path, code: string | null | undefined) {
    if (code == null) return;
    if (!isIsoCountryCode(code)) this.report(path, 'UNKNOWN_COUNTRY_CODE', `${code} is not an ISO 3166-1 alpha-2 country code`);
    else if (!this.scope.listsCountry(code)) this.report(path, 'UNKNOWN_REFERENCE', `country ${code} is not listed in this document's countries`);
  }

  /** A record placed in a city and a country: both must exist, and the country must be the city's own. */
  place(path: Path, cityRef: string | null | undefined, code: string | null | undefined) {
    this.refer('city', [...path, 'cityKey'], cityRef);
    this.country([...path, 'countryCode'], code);
    const city = cityRef == null ? undefined : this.scope.city(cityRef);
    if (city && code != null && city.countryCode !== code) {
      this.report([...path, 'countryCode'], 'COUNTRY_MISMATCH', `city ${city.name} is in ${city.countryCode}, not ${code}`);
    }
  }

  dateRange(path: Path, start: string | null | undefined, end: string | null | undefined) {
    if (end != null && start == null) this.report([...path, 'endDate'], 'INVALID_DATE_RANGE', 'an end date needs a start date');
    // A month or a year is the range of its days: "September" to "Sept 9" is a range; Oct 5 to September is not.
    if (start != null && end != null && dateBounds(start).from > dateBounds(end).to) this.report([...path, 'endDate'], 'INVALID_DATE_RANGE', `ends (${end}) before it starts (${start})`);
  }

  /**
   * Locates each quote: offsets given must match the body; offsets left out are filled in when the quote
   * occurs exactly once (with one offset given, the other follows from the quote's length).
   */
  evidence(path: Path, record: { evidence: EvidenceInput[] }) {
    const body = this.scope.body;
    record.evidence.forEach((item, index) => {
      const at = [...path, 'evidence', index];
      if (item.start == null && item.end == null) {
        const found = occurrences(body, item.quote);
        if (found.length === 1) Object.assign(item, { start: found[0]!, end: found[0]! + item.quote.length });
        else if (found.length === 0) this.report([...at, 'quote'], 'QUOTE_MISMATCH', 'the quote does not occur in the article body');
        else this.report([...at, 'quote'], 'AMBIGUOUS_QUOTE', `the quote occurs ${found.length} times (at ${found.join(', ')}); give its start and end`);
        return;
      }
      item.start ??= item.end! - item.quote.length;
      item.end ??= item.start + item.quote.length;
      if (item.start < 0 || item.end <= item.start || item.end > body.length) {
        this.report([...at, 'end'], 'QUOTE_MISMATCH', `offsets ${item.start}..${item.end} are outside the body (length ${body.length})`);
      } else if (body.slice(item.start, item.end) !== item.quote) {
        const found = body.indexOf(item.quote);
        this.report([...at, 'quote'], 'QUOTE_MISMATCH', found < 0
          ? 'the quote does not occur in the article body'
          : `the quote is not at ${item.start}..${item.end}; it occurs at ${found}..${found + item.quote.length}`);
      }
    });
  }

  /** Every fact a record states must be supported by a quote that names it in `facts`. */
  facts(type: RecordType, path: Path, record: { evidence: EvidenceInput[] }, facts: Record<string, unknown>) {
    if (record.evidence.length === 0) this.report([...path, 'evidence'], 'MISSING_EVIDENCE', `every ${type} needs at least one quote`);
    for (const [fact, value] of Object.entries(facts)) {
      const stated = Array.isArray(value) ? value.length > 0 : value != null && value !== false;
      if (stated && !record.evidence.some((item) => (item.facts as string[]).includes(fact))) {
        this.report([...path, 'evidence'], 'MISSING_EVIDENCE', `no quote supports ${type}.${fact}; add one with "${fact}" in its facts`);
      }
    }
  }

  quoted(path: Path, record: { evidence: EvidenceInput[] }, fact: string, value: string, exact = false) {
    const quotes = record.evidence.filter((item) => (item.facts as string[]).includes(fact)).map((item) => item.quote);
    const ok = exact ? quotes.includes(value) : quotes.some((quote) => quote.toLowerCase().includes(value.toLowerCase()));
    if (!ok) this.report(path, 'NOT_QUOTED', exact
      ? `${fact} must be verbatim: no quote with "${fact}" in its facts equals it`
      : `${fact} is marked as quoted, but no quote with "${fact}" in its facts contains it`);
  }

  /**
   * A stated fact must be in the words of a quote that supports it: a date expressed (its year may be
   * inferred from the article's date), a place or an organization named by one of its names. Otherwise
   * FACT_NOT_IN_QUOTE, at the path of the field (a quote tagged startDate with no date in it backs nothing).
   */
  statedIn(path: Path, record: { evidence: EvidenceInput[] }, fact: string, value: Stated | null) {
    if (value === null) return;
    const quotes = record.evidence.filter((item) => (item.facts as string[]).includes(fact)).map((item) => item.quote);
    if (quotes.length === 0) return; // MISSING_EVIDENCE, reported by facts()
    if ('date' in value) {
      if (!quotes.some((quote) => quoteStatesDate(quote, value.date, this.scope.articleDate).stated)) {
        this.report(path, 'FACT_NOT_IN_QUOTE', `no quote with "${fact}" in its facts states the date ${value.date}${this.scope.articleDate ? ` (a year it leaves out is read from the article's date, ${this.scope.articleDate})` : ''}`);
      }
      return;
    }
    const [kind, ref] = Object.entries(value)[0] as [Named, string];
    const names = this.scope.namesOf(kind, ref);
    if (names === undefined || names.length === 0) return;
    if (!quotes.some((quote) => namesIn(quote, names) !== null)) {
      const shown = names.slice(0, 3).map((name) => JSON.stringify(name)).join(', ');
      this.report(path, 'FACT_NOT_IN_QUOTE', `no quote with "${fact}" in its facts names the ${kind} (${shown}${names.length > 3 ? ', ...' : ''})`);
    }
  }

  /** A list that names the same thing twice. */
  unique(path: Path, values: string[], message: string) {
    if (new Set(values).size !== values.length) this.report(path, 'DUPLICATE_KEY', message);
  }
}


/** Every offset at which `quote` starts in `body`, overlapping ones included. */
function occurrences(body: string, quote: string): number[] {
  const found: number[] = [];
  for (let at = body.indexOf(quote); at >= 0; at = body.indexOf(quote, at + 1)) found.push(at);
  return found;
}
