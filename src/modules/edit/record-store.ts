import { Prisma } from '../../generated/prisma/client.js';
import { dialectOf } from '../../db/client.js';
import { takeWriteLock, type Tx } from '../../db/write-lock.js';
import type { EvidenceInput } from '../import/document.js';
import type { LinkSet, OwnedSection, Row } from '../import/rows.js';

// The reads and the lock of an edit of one record, each one statement: an edit touches one record and
// what it refers to, never the rest of its article.

type OwnedTable = 'Event' | 'Agreement' | 'Image' | 'Delegation';
export type StoredRow = Row & { key: string; articleId: number; version: number };

/** The table of each owned section, and the column that places it in a city. */
const tables: Record<OwnedSection, { table: OwnedTable; city: string; country: string | null; subject: string }> = {
  delegations: { table: 'Delegation', city: 'homeCityId', country: null, subject: 'delegationId' },
  events: { table: 'Event', city: 'cityId', country: 'countryId', subject: 'eventId' },
  agreements: { table: 'Agreement', city: 'cityId', country: 'countryId', subject: 'agreementId' },
  images: { table: 'Image', city: 'cityId', country: 'countryId', subject: 'imageId' },
};

/**
 * Takes the write lock with the edit's first statement (see takeWriteLock) and marks the article as
 * edited since its last import: the document hash no longer describes it, so the next import writes.
 * The empty hash is never a document's (those are sha256 hex).
 */
export async function lockArticle(tx: Tx, articleId: number): Promise<void> {
  // On SQLite the update is the lock; PostgreSQL's is taken first (an update locks only its row there).
  if (dialectOf(tx) === 'postgres') await takeWriteLock(tx);
  await tx.$executeRaw`UPDATE "Article" SET "contentHash" = '' WHERE "id" = ${articleId}`;
}

/** `lockArticle` for the article of a record known by its id. */
export async function lockArticleOf(tx: Tx, section: OwnedSection, id: number): Promise<void> {
  const { table } = tables[section];
  if (dialectOf(tx) === 'postgres') await takeWriteLock(tx);
  await tx.$executeRaw`UPDATE "Article" SET "contentHash" = '' WHERE "id" = (SELECT "articleId" FROM ${Prisma.raw(`"${table}"`)} WHERE "id" = ${id})`;
}

/**
 * One statement: every link row of one record, by relation, as its row read with the relations included
 * would hold them (ordered by position where they have one). Prisma would send one statement per relation.
 */
export async function storedLinks(tx: Tx, links: LinkSet<unknown>[], id: number): Promise<Record<string, Record<string, unknown>[]>> {
  const found: Record<string, Record<string, unknown>[]> = Object.fromEntries(links.map((set) => [set.relation, []]));
  if (links.length === 0) return found;
  // A row as JSON text: json_object on SQLite, json_build_object on PostgreSQL.
  const jsonObject = dialectOf(tx) === 'postgres' ? 'json_build_object' : 'json_object';
  const parts = links.map(
    ({ relation, table }) =>
      Prisma.sql`SELECT CAST(${relation} AS TEXT) AS "relation", ${Prisma.raw(`CAST(${jsonObject}(${table.columns.map((c) => `'${c}', "${c}"`).join(', ')}) AS TEXT)`)} AS "link" FROM ${Prisma.raw(`"${table.name}"`)} WHERE ${Prisma.raw(`"${table.owner}"`)} = ${id}`,
  );
  const rows = await tx.$queryRaw<{ relation: string; link: string }[]>(Prisma.join(parts, ' UNION ALL '));
  for (const row of rows) found[row.relation]!.push(JSON.parse(row.link) as Record<string, unknown>);
  for (const list of Object.values(found)) if (list.some((link) => 'position' in link)) list.sort((a, b) => (a.position as number) - (b.position as number));
  return found;
}

/** What the record's checks need beside its row: the body, its place's names and codes, its quotes. */
export interface RecordFacts {
  body: string;
  updatedOn: string | null;
  countryCode: string | null;
  city: { name: string; geonameId: number | null; countryCode: string; countryId: number } | null;
  evidence: (EvidenceInput & { id: number })[];
}

interface FactsRow {
  body: string;
  updatedOn: string | null;
  countryCode: string | null;
  cityName: string | null;
  cityGeonameId: number | bigint | null;
  cityCountryCode: string | null;
  cityCountryId: number | bigint | null;
  evidenceId: number | bigint | null;
  start: number | bigint | null;
  end: number | bigint | null;
  quote: string | null;
  facts: string | null;
}

/** One statement: the record's article body, place and quotes (a row per quote). */
export async function recordFacts(tx: Tx, section: OwnedSection, id: number): Promise<RecordFacts | null> {
  const { table, city, country, subject } = tables[section];
  return factsOf(await tx.$queryRaw<FactsRow[]>`
    SELECT a."body", a."updatedOn", ${Prisma.raw(country ? 'co."isoCode"' : 'NULL')} AS "countryCode", ${placeColumns}
    FROM ${Prisma.raw(`"${table}"`)} r JOIN "Article" a ON a."id" = r."articleId"
    ${Prisma.raw(country ? `LEFT JOIN "Country" co ON co."id" = r."${country}"` : '')}
    LEFT JOIN "City" ci ON ci."id" = r.${Prisma.raw(`"${city}"`)} LEFT JOIN "Country" cc ON cc."id" = ci."countryId"
    LEFT JOIN "Evidence" ev ON ev.${Prisma.raw(`"${subject}"`)} = r."id"
    WHERE r."id" = ${id} ORDER BY ev."start", ev."id"`);
}

/** One statement: an organization's place and the quotes of one article that name it, with that article's body. */
export async function organizationFacts(tx: Tx, id: number, articleId: number): Promise<RecordFacts | null> {
  return factsOf(await tx.$queryRaw<FactsRow[]>`
    SELECT a."body", a."updatedOn", co."isoCode" AS "countryCode", ${placeColumns}
    FROM "Organization" r JOIN "Article" a ON a."id" = ${articleId} JOIN "Country" co ON co."id" = r."countryId"
    LEFT JOIN "City" ci ON ci."id" = r."cityId" LEFT JOIN "Country" cc ON cc."id" = ci."countryId"
    LEFT JOIN "Evidence" ev ON ev."organizationId" = r."id" AND ev."articleId" = a."id"
    WHERE r."id" = ${id} ORDER BY ev."start", ev."id"`);
}

const placeColumns = Prisma.raw(`ci."name" AS "cityName", ci."geonameId" AS "cityGeonameId", cc."isoCode" AS "cityCountryCode", ci."countryId" AS "cityCountryId",
  ev."id" AS "evidenceId", ev."start", ev."end", ev."quote", ev."facts"`);

function factsOf(rows: FactsRow[]): RecordFacts | null {
  const [first] = rows;
  if (!first) return null;
  return {
    body: first.body,
    updatedOn: first.updatedOn,
    countryCode: first.countryCode,
    city: first.cityName == null ? null : { name: first.cityName, geonameId: first.cityGeonameId == null ? null : Number(first.cityGeonameId), countryCode: first.cityCountryCode!, countryId: Number(first.cityCountryId) },
    evidence: rows.filter((row) => row.evidenceId != null).map((row) => ({
      id: Number(row.evidenceId),
      quote: row.quote!,
      start: Number(row.start),
      end: Number(row.end),
      facts: row.facts!.split(' ').filter(Boolean),
    })),
  };
}

export interface SharedCity {
  name: string;
  geonameId: number | null;
  countryId: number;
  countryCode: string;
  isCapital: boolean;
  latitude: number;
  longitude: number;
  referenceSource: string;
  /** Whether the article already cites it (in a valid article, every city it lists is cited). */
  cited: boolean;
}

/** One statement: a city with its country and reference source, and whether the article cites it. */
export async function cityForArticle(tx: Tx, cityId: number, articleId: number): Promise<SharedCity | null> {
  const [row] = await tx.$queryRaw<(Omit<SharedCity, 'cited' | 'isCapital' | 'countryId' | 'geonameId'> & { cited: unknown; isCapital: unknown; countryId: number | bigint; geonameId: number | bigint | null })[]>`
    SELECT ci."name", ci."geonameId", ci."countryId", co."isoCode" AS "countryCode", ci."isCapital", ci."latitude", ci."longitude", rs."key" AS "referenceSource",
      EXISTS (SELECT 1 FROM "Evidence" e WHERE e."cityId" = ci."id" AND e."articleId" = ${articleId}) AS "cited"
    FROM "City" ci JOIN "Country" co ON co."id" = ci."countryId" JOIN "ReferenceSource" rs ON rs."id" = ci."referenceSourceId"
    WHERE ci."id" = ${cityId}`;
  return row ? { ...row, geonameId: row.geonameId == null ? null : Number(row.geonameId), countryId: Number(row.countryId), isCapital: Boolean(row.isCapital), cited: Boolean(row.cited) } : null;
}

export interface SharedOrganization {
  name: string;
  kind: string;
  countryCode: string;
  cityId: number | null;
  cited: boolean;
}

/** One statement: an organization with its country's code, and whether the article cites it. */
export async function organizationForArticle(tx: Tx, organizationId: number, articleId: number): Promise<SharedOrganization | null> {
  const [row] = await tx.$queryRaw<(Omit<SharedOrganization, 'cited' | 'cityId'> & { cited: unknown; cityId: number | bigint | null })[]>`
    SELECT o."name", o."kind", co."isoCode" AS "countryCode", o."cityId",
      EXISTS (SELECT 1 FROM "Evidence" e WHERE e."organizationId" = o."id" AND e."articleId" = ${articleId}) AS "cited"
    FROM "Organization" o JOIN "Country" co ON co."id" = o."countryId" WHERE o."id" = ${organizationId}`;
  return row ? { ...row, cityId: row.cityId == null ? null : Number(row.cityId), cited: Boolean(row.cited) } : null;
}
