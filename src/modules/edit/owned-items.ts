import type { Prisma } from '../../generated/prisma/client.js';
import { toGlobalId } from '../../shared/global-id.js';
import type { OwnedItem, OwnedSection } from '../import/rows.js';
import type { RecordEdit } from './record-edit.js';
import type { RecordFacts } from './record-store.js';

// A stored record in its document form, its references as global IDs, registered with the edit so the
// checks and the writer can resolve them; and what each kind loads beside its row.

/** Each kind's row as read with its `include` (rows.ts). */
export interface StoredRows {
  delegations: Prisma.DelegationGetPayload<{ include: { visits: true; members: true } }>;
  events: Prisma.EventGetPayload<{ include: { participations: true; organizers: true; people: true; counterparts: true } }>;
  agreements: Prisma.AgreementGetPayload<{ include: { parties: true; signatories: true } }>;
  images: Prisma.ImageGetPayload<object>;
}

/** Registers the record's place (already read with its facts) and returns its city's reference. */
export function place(edit: RecordEdit, cityId: number | null, countryId: number | null, facts: RecordFacts): string | null {
  if (cityId != null && facts.city) edit.cities.set(toGlobalId('City', cityId), { id: cityId, ...facts.city });
  if (facts.city) edit.countries.set(facts.city.countryCode, facts.city.countryId);
  if (facts.countryCode != null && countryId != null) edit.countries.set(facts.countryCode, countryId);
  return edit.ref('City', cityId);
}

function organization(edit: RecordEdit, id: number | null): string | null {
  if (id == null) return null;
  const ref = toGlobalId('Organization', id);
  edit.organizations.set(ref, id);
  return ref;
}

/** A person a stored record links to, registered with the edit (stored links were checked when written). */
function person(edit: RecordEdit, id: number | null): string | null {
  if (id == null) return null;
  const ref = toGlobalId('Person', id);
  edit.people.set(ref, id);
  return ref;
}

function owned(edit: RecordEdit, section: 'delegations' | 'events', id: number | null): string | null {
  if (id == null) return null;
  const ref = toGlobalId(section === 'delegations' ? 'Delegation' : 'Event', id);
  edit.owned[section].set(ref, id);
  return ref;
}

/**
 * The country the record states: none when it has no quote of its country and its country is its city's,
 * taken from the city when it was written (a document may place a record by its city alone).
 */
function statedCountry(facts: RecordFacts): string | null {
  const quoted = facts.evidence.some((e) => e.facts.includes('country'));
  return !quoted && facts.city != null && facts.city.countryCode === facts.countryCode ? null : facts.countryCode;
}

/** The record's stored quotes in document form. */
export const quotes = (facts: RecordFacts) => facts.evidence.map(({ quote, start, end, facts: names }) => ({ quote, start, end, facts: names }));

export const itemOf: { [S in OwnedSection]: (edit: RecordEdit, row: StoredRows[S], facts: RecordFacts) => Promise<OwnedItem<S>> } = {
  async delegations(edit, row, facts) {
    const visits = row.visits;
    const countries = visits.length === 0 ? [] : await edit.tx.country.findMany({ where: { id: { in: visits.map((v) => v.countryId) } }, select: { id: true, isoCode: true } });
    const code = new Map(countries.map((c) => [c.id, c.isoCode]));
    for (const c of countries) edit.countries.set(c.isoCode, c.id);
    return {
      key: row.key,
      name: row.name,
      nameIsQuoted: row.nameIsQuoted,
      description: row.description,
      homeCityKey: place(edit, row.homeCityId, null, facts),
      organizationKey: organization(edit, row.organizationId),
      parentKey: owned(edit, 'delegations', row.parentId),
      startDate: row.startDate,
      endDate: row.endDate,
      countriesVisited: visits.map((v) => code.get(v.countryId)!),
      members: row.members.map((m) => ({ personKey: person(edit, m.personId)!, role: m.role })),
      evidence: quotes(facts),
    };
  },

  async events(edit, row, facts) {
    const participations = [...row.participations].sort((a, b) => a.delegationId - b.delegationId);
    return {
      key: row.key,
      name: row.name,
      nameIsQuoted: row.nameIsQuoted,
      kind: row.kind,
      description: row.description,
      startDate: row.startDate,
      endDate: row.endDate,
      cityKey: place(edit, row.cityId, row.countryId, facts),
      countryCode: statedCountry(facts),
      participants: participations.map((p) => ({ delegationKey: owned(edit, 'delegations', p.delegationId)!, role: p.role, attendedFrom: p.attendedFrom, attendedTo: p.attendedTo })),
      organizerKeys: row.organizers.map((o) => organization(edit, o.organizationId)!),
      peopleKeys: row.people.map((p) => person(edit, p.personId)!),
      counterparts: [...row.counterparts].sort((a, b) => a.position - b.position).map((c) => ({ organizationKey: organization(edit, c.organizationId), personKey: person(edit, c.personId), role: c.role })),
      evidence: quotes(facts),
    };
  },

  async agreements(edit, row, facts) {
    const { parties } = row;
    return {
      key: row.key,
      title: row.title,
      titleIsQuoted: row.titleIsQuoted,
      kind: row.kind,
      description: row.description,
      signedOn: row.signedOn,
      eventKey: owned(edit, 'events', row.eventId),
      cityKey: place(edit, row.cityId, row.countryId, facts),
      countryCode: statedCountry(facts),
      parties: parties.map((p) => ({ organizationKey: organization(edit, p.organizationId), description: p.description, role: p.role })),
      signatoryKeys: row.signatories.map((s) => person(edit, s.personId)!),
      evidence: quotes(facts),
    };
  },

  async images(edit, row, facts) {
    return {
      key: row.key,
      position: row.position,
      caption: row.caption,
      credit: row.credit,
      takenOn: row.takenOn,
      url: row.url,
      cityKey: place(edit, row.cityId, row.countryId, facts),
      countryCode: statedCountry(facts),
      eventKey: owned(edit, 'events', row.eventId),
      evidence: quotes(facts),
    };
  },
};
