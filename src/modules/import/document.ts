import { z } from 'zod';
import {
  AgreementKind,
  AgreementPartyRole,
  EventKind,
  OrganizationKind,
  ParticipationRole,
} from '../../generated/prisma/enums.js';
import { isCalendarDate } from '../../shared/dates.js';

// The article document: one article and every record extracted from it, each with the quotes that
// support it. The seed is such a document, and so is every later import; one schema, one code path.
// Records refer to each other by `key` (unique within the document) and to countries by ISO code.

// Patterns avoid regex flags, which JSON Schema (article-document.schema.json) cannot carry.
const text = z.string().regex(/^\S([\s\S]*\S)?$/, 'non-empty text without leading or trailing spaces');
const key = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a key is lower-case letters, digits and dashes');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD').refine(isCalendarDate, 'not a calendar date');
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in upper case, such as KZ');

/** The record fields a quote can support, per record type: the GraphQL field names. */
export const factFields = {
  country: ['name'],
  city: ['name', 'country', 'isCapital'],
  organization: ['name', 'kind', 'city', 'country'],
  delegation: ['name', 'description', 'startDate', 'endDate', 'homeCity', 'organization', 'parent', 'countriesVisited'],
  event: ['name', 'kind', 'description', 'startDate', 'endDate', 'city', 'country', 'delegations', 'organizers'],
  agreement: ['title', 'kind', 'description', 'signedOn', 'event', 'city', 'country', 'parties'],
  image: ['caption', 'credit', 'takenOn', 'city', 'country', 'event'],
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

export const articleDocumentSchema = z.strictObject({
  version: z.literal(1),
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
    z.strictObject({ isoCode: countryCode, name: text, referenceSource: key, evidence: evidenceOf('country') }),
  ),
  cities: z
    .array(
      z.strictObject({
        key,
        name: text,
        countryCode,
        isCapital: z.boolean(),
        latitude: z.number().min(-90).max(90),
        longitude: z.number().min(-180).max(180),
        referenceSource: key,
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
        startDate: date.nullish(),
        endDate: date.nullish(),
        countriesVisited: z.array(countryCode).default([]),
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
        startDate: date.nullish(),
        endDate: date.nullish(),
        cityKey: key.nullish(),
        countryCode: countryCode.nullish(),
        participants: z
          .array(z.strictObject({ delegationKey: key, role: z.enum(ParticipationRole) }))
          .default([]),
        organizerKeys: z.array(key).default([]),
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
        signedOn: date.nullish(),
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
        takenOn: date.nullish(),
        url: z.url().nullish(),
        cityKey: key.nullish(),
        countryCode: countryCode.nullish(),
        eventKey: key.nullish(),
        evidence: evidenceOf('image'),
      }),
    )
    .default([]),
});

export type ArticleDocument = z.infer<typeof articleDocumentSchema>;
export type EvidenceInput = ArticleDocument['events'][number]['evidence'][number];

/**
 * The document format as JSON Schema (draft 2020-12), for editors and pipelines that write documents.
 * It checks shape and formats; what needs the body or the whole document (quotes at their offsets, facts
 * backed by quotes, references, real calendar days) only the validator checks.
 */
export function documentJsonSchema() {
  return {
    ...z.toJSONSchema(articleDocumentSchema, { io: 'input' }),
    $id: 'https://delegation-graph.example/article-document.schema.json',
    title: 'Article document',
    description:
      'An article and every record extracted from it, each with the quotes of the article that support it. ' +
      'Accepted by the articleImport mutation, by `npm run import`, and as a seed file in prisma/seed/.',
  };
}
