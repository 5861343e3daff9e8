import type { ArticleDocument } from '../import/document.js';
import { foldName } from '../../shared/names.js';
import type { Span } from './text.js';

// What the drafting rules share while they work: the records made so far (the document's sections, with
// quotes as spans of the body) and the notes on what they were unsure of. Each rule adds to it in turn.

/** A quote as a span of the body, with the facts it supports; its text is cut from the body at the end. */
export interface Quote extends Span {
  facts: string[];
}

type Quoted<T> = Omit<T, 'evidence'> & { evidence: Quote[] };
type Section<K extends keyof ArticleDocument> = ArticleDocument[K] extends (infer R)[] ? Quoted<R> : never;

export type DraftCountry = Section<'countries'>;
export type DraftCity = Section<'cities'>;
export type DraftOrganization = Section<'organizations'>;
export type DraftPerson = Section<'people'>;
export type DraftDelegation = Section<'delegations'>;
export type DraftEvent = Section<'events'>;
export type DraftAgreement = Section<'agreements'>;
export type DraftImage = Section<'images'>;
export type DraftFigure = Section<'figures'>;

export interface DraftRecords {
  countries: DraftCountry[];
  cities: DraftCity[];
  organizations: DraftOrganization[];
  people: DraftPerson[];
  delegations: DraftDelegation[];
  events: DraftEvent[];
  agreements: DraftAgreement[];
  images: DraftImage[];
  figures: DraftFigure[];
}
export type DraftSection = keyof DraftRecords;

/** Something the draft was unsure of, at the span of the body it is about. */
export interface DraftNote extends Span {
  section: DraftSection | 'article';
  /** The record's key (a country's ISO code), or null for the article. */
  key: string | null;
  message: string;
}

export function emptyRecords(): DraftRecords {
  return { countries: [], cities: [], organizations: [], people: [], delegations: [], events: [], agreements: [], images: [], figures: [] };
}

/** Adds a quote to a record's evidence, merging its facts into a quote of the same span. */
export function cite(record: { evidence: Quote[] }, span: Span, facts: readonly string[]) {
  const same = record.evidence.find((q) => q.start === span.start && q.end === span.end);
  if (same) for (const fact of facts) { if (!same.facts.includes(fact)) same.facts.push(fact); }
  else record.evidence.push({ start: span.start, end: span.end, facts: [...facts] });
}

/** A key from words: lower case, ASCII letters and digits, dashes; at most 60 characters. */
export function slug(text: string): string {
  const out = foldName(text).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  return out === '' ? 'record' : out;
}

/** A key not yet used in `taken`, from `text`: "liaocheng-delegation", then "liaocheng-delegation-2". */
export function uniqueKey(text: string, taken: Iterable<{ key: string }>): string {
  const used = new Set([...taken].map((r) => r.key));
  const base = slug(text);
  let key = base;
  for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
  return key;
}

/** The span from the start of one to the end of another. */
export const spanning = (a: Span, b: Span): Span => ({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) });
