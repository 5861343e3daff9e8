import { isIsoCountryCode } from '../../shared/countries.js';
import { articleDocumentSchema, type ArticleDocument, type EvidenceInput, type RecordType } from './document.js';

/** What can be wrong with a document, with what each means (the API's `DocumentErrorCode`). */
export const issueCodes = {
  INVALID_VALUE: 'A field is missing, of the wrong type or format, or not allowed.',
  DUPLICATE_KEY: 'A key (or ISO code, or image position) is used twice.',
  UNKNOWN_REFERENCE: 'A reference names a key the document does not have.',
  UNKNOWN_COUNTRY_CODE: 'Not an ISO 3166-1 alpha-2 country code.',
  COUNTRY_MISMATCH: 'A city placed in another country than its own.',
  INVALID_DATE_RANGE: 'A range that ends before it starts, or an end without a start.',
  QUOTE_MISMATCH: 'A quote that is not in the body, or not at its offsets.',
  AMBIGUOUS_QUOTE: 'A quote without offsets that occurs more than once in the body.',
  MISSING_EVIDENCE: 'A stated fact that no quote supports.',
  NOT_QUOTED: 'A name marked as quoted, or a caption or credit, that its quotes do not contain verbatim.',
  CYCLE: 'Delegations that are their own ancestors.',
  NOT_FOUND: 'The record to change does not exist (any more).',
  CONFLICT: 'The record changed since the version the edit was based on: read it again and redo the edit.',
  REFERENCED: 'Other records refer to the record to delete; pass cascade: true to delete them too.',
} as const;
export type IssueCode = keyof typeof issueCodes;

/** One problem in a document, at a path such as `events[2].evidence[0].quote`. */
export interface DocumentIssue {
  path: string;
  /** The same path as parts: `['events', 2, 'evidence', 0, 'quote']`. */
  segments: (string | number)[];
  message: string;
  code: IssueCode;
}

function issueAt(path: readonly PropertyKey[], code: IssueCode, message: string): DocumentIssue {
  const segments = path.map((part) => (typeof part === 'number' ? part : String(part)));
  return { path: formatPath(segments), segments, message, code };
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

interface Extracted {
  evidence: EvidenceInput[];
}

function checkDocument(doc: ArticleDocument): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  const report = (path: PropertyKey[], code: IssueCode, message: string) => issues.push(issueAt(path, code, message));

  const keysOf = <T, K extends string | number>(section: string, items: T[], keyOf: (item: T) => K, what = 'key') => {
    const seen = new Map<K, T>();
    items.forEach((item, index) => {
      const value = keyOf(item);
      if (seen.has(value)) report([section, index, what], 'DUPLICATE_KEY', `${what} ${JSON.stringify(value)} is used twice in ${section}`);
      else seen.set(value, item);
    });
    return seen;
  };
  const sources = keysOf('referenceSources', doc.referenceSources, (s) => s.key);
  const countries = keysOf('countries', doc.countries, (c) => c.isoCode, 'isoCode');
  const cities = keysOf('cities', doc.cities, (c) => c.key);
  const organizations = keysOf('organizations', doc.organizations, (o) => o.key);
  const delegations = keysOf('delegations', doc.delegations, (d) => d.key);
  const events = keysOf('events', doc.events, (e) => e.key);
  keysOf('agreements', doc.agreements, (a) => a.key);
  keysOf('images', doc.images, (i) => i.key);
  keysOf('images', doc.images, (i) => i.position, 'position');

  const refer = (map: Map<string, unknown>, path: PropertyKey[], value: string | null | undefined, section: string) => {
    if (value != null && !map.has(value)) report(path, 'UNKNOWN_REFERENCE', `no ${section} with key ${JSON.stringify(value)} in this document`);
  };
  const referCountry = (path: PropertyKey[], code: string | null | undefined) => {
    if (code == null) return;
    if (!isIsoCountryCode(code)) report(path, 'UNKNOWN_COUNTRY_CODE', `${code} is not an ISO 3166-1 alpha-2 country code`);
    else if (!countries.has(code)) report(path, 'UNKNOWN_REFERENCE', `country ${code} is not listed in this document's countries`);
  };
  // A record placed in a city and a country: both must exist, and the country must be the city's own.
  const place = (path: PropertyKey[], cityKey: string | null | undefined, code: string | null | undefined) => {
    refer(cities, [...path, 'cityKey'], cityKey, 'city');
    referCountry([...path, 'countryCode'], code);
    const city = cityKey == null ? undefined : cities.get(cityKey);
    if (city && code != null && city.countryCode !== code) {
      report([...path, 'countryCode'], 'COUNTRY_MISMATCH', `city ${city.key} is in ${city.countryCode}, not ${code}`);
    }
  };
  const dateRange = (path: PropertyKey[], start: string | null | undefined, end: string | null | undefined) => {
    if (end != null && start == null) report([...path, 'endDate'], 'INVALID_DATE_RANGE', 'an end date needs a start date');
    if (start != null && end != null && start > end) report([...path, 'endDate'], 'INVALID_DATE_RANGE', `ends (${end}) before it starts (${start})`);
  };

  const body = doc.article.body;
  // Locates each quote: offsets given must match the body; offsets left out are filled in when the quote
  // occurs exactly once (with one offset given, the other follows from the quote's length).
  const checkEvidence = (path: PropertyKey[], record: Extracted) => {
    record.evidence.forEach((item, index) => {
      const at = [...path, 'evidence', index];
      if (item.start == null && item.end == null) {
        const found = occurrences(body, item.quote);
        if (found.length === 1) Object.assign(item, { start: found[0]!, end: found[0]! + item.quote.length });
        else if (found.length === 0) report([...at, 'quote'], 'QUOTE_MISMATCH', 'the quote does not occur in the article body');
        else report([...at, 'quote'], 'AMBIGUOUS_QUOTE', `the quote occurs ${found.length} times (at ${found.join(', ')}); give its start and end`);
        return;
      }
      item.start ??= item.end! - item.quote.length;
      item.end ??= item.start + item.quote.length;
      if (item.start < 0 || item.end <= item.start || item.end > body.length) {
        report([...at, 'end'], 'QUOTE_MISMATCH', `offsets ${item.start}..${item.end} are outside the body (length ${body.length})`);
      } else if (body.slice(item.start, item.end) !== item.quote) {
        const found = body.indexOf(item.quote);
        report([...at, 'quote'], 'QUOTE_MISMATCH', found < 0
          ? 'the quote does not occur in the article body'
          : `the quote is not at ${item.start}..${item.end}; it occurs at ${found}..${found + item.quote.length}`);
      }
    });
  };
  // Every fact a record states must be supported by a quote that names it in `facts`.
  const requireFacts = (type: RecordType, path: PropertyKey[], record: Extracted, facts: Record<string, unknown>) => {
    if (record.evidence.length === 0) report([...path, 'evidence'], 'MISSING_EVIDENCE', `every ${type} needs at least one quote`);
    for (const [fact, value] of Object.entries(facts)) {
      const stated = Array.isArray(value) ? value.length > 0 : value != null && value !== false;
      if (stated && !record.evidence.some((item) => (item.facts as string[]).includes(fact))) {
        report([...path, 'evidence'], 'MISSING_EVIDENCE', `no quote supports ${type}.${fact}; add one with "${fact}" in its facts`);
      }
    }
  };
  const requireQuoted = (path: PropertyKey[], record: Extracted, fact: string, value: string, exact = false) => {
    const quotes = record.evidence.filter((item) => (item.facts as string[]).includes(fact)).map((item) => item.quote);
    const ok = exact ? quotes.includes(value) : quotes.some((quote) => quote.toLowerCase().includes(value.toLowerCase()));
    if (!ok) report(path, 'NOT_QUOTED', exact
      ? `${fact} must be verbatim: no quote with "${fact}" in its facts equals it`
      : `${fact} is marked as quoted, but no quote with "${fact}" in its facts contains it`);
  };

  doc.countries.forEach((country, i) => {
    if (!isIsoCountryCode(country.isoCode)) report(['countries', i, 'isoCode'], 'UNKNOWN_COUNTRY_CODE', `${country.isoCode} is not an ISO 3166-1 alpha-2 country code`);
    refer(sources, ['countries', i, 'referenceSource'], country.referenceSource, 'referenceSource');
    checkEvidence(['countries', i], country);
  });
  doc.cities.forEach((city, i) => {
    const path = ['cities', i];
    referCountry([...path, 'countryCode'], city.countryCode);
    refer(sources, [...path, 'referenceSource'], city.referenceSource, 'referenceSource');
    checkEvidence(path, city);
    requireFacts('city', path, city, { name: city.name });
    requireQuoted([...path, 'name'], city, 'name', city.name);
  });
  doc.organizations.forEach((org, i) => {
    const path = ['organizations', i];
    place(path, org.cityKey, org.countryCode);
    checkEvidence(path, org);
    requireFacts('organization', path, org, { name: org.name, city: org.cityKey });
    requireQuoted([...path, 'name'], org, 'name', org.name);
  });
  doc.delegations.forEach((delegation, i) => {
    const path = ['delegations', i];
    refer(cities, [...path, 'homeCityKey'], delegation.homeCityKey, 'city');
    refer(organizations, [...path, 'organizationKey'], delegation.organizationKey, 'organization');
    refer(delegations, [...path, 'parentKey'], delegation.parentKey, 'delegation');
    delegation.countriesVisited.forEach((code, j) => referCountry([...path, 'countriesVisited', j], code));
    if (new Set(delegation.countriesVisited).size !== delegation.countriesVisited.length) {
      report([...path, 'countriesVisited'], 'DUPLICATE_KEY', 'a country is listed twice');
    }
    dateRange(path, delegation.startDate, delegation.endDate);
    checkEvidence(path, delegation);
    requireFacts('delegation', path, delegation, {
      name: delegation.nameIsQuoted ? delegation.name : null,
      startDate: delegation.startDate,
      endDate: delegation.endDate,
      homeCity: delegation.homeCityKey,
      organization: delegation.organizationKey,
      parent: delegation.parentKey,
      countriesVisited: delegation.countriesVisited,
    });
    if (delegation.nameIsQuoted) requireQuoted([...path, 'name'], delegation, 'name', delegation.name);
    // Walk up the parents: a cycle would make the hierarchy (and the import order) undefined.
    const seen = new Set<string>([delegation.key]);
    for (let parent = delegation.parentKey; parent != null; parent = delegations.get(parent)?.parentKey) {
      if (seen.has(parent)) {
        report([...path, 'parentKey'], 'CYCLE', `delegation ${delegation.key} is its own ancestor`);
        break;
      }
      seen.add(parent);
    }
  });
  doc.events.forEach((event, i) => {
    const path = ['events', i];
    place(path, event.cityKey, event.countryCode);
    dateRange(path, event.startDate, event.endDate);
    event.participants.forEach((p, j) => refer(delegations, [...path, 'participants', j, 'delegationKey'], p.delegationKey, 'delegation'));
    event.organizerKeys.forEach((k, j) => refer(organizations, [...path, 'organizerKeys', j], k, 'organization'));
    if (new Set(event.participants.map((p) => p.delegationKey)).size !== event.participants.length) {
      report([...path, 'participants'], 'DUPLICATE_KEY', 'a delegation takes part twice');
    }
    if (new Set(event.organizerKeys).size !== event.organizerKeys.length) report([...path, 'organizerKeys'], 'DUPLICATE_KEY', 'an organizer is listed twice');
    checkEvidence(path, event);
    requireFacts('event', path, event, {
      name: event.nameIsQuoted ? event.name : null,
      kind: event.kind,
      startDate: event.startDate,
      endDate: event.endDate,
      city: event.cityKey,
      country: event.countryCode,
      delegations: event.participants,
      organizers: event.organizerKeys,
    });
    if (event.nameIsQuoted) requireQuoted([...path, 'name'], event, 'name', event.name);
  });
  doc.agreements.forEach((agreement, i) => {
    const path = ['agreements', i];
    refer(events, [...path, 'eventKey'], agreement.eventKey, 'event');
    place(path, agreement.cityKey, agreement.countryCode);
    agreement.parties.forEach((party, j) => refer(organizations, [...path, 'parties', j, 'organizationKey'], party.organizationKey, 'organization'));
    checkEvidence(path, agreement);
    requireFacts('agreement', path, agreement, {
      title: agreement.titleIsQuoted ? agreement.title : null,
      kind: agreement.kind,
      signedOn: agreement.signedOn,
      event: agreement.eventKey,
      city: agreement.cityKey,
      country: agreement.countryCode,
      parties: agreement.parties,
    });
    if (agreement.titleIsQuoted) requireQuoted([...path, 'title'], agreement, 'title', agreement.title);
  });
  doc.images.forEach((image, i) => {
    const path = ['images', i];
    refer(events, [...path, 'eventKey'], image.eventKey, 'event');
    place(path, image.cityKey, image.countryCode);
    checkEvidence(path, image);
    requireFacts('image', path, image, {
      caption: image.caption,
      credit: image.credit,
      takenOn: image.takenOn,
      city: image.cityKey,
      country: image.countryCode,
      event: image.eventKey,
    });
    requireQuoted([...path, 'caption'], image, 'caption', image.caption, true);
    if (image.credit != null) requireQuoted([...path, 'credit'], image, 'credit', image.credit, true);
  });
  return issues;
}

/** Every offset at which `quote` starts in `body`, overlapping ones included. */
function occurrences(body: string, quote: string): number[] {
  const found: number[] = [];
  for (let at = body.indexOf(quote); at >= 0; at = body.indexOf(quote, at + 1)) found.push(at);
  return found;
}
