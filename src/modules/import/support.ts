import type { Tx } from '../../db/write-lock.js';
import type { ChangeLog } from './changes.js';

// A shared record (country, city, organization, person) exists because articles support it: a quote that names
// it, a claim about it, or a record that refers to it. When the last support goes (an article withdrawn,
// or re-imported without it), the record goes too, so no orphan is left that no API could explain.

export interface SharedIds {
  countries: Set<number>;
  cities: Set<number>;
  organizations: Set<number>;
  people: Set<number>;
}

export const noSharedIds = (): SharedIds => ({ countries: new Set(), cities: new Set(), organizations: new Set(), people: new Set() });

/** The shared records an article makes claims about (every shared record a document lists has one). */
export async function claimedBy(tx: Tx, articleId: number): Promise<SharedIds> {
  const ids = noSharedIds();
  for (const c of await tx.claim.findMany({ where: { articleId }, select: { countryId: true, cityId: true, organizationId: true, personId: true } })) {
    if (c.personId != null) ids.people.add(c.personId);
    if (c.countryId != null) ids.countries.add(c.countryId);
    if (c.cityId != null) ids.cities.add(c.cityId);
    if (c.organizationId != null) ids.organizations.add(c.organizationId);
  }
  return ids;
}

/**
 * Deletes the candidates that nothing supports any more, people first (their titles refer to
 * organizations), then organizations (they refer to cities and countries), then cities, then countries;
 * each deletion audited. Returns what it deleted, by GraphQL type.
 */
export async function removeUnsupported(tx: Tx, candidates: SharedIds, log: ChangeLog): Promise<{ type: 'Person' | 'Organization' | 'City' | 'Country'; id: number }[]> {
  const removed: { type: 'Person' | 'Organization' | 'City' | 'Country'; id: number }[] = [];
  const unsupportedPeople = await tx.person.findMany({
    where: {
      id: { in: [...candidates.people] },
      evidence: { none: {} }, claims: { none: {} }, titles: { none: {} }, memberships: { none: {} }, events: { none: {} }, counterpart: { none: {} }, signatures: { none: {} },
    },
    include: { titles: true },
  });
  for (const row of unsupportedPeople) {
    candidates.countries.add(row.countryId);
    for (const title of row.titles) if (title.organizationId != null) candidates.organizations.add(title.organizationId);
  }
  await remove(log, 'people', unsupportedPeople, (ids) => tx.person.deleteMany({ where: { id: { in: ids } } }));
  removed.push(...unsupportedPeople.map((row) => ({ type: 'Person' as const, id: row.id })));

  const unsupportedOrganizations = await tx.organization.findMany({
    where: {
      id: { in: [...candidates.organizations] },
      evidence: { none: {} }, claims: { none: {} }, delegations: { none: {} }, organized: { none: {} }, parties: { none: {} }, counterpart: { none: {} }, titles: { none: {} },
    },
  });
  for (const row of unsupportedOrganizations) {
    candidates.cities.add(row.cityId ?? -1);
    candidates.countries.add(row.countryId);
  }
  await remove(log, 'organizations', unsupportedOrganizations, (ids) => tx.organization.deleteMany({ where: { id: { in: ids } } }));
  removed.push(...unsupportedOrganizations.map((row) => ({ type: 'Organization' as const, id: row.id })));

  const unsupportedCities = await tx.city.findMany({
    where: {
      id: { in: [...candidates.cities] },
      evidence: { none: {} }, claims: { none: {} }, organizations: { none: {} }, delegations: { none: {} }, events: { none: {} }, agreements: { none: {} }, images: { none: {} },
    },
  });
  for (const row of unsupportedCities) candidates.countries.add(row.countryId);
  await remove(log, 'cities', unsupportedCities, (ids) => tx.city.deleteMany({ where: { id: { in: ids } } }));
  removed.push(...unsupportedCities.map((row) => ({ type: 'City' as const, id: row.id })));

  const unsupportedCountries = await tx.country.findMany({
    where: {
      id: { in: [...candidates.countries] },
      evidence: { none: {} }, claims: { none: {} }, cities: { none: {} }, organizations: { none: {} }, people: { none: {} }, visits: { none: {} }, events: { none: {} }, agreements: { none: {} }, images: { none: {} },
    },
  });
  await remove(log, 'countries', unsupportedCountries, (ids) => tx.country.deleteMany({ where: { id: { in: ids } } }));
  removed.push(...unsupportedCountries.map((row) => ({ type: 'Country' as const, id: row.id })));
  return removed;
}

async function remove(log: ChangeLog, entity: string, rows: ({ id: number } & Record<string, unknown>)[], deleteMany: (ids: number[]) => Promise<unknown>) {
  if (rows.length === 0) return;
  await deleteMany(rows.map((row) => row.id));
  log.count(entity, 'deleted', rows.length);
  for (const row of rows) log.record(entity, 'DELETE', row.id, row, null);
}
