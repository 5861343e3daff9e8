import type { Tx } from '../../db/write-lock.js';
import type { ChangeLog } from './changes.js';
import { writes } from './changes.js';

// Shared records (countries, cities, organizations) are named by many articles; what each article says
// about one is a claim of that article, and no article's import or edit overwrites another's claims.
//
// The value the API shows:
// - countries and gazetteer cities: the reference data (ISO 3166-1, GeoNames), whatever the claims say;
// - organizations: for each field, the claim of the earliest article (the lowest article id, that is the
//   first imported) that makes one. A later article that disagrees adds a conflicting claim, visible with
//   both sides in `conflicts`, and changes nothing its predecessors' records show. When the article whose
//   claim is shown is withdrawn, the next earliest claim takes over; a field no claim gives is empty.

export type ClaimSubject = { countryId: number } | { cityId: number } | { organizationId: number } | { personId: number };
export interface ClaimRow {
  articleId: number;
  countryId?: number | null;
  cityId?: number | null;
  organizationId?: number | null;
  personId?: number | null;
  field: string;
  /** JSON text: a string, a boolean, or a record's id. */
  value: string;
}

/** The fields of an organization its claims decide, and how each is stored on the row. */
export const organizationClaimFields = {
  name: { column: 'name', parse: (v: string) => JSON.parse(v) as string },
  kind: { column: 'kind', parse: (v: string) => JSON.parse(v) as string },
  city: { column: 'cityId', parse: (v: string) => JSON.parse(v) as number },
} as const;

export const claimSignature = (c: Omit<ClaimRow, 'articleId'>) => [c.countryId ?? '', c.cityId ?? '', c.organizationId ?? '', c.personId ?? '', c.field, c.value].join(':');

/**
 * Makes an article's claims equal to `desired`: stale ones deleted, new ones inserted, the rest left.
 * Returns the organizations and people whose claims changed, to settle.
 */
export async function putClaims(tx: Tx, articleId: number, desired: ClaimRow[], log: ChangeLog, scope?: ClaimSubject): Promise<{ organizations: Set<number>; people: Set<number> }> {
  const current = await tx.claim.findMany({ where: { articleId, ...scope } });
  const wanted = new Map(desired.map((c) => [claimSignature(c), c]));
  const stale = current.filter((row) => !wanted.delete(claimSignature(row)));
  const touched = { organizations: new Set<number>(), people: new Set<number>() };
  for (const c of [...stale, ...wanted.values()]) {
    if (c.organizationId != null) touched.organizations.add(c.organizationId);
    if (c.personId != null) touched.people.add(c.personId);
  }
  if (stale.length > 0) {
    await tx.claim.deleteMany({ where: { id: { in: stale.map((row) => row.id) } } });
    log.count('claims', 'deleted', stale.length);
  }
  if (wanted.size > 0) {
    await tx.claim.createMany({ data: [...wanted.values()] });
    log.count('claims', 'created', wanted.size);
  }
  return touched;
}

type StoredClaim = { organizationId: number | null; field: string; value: string };

/** The shown fields of one organization from its claims (ordered earliest first); `current` fills a field no claim gives but city. */
function shownFrom(own: StoredClaim[], current: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [field, { column, parse }] of Object.entries(organizationClaimFields)) {
    const first = own.find((c) => c.field === field);
    data[column] = first ? parse(first.value) : field === 'city' ? null : current[column];
  }
  return data;
}

export const earliestFirst = [{ articleId: 'asc' as const }, { id: 'asc' as const }];

/** The fields an organization shows by the rule above, from its claims as they are now. */
export async function shownOrganization(tx: Tx, id: number, current: Record<string, unknown>): Promise<Record<string, unknown>> {
  return shownFrom(await tx.claim.findMany({ where: { organizationId: id }, orderBy: earliestFirst }), current);
}

/** Sets each organization's shown fields from its claims, by the rule above. */
export async function settleOrganizations(tx: Tx, ids: Iterable<number>, log: ChangeLog) {
  const list = [...ids];
  if (list.length === 0) return;
  const claims = await tx.claim.findMany({ where: { organizationId: { in: list } }, orderBy: earliestFirst });
  for (const row of await tx.organization.findMany({ where: { id: { in: list } } })) {
    const own = claims.filter((c) => c.organizationId === row.id);
    if (own.length > 0) await log.put('organizations', row, shownFrom(own, row), writes(tx.organization));
  }
}

/** What a document's organization claims: its name and kind, and its city when it gives one. */
export function organizationClaims(articleId: number, organizationId: number, org: { name: string; kind: string }, cityId: number | null): ClaimRow[] {
  const claim = (field: string, value: unknown) => ({ articleId, organizationId, field, value: JSON.stringify(value) });
  return [claim('name', org.name), claim('kind', org.kind), ...(cityId != null ? [claim('city', cityId)] : [])];
}
