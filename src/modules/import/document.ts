import { z } from 'zod';
import {
  AgreementKind,
  AgreementPartyRole,
  CounterpartRole,
  EventKind,
  FigureQualifier,
  MemberRole,
  OrganizationKind,
  ParticipationRole,
} from '../../generated/prisma/enums.js';
import { isCalendarDate, isPartialDate } from '../../shared/dates.js';

// The article document: one article and every record extracted from it, each with the quotes that
// support it. The seed is such a document, and so is every later import; one schema, one code path.
// Records refer to each other by `key` (unique within the document) and to countries by ISO code.

// Patterns avoid regex flags, which JSON Schema (article-document.schema.json) cannot carry.
const text = z.string().regex(/^\S([\s\S]*\S)?$/, 'non-empty text without leading or trailing spaces');
const key = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a key is lower-case letters, digits and dashes');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD').refine(isCalendarDate, 'not a calendar date');
// What an article states of a record's date: a day, or (version 2) a month or a year.
const statedDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date written YYYY-MM-DD, or in version 2 YYYY-MM or YYYY').refine(isPartialDate, 'not a calendar date');
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in upper case, such as KZ');

/** The record fields a quote can support, per record type: the GraphQL field names. */
export const factFields = {
  country: ['name'],
  city: ['name', 'country', 'isCapital'],
  organization: ['name', 'kind', 'city', 'country'],
  person: ['name', 'country', 'titles'],
  delegation: ['name', 'description', 'startDate', 'endDate', 'homeCity', 'organization', 'parent', 'countriesVisited', 'members'],
  event: ['name', 'kind', 'description', 'startDate', 'endDate', 'city', 'country', 'delegations', 'organizers', 'people', 'counterparts', 'attendance'],
  agreement: ['title', 'kind', 'description', 'signedOn', 'event', 'city', 'country', 'parties', 'signatories'],
  image: ['caption', 'credit', 'takenOn', 'city', 'country', 'event'],
  figure: ['value', 'unit', 'description'],
} as const;
export type RecordType = keyof typeof factFields;

function evidenceOf<T extends RecordType>(type: T) {
  return z
    .array(
      z.strictObject({
        quote: z.string().min(1),
        // Offsets may be left out when the quote occurs exactly once in the body: validation fills them in.
        start: z.number().int().nonnegative().nullish(),
        end: z.number().int().positive().nullish(),
        // Each list of fact fields is a non-empty literal tuple; `as const` types it readonly, which z.enum refuses.
        facts: z.array(z.enum(factFields[type] as unknown as [string, ...string[]])).default([]),
      }),
    )
    .default([]);
}

/** The document's fields; `articleDocumentSchema` adds the rules of each version. */
export const articleDocumentShape = z.strictObject({
  version: z.number().int().min(1).max(2),
  article: z.strictObject({
    slug: key,
    title: text,
    body: z.string().min(1),
    source: text.nullish(),
    url: z.url().nullish(),
    updatedOn: date.nullish(),
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag such as en'),
  }),
  referenceSources: z
    .array(z.strictObject({ key, name: text, url: z.url().nullish() }))
    .default([]),
  countries: z.array(
    z.strictObject({ isoCode: countryCode, name: text, referenceSource: key.nullish(), evidence: evidenceOf('country') }),
  ),
  cities: z
    .array(
      z.strictObject({
        key,
        name: text,
        countryCode,
        geonameId: z.number().int().positive().nullish(),
        unlisted: z.boolean().default(false),
        isCapital: z.boolean().nullish(),
        latitude: z.number().min(-90).max(90).nullish(),
        longitude: z.number().min(-180).max(180).nullish(),
        referenceSource: key.nullish(),
        evidence: evidenceOf('city'),
      }),
    )
    .default([]),
  organizations: z
    .array(
      z.strictObject({
        key,
        name: text,
        kind: z.enum(OrganizationKind),
        countryCode,
        cityKey: key.nullish(),
        evidence: evidenceOf('organization'),
      }),
    )
    .default([]),
  people: z
    .array(
      z.strictObject({
        key,
        name: text,
        countryCode,
        titles: z.array(z.strictObject({ title: text, organizationKey: key.nullish() })).default([]),
        evidence: evidenceOf('person'),
      }),
    )
    .default([]),
  delegations: z
    .array(
      z.strictObject({
        key,
        name: text,
        nameIsQuoted: z.boolean(),
        description: text.nullish(),
        homeCityKey: key.nullish(),
        organizationKey: key.nullish(),
        parentKey: key.nullish(),
        startDate: statedDate.nullish(),
        endDate: statedDate.nullish(),
        countriesVisited: z.array(countryCode).default([]),
        members: z.array(z.strictObject({ personKey: key, role: z.enum(MemberRole) })).default([]),
        evidence: evidenceOf('delegation'),
      }),
    )
    .default([]),
  events: z
    .array(
      z.strictObject({
        key,
        name: text,
        nameIsQuoted: z.boolean(),
        kind: z.enum(EventKind),
        description: text.nullish(),
        startDate: statedDate.nullish(),
        endDate: statedDate.nullish(),
        cityKey: key.nullish(),
        countryCode: countryCode.nullish(),
        participants: z
          .array(z.strictObject({ delegationKey: key, role: z.enum(ParticipationRole), attendedFrom: statedDate.nullish(), attendedTo: statedDate.nullish() }))
          .default([]),
        organizerKeys: z.array(key).default([]),
        peopleKeys: z.array(key).default([]),
        counterparts: z
          .array(z.strictObject({ organizationKey: key.nullish(), personKey: key.nullish(), role: z.enum(CounterpartRole) }))
          .default([]),
        evidence: evidenceOf('event'),
      }),
    )
    .default([]),
  agreements: z
    .array(
      z.strictObject({
        key,
        title: text,
        titleIsQuoted: z.boolean(),
        kind: z.enum(AgreementKind),
        description: text.nullish(),
        signedOn: statedDate.nullish(),
        eventKey: key.nullish(),
        cityKey: key.nullish(),
        countryCode: countryCode.nullish(),
        parties: z
          .array(
            z.strictObject({
              organizationKey: key.nullish(),
              description: text,
              role: z.enum(AgreementPartyRole),
            }),
          )
          .min(1),
        signatoryKeys: z.array(key).default([]),
        evidence: evidenceOf('agreement'),
      }),
    )
    .default([]),
  images: z
    .array(
      z.strictObject({
        key,
        position: z.number().int().positive(),
        caption: text,
        credit: text.nullish(),
        takenOn: statedDate.nullish(),
        url: z.url().nullish(),
        cityKey: key.nullish(),
        countryCode: countryCode.nullish(),
        eventKey: key.nullish(),
        evidence: evidenceOf('image'),
      }),
    )
    .default([]),
  figures: z
    .array(
      z.strictObject({
        key,
        value: z.number().nonnegative(),
        upTo: z.number().nonnegative().nullish(),
        qualifier: z.enum(FigureQualifier).default('EXACT'),
        unit: text,
        description: text.nullish(),
        delegationKey: key.nullish(),
        eventKey: key.nullish(),
        agreementKey: key.nullish(),
        evidence: evidenceOf('figure'),
      }),
    )
    .default([]),
});

/**
 * What each version requires of its places. Version 1 (today's documents, the seed) types a city's
 * coordinates, capital flag and reference source, which the service checks against the gazetteer; version
 * 2 names places only as the article spells them (with a geonameId where the name is ambiguous), and types
 * coordinates only for a place the gazetteer lacks.
 */
const versionRules: Record<1 | 2, { city: (city: z.infer<typeof articleDocumentShape>['cities'][number]) => [string, string][]; country: (country: z.infer<typeof articleDocumentShape>['countries'][number]) => [string, string][] }> = {
  1: {
    city: (city) => [
      ...(['isCapital', 'latitude', 'longitude', 'referenceSource'] as const).filter((f) => city[f] == null).map((f): [string, string] => [f, `version 1 requires ${f}`]),
      ...(['geonameId', 'unlisted'] as const).filter((f) => city[f] != null && city[f] !== false).map((f): [string, string] => [f, `${f} is a field of version 2`]),
    ],
    country: (country) => (country.referenceSource == null ? [['referenceSource', 'version 1 requires referenceSource']] : []),
  },
  2: {
    city: (city) => [
      ...(city.unlisted
        ? (['latitude', 'longitude'] as const).filter((f) => city[f] == null).map((f): [string, string] => [f, `an unlisted place needs its ${f}`])
        : (['isCapital', 'latitude', 'longitude'] as const).filter((f) => city[f] != null).map((f): [string, string] => [f, `${f} comes from the gazetteer in version 2; only an unlisted place states it`])),
      ...(city.unlisted && city.geonameId != null ? [['geonameId', 'an unlisted place has no geonameId'] as [string, string]] : []),
      ...(city.referenceSource != null ? [['referenceSource', 'version 2 takes reference sources from the service; leave it out'] as [string, string]] : []),
    ],
    country: (country) => (country.referenceSource != null ? [['referenceSource', 'version 2 takes reference sources from the service; leave it out']] : []),
  },
};

/** The date fields of each section of records, which version 1 writes as days only. */
const dateFields = { delegations: ['startDate', 'endDate'], events: ['startDate', 'endDate'], agreements: ['signedOn'], images: ['takenOn'] } as const;

/** The parts version 2 added for people, counterparts, figures and attendance: version 1 leaves them out. */
function version2Parts(doc: z.infer<typeof articleDocumentShape>): (string | number)[][] {
  const given = (list: unknown[]) => list.length > 0;
  return [
    ...(given(doc.people) ? [['people']] : []),
    ...(given(doc.figures) ? [['figures']] : []),
    ...doc.delegations.flatMap((d, i) => (given(d.members) ? [['delegations', i, 'members']] : [])),
    ...doc.events.flatMap((e, i) => [
      ...(given(e.peopleKeys) ? [['events', i, 'peopleKeys']] : []),
      ...(given(e.counterparts) ? [['events', i, 'counterparts']] : []),
      ...e.participants.flatMap((p, j) => (p.attendedFrom != null || p.attendedTo != null ? [['events', i, 'participants', j, 'attendedFrom']] : [])),
    ]),
    ...doc.agreements.flatMap((a, i) => (given(a.signatoryKeys) ? [['agreements', i, 'signatoryKeys']] : [])),
  ];
}

export const articleDocumentSchema = articleDocumentShape.superRefine((doc, ctx) => {
  const rules = versionRules[doc.version as 1 | 2];
  if (doc.version === 1) {
    for (const path of version2Parts(doc)) ctx.addIssue({ code: 'custom', path, message: 'people, counterparts, figures and attendance are parts of version 2' });
    for (const [section, fields] of Object.entries(dateFields) as [keyof typeof dateFields, readonly string[]][]) {
      doc[section].forEach((record, i) => {
        for (const field of fields) {
          const value = (record as Record<string, unknown>)[field];
          if (typeof value === 'string' && value.length !== 10) ctx.addIssue({ code: 'custom', path: [section, i, field], message: 'version 1 dates are days, YYYY-MM-DD; a month or a year needs version 2' });
        }
      });
    }
  }
  doc.cities.forEach((city, i) => {
    for (const [field, message] of rules.city(city)) ctx.addIssue({ code: 'custom', path: ['cities', i, field], message });
  });
  doc.countries.forEach((country, i) => {
    for (const [field, message] of rules.country(country)) ctx.addIssue({ code: 'custom', path: ['countries', i, field], message });
  });
});

export type ArticleDocument = z.infer<typeof articleDocumentSchema>;
export type EvidenceInput = ArticleDocument['events'][number]['evidence'][number];
