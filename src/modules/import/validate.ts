import type { IssueCode, PlaceCandidate } from '../../shared/errors.js';
import { checkRecord, RecordCheck, type Scope } from './checks.js';
import { articleDocumentSchema, type ArticleDocument } from './document.js';
import { locate } from './places.js';
import { countryNames } from '../../shared/countries.js';
import { personKeyOrBlank, shortReferences } from '../../shared/names.js';

/** One problem in a document, at a path such as `events[2].evidence[0].quote`. */
export interface DocumentIssue {
  path: string;
  /** The same path as parts: `['events', 2, 'evidence', 0, 'quote']`. */
  segments: (string | number)[];
  message: string;
  code: IssueCode;
  candidates?: PlaceCandidate[];
}

function issueAt(path: readonly PropertyKey[], code: IssueCode, message: string, candidates?: PlaceCandidate[]): DocumentIssue {
  const segments = path.map((part) => (typeof part === 'number' ? part : String(part)));
  return { path: formatPath(segments), segments, message, code, ...(candidates ? { candidates } : {}) };
}

export class DocumentValidationError extends Error {
  constructor(readonly issues: DocumentIssue[]) {
    super(`invalid article document:\n${issues.map((issue) => `  ${issue.path}: ${issue.message} [${issue.code}]`).join('\n')}`);
    this.name = 'DocumentValidationError';
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)),
    '',
  );
}

/** Parses and checks a document; throws DocumentValidationError listing every problem found. */
export function validateDocument(input: unknown): ArticleDocument {
  const parsed = articleDocumentSchema.safeParse(input);
  if (!parsed.success) {
    throw new DocumentValidationError(
      parsed.error.issues.map((issue) => issueAt(issue.path, 'INVALID_VALUE', issue.message)),
    );
  }
  const issues = checkDocument(parsed.data);
  if (issues.length > 0) throw new DocumentValidationError(issues);
  return parsed.data;
}

/** A document's records, looked up by the keys its records refer to each other by. */
function documentScope(doc: ArticleDocument, firsts: { [K in 'referenceSources' | 'organizations' | 'people' | 'delegations' | 'events' | 'agreements']: Set<string> }): Scope {
  const cities = new Map<string, ArticleDocument['cities'][number]>();
  for (const city of doc.cities) if (!cities.has(city.key)) cities.set(city.key, city);
  const countries = new Set(doc.countries.map((c) => c.isoCode));
  const parents = new Map<string, string | null | undefined>();
  for (const d of doc.delegations) if (!parents.has(d.key)) parents.set(d.key, d.parentKey);
  const sets = { referenceSource: firsts.referenceSources, organization: firsts.organizations, person: firsts.people, delegation: firsts.delegations, event: firsts.events, agreement: firsts.agreements };
  const people = new Map(doc.people.map((p) => [p.key, p.name]));
  const countryNamed = new Map(doc.countries.map((c) => [c.isoCode, c.name]));
  const organizations = new Map(doc.organizations.map((o) => [o.key, o.name]));
  // Each city's gazetteer place and names, looked up once: every place or country fact asks for them.
  const located = new Map(doc.cities.map((c) => [c, locate(c, []).place]));
  const cityNames = new Map([...cities].map(([key, c]) => {
    const place = located.get(c);
    return [key, [c.name, ...(place ? [place.name, ...place.alternateNames] : [])]];
  }));
  // The article's places by every name a later reference may lead with: cities, their regions, countries.
  const places = new Set([...doc.cities.flatMap((c) => [c.name, located.get(c)?.region ?? '']), ...doc.countries.map((c) => c.name)]);
  const names: { [K in 'city' | 'country' | 'organization' | 'person']: (ref: string) => string[] | undefined } = {
    person: (key: string) => (people.has(key) ? [people.get(key)!] : undefined),
    city: (key: string) => cityNames.get(key),
    country: (code: string) => [
      ...(countryNamed.has(code) ? [countryNamed.get(code)!] : []),
      ...countryNames(code),
      ...doc.cities.filter((c) => c.countryCode === code).flatMap((c) => names.city(c.key) ?? []),
    ],
    organization: (key: string) => {
      const name = organizations.get(key);
      return name === undefined ? undefined : [name, ...shortReferences(name, places)];
    },
  };
  return {
    body: doc.article.body,
    articleDate: doc.article.updatedOn ?? null,
    namesOf: (kind, ref) => names[kind](ref),
    city: (key) => cities.get(key),
    has: (kind, key) => sets[kind].has(key),
    listsCountry: (code) => countries.has(code),
    parentOf: (key) => parents.get(key),
  };
}

function checkDocument(doc: ArticleDocument): DocumentIssue[] {
  const duplicates: DocumentIssue[] = [];
  const keysOf = <T, K extends string | number>(section: string, items: T[], keyOf: (item: T) => K, what = 'key') => {
    const seen = new Set<K>();
    items.forEach((item, index) => {
      const value = keyOf(item);
      if (seen.has(value)) duplicates.push(issueAt([section, index, what], 'DUPLICATE_KEY', `${what} ${JSON.stringify(value)} is used twice in ${section}`));
      else seen.add(value);
    });
    return seen;
  };
  const referenceSources = keysOf('referenceSources', doc.referenceSources, (s) => s.key);
  keysOf('countries', doc.countries, (c) => c.isoCode, 'isoCode');
  keysOf('cities', doc.cities, (c) => c.key);
  const organizations = keysOf('organizations', doc.organizations, (o) => o.key);
  const delegations = keysOf('delegations', doc.delegations, (d) => d.key);
  const events = keysOf('events', doc.events, (e) => e.key);
  const agreements = keysOf('agreements', doc.agreements, (a) => a.key);
  const people = keysOf('people', doc.people, (p) => p.key);
  // Two entries that fold to one name in one country would be one person twice.
  keysOf('people', doc.people, (p) => `${p.countryCode} ${personKeyOrBlank(p.name) || p.name}`, 'name');
  keysOf('figures', doc.figures, (f) => f.key);
  keysOf('images', doc.images, (i) => i.key);
  keysOf('images', doc.images, (i) => i.position, 'position');

  const check = new RecordCheck(documentScope(doc, { referenceSources, organizations, people, delegations, events, agreements }));
  doc.countries.forEach((record, i) => checkRecord.country(check, ['countries', i], record));
  doc.cities.forEach((record, i) => {
    checkRecord.city(check, ['cities', i], record);
    // Only a city whose country is a valid, listed code can be looked up there.
    if (!check.issues.some((issue) => issue.segments[0] === 'cities' && issue.segments[1] === i && issue.segments[2] === 'countryCode')) check.issues.push(...locate(record, ['cities', i]).issues);
  });
  doc.organizations.forEach((record, i) => checkRecord.organization(check, ['organizations', i], record));
  doc.people.forEach((record, i) => checkRecord.person(check, ['people', i], record));
  doc.delegations.forEach((record, i) => checkRecord.delegation(check, ['delegations', i], record));
  doc.events.forEach((record, i) => checkRecord.event(check, ['events', i], record));
  doc.agreements.forEach((record, i) => checkRecord.agreement(check, ['agreements', i], record));
  doc.images.forEach((record, i) => checkRecord.image(check, ['images', i], record));
  doc.figures.forEach((record, i) => checkRecord.figure(check, ['figures', i], record));
  return [...duplicates, ...check.issues.map((issue) => issueAt(issue.segments, issue.code, issue.message, issue.candidates))];
}
