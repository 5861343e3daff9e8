import type { Tx } from '../../db/write-lock.js';
import type { AgreementPartyRole, ParticipationRole } from '../../generated/prisma/enums.js';
import type { ArticleDocument, EvidenceInput } from './document.js';
import { linkSet } from './link-set.js';
import { counterpartLinks, eventPeopleLinks, figures, memberLinks, signatoryLinks } from './people-rows.js';

// How a document's own records (delegations, events, agreements, images) become rows and link rows: one
// declaration, used by the import's writer for a whole document and by the edit engine for one record.

type Doc = ArticleDocument;
export type Row = { id: number } & Record<string, unknown>;
export type OwnedSection = 'delegations' | 'events' | 'agreements' | 'images';
/** The sections of records an article owns: the ones editable one by one, and figures, written with the document. */
export type RecordSection = OwnedSection | 'figures';
export type OwnedItem<S extends RecordSection> = Doc[S][number];

/** Database ids of the records a document record refers to, by its references (keys, or global IDs in an edit). */
export interface Ids {
  city(ref: string | null | undefined): number | null;
  organization(ref: string | null | undefined): number | null;
  person(ref: string | null | undefined): number | null;
  agreement(ref: string | null | undefined): number | null;
  delegation(ref: string | null | undefined): number | null;
  event(ref: string | null | undefined): number | null;
  country(code: string | null | undefined): number | null;
  /** The country of the city under `ref`, for a placed record that names no country of its own. */
  cityCountry(ref: string | null | undefined): number | null;
}

/** A record's links of one kind (an event's participations), compared and rewritten as a set. */
export interface LinkSet<Item, L = unknown> {
  /** Counted under this name in the import report. */
  entity: string;
  /** The Prisma relation that holds them, included when reading the record; also their audit field. */
  relation: string;
  /** Their table, the column naming the owner, and the columns `current` reads: an edit reads every set of a record in one statement. */
  table: { name: string; owner: string; columns: string[] };
  current(row: Row): L[];
  desired(item: Item, ids: Ids): L[];
  signature(link: L): string;
  replace(tx: Tx, ownerId: number, links: L[]): Promise<void>;
}

/** The part of a Prisma model delegate that writing an article's own records needs. */
export interface OwnedModel {
  findMany(args: { where: Record<string, unknown>; include?: Record<string, unknown> }): Promise<(Row & { key: string })[]>;
  findUnique(args: { where: { id: number }; include?: Record<string, unknown> }): Promise<(Row & { key: string; articleId: number; version: number }) | null>;
  create(args: { data: Record<string, unknown> }): Promise<Row>;
  update(args: { where: { id: number }; data: Record<string, unknown> }): Promise<Row>;
  deleteMany(args: { where: { id: { in: number[] } } }): Promise<{ count: number }>;
}

export interface OwnedRecords<S extends RecordSection> {
  section: S;
  /** The evidence column that cites it. */
  subject: 'delegationId' | 'eventId' | 'agreementId' | 'imageId' | 'figureId';
  model(tx: Tx): OwnedModel;
  data(item: OwnedItem<S>, ids: Ids): Record<string, unknown>;
  links: LinkSet<OwnedItem<S>>[];
  /** How its row is read with its link rows (each link set's relation; ordered where order is meaning). */
  include: Record<string, unknown> | undefined;
}

/** A record's links as the write found them and leaves them; they count as fields for the version and the audit log. */
export interface LinkChange {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  changed: boolean;
}
/** A record's link sets compared: as stored (`current`), as the record wants them, and how many differ. */
export function diffLinks<Item>(links: LinkSet<Item>[], row: Row | null | undefined, item: Item, ids: Ids) {
  const diffs = links.map((set) => {
    const current = row ? set.current(row) : [];
    // Two references to one record (two keys of a document that match one organization) are one link.
    const desired = [...new Map(set.desired(item, ids).map((link) => [set.signature(link), link])).values()];
    const before = new Set(current.map(set.signature));
    const after = new Set(desired.map(set.signature));
    return { set, current, desired, added: [...after].filter((l) => !before.has(l)).length, removed: [...before].filter((l) => !after.has(l)).length };
  });
  const change: LinkChange = {
    before: Object.fromEntries(diffs.map((link) => [link.set.relation, link.current])),
    after: Object.fromEntries(diffs.map((link) => [link.set.relation, link.desired])),
    changed: diffs.some((link) => link.added + link.removed > 0),
  };
  return { diffs: diffs.filter((link) => link.added + link.removed > 0), change };
}

/** A Prisma delegate as the subset of it that every owned model shares. */
function owned(delegate: unknown): OwnedModel {
  // Each delegate's argument types are specific to its model; the writer only passes rows of that model.
  return delegate as OwnedModel;
}

/** A placed record's country: the one it names, else its city's (the validator checks they agree). */
const placeCountry = (ids: Ids, record: { countryCode?: string | null; cityKey?: string | null }) =>
  record.countryCode != null ? ids.country(record.countryCode) : ids.cityCountry(record.cityKey);

type Visit = { countryId: number; position: number };
type Participation = { delegationId: number; role: ParticipationRole; attendedFrom: string | null; attendedTo: string | null };
type Organizer = { organizationId: number };
type Party = { position: number; organizationId: number | null; role: AgreementPartyRole; description: string };

const delegations: OwnedRecords<'delegations'> = {
  section: 'delegations',
  subject: 'delegationId',
  model: (tx) => owned(tx.delegation),
  include: { visits: { orderBy: { position: 'asc' } }, members: true },
  data: (d, ids) => ({
    name: d.name,
    nameIsQuoted: d.nameIsQuoted,
    description: d.description ?? null,
    homeCityId: ids.city(d.homeCityKey),
    organizationId: ids.organization(d.organizationKey),
    parentId: ids.delegation(d.parentKey),
    startDate: d.startDate ?? null,
    endDate: d.endDate ?? null,
  }),
  links: [linkSet<OwnedItem<'delegations'>, Visit>({
    entity: 'delegationVisits',
    relation: 'visits',
    table: { name: 'DelegationVisit', owner: 'delegationId', columns: ['countryId', 'position'] },
    current: (row) => (row.visits as Visit[]).map(({ countryId, position }) => ({ countryId, position })),
    desired: (d, ids) => d.countriesVisited.map((code, i) => ({ countryId: ids.country(code)!, position: i + 1 })),
    signature: (v) => `${v.countryId}@${v.position}`,
    replace: async (tx, delegationId, visits) => {
      await tx.delegationVisit.deleteMany({ where: { delegationId } });
      await tx.delegationVisit.createMany({ data: visits.map((v) => ({ ...v, delegationId })) });
    },
  }), memberLinks],
};

const events: OwnedRecords<'events'> = {
  section: 'events',
  subject: 'eventId',
  model: (tx) => owned(tx.event),
  include: { participations: true, organizers: true, people: true, counterparts: { orderBy: { position: 'asc' } } },
  data: (e, ids) => ({
    name: e.name,
    nameIsQuoted: e.nameIsQuoted,
    kind: e.kind,
    description: e.description ?? null,
    startDate: e.startDate ?? null,
    endDate: e.endDate ?? null,
    cityId: ids.city(e.cityKey),
    countryId: placeCountry(ids, e),
  }),
  links: [linkSet<OwnedItem<'events'>, Participation>({
    entity: 'eventParticipations',
    relation: 'participations',
    table: { name: 'EventParticipation', owner: 'eventId', columns: ['delegationId', 'role', 'attendedFrom', 'attendedTo'] },
    current: (row) => (row.participations as Participation[]).map(({ delegationId, role, attendedFrom, attendedTo }) => ({ delegationId, role, attendedFrom, attendedTo })),
    desired: (e, ids) => e.participants.map((p) => ({ delegationId: ids.delegation(p.delegationKey)!, role: p.role, attendedFrom: p.attendedFrom ?? null, attendedTo: p.attendedTo ?? null })),
    signature: (p) => `${p.delegationId}:${p.role}:${p.attendedFrom ?? ''}:${p.attendedTo ?? ''}`,
    replace: async (tx, eventId, participations) => {
      await tx.eventParticipation.deleteMany({ where: { eventId } });
      await tx.eventParticipation.createMany({ data: participations.map((p) => ({ ...p, eventId })) });
    },
  }), linkSet<OwnedItem<'events'>, Organizer>({
    entity: 'eventOrganizers',
    relation: 'organizers',
    table: { name: 'EventOrganizer', owner: 'eventId', columns: ['organizationId'] },
    current: (row) => (row.organizers as Organizer[]).map(({ organizationId }) => ({ organizationId })),
    desired: (e, ids) => e.organizerKeys.map((k) => ({ organizationId: ids.organization(k)! })),
    signature: (o) => `${o.organizationId}`,
    replace: async (tx, eventId, organizers) => {
      await tx.eventOrganizer.deleteMany({ where: { eventId } });
      await tx.eventOrganizer.createMany({ data: organizers.map((o) => ({ ...o, eventId })) });
    },
  }), eventPeopleLinks, counterpartLinks],
};

const agreements: OwnedRecords<'agreements'> = {
  section: 'agreements',
  subject: 'agreementId',
  model: (tx) => owned(tx.agreement),
  include: { parties: { orderBy: { position: 'asc' } }, signatories: true },
  data: (a, ids) => ({
    title: a.title,
    titleIsQuoted: a.titleIsQuoted,
    kind: a.kind,
    description: a.description ?? null,
    signedOn: a.signedOn ?? null,
    eventId: ids.event(a.eventKey),
    cityId: ids.city(a.cityKey),
    countryId: placeCountry(ids, a),
  }),
  links: [linkSet<OwnedItem<'agreements'>, Party>({
    entity: 'agreementParties',
    relation: 'parties',
    table: { name: 'AgreementParty', owner: 'agreementId', columns: ['id', 'position', 'organizationId', 'role', 'description'] },
    current: (row) => (row.parties as Party[]).map(({ position, organizationId, role, description }) => ({ position, organizationId, role, description })),
    desired: (a, ids) => a.parties.map((party, i) => ({ position: i + 1, organizationId: ids.organization(party.organizationKey), description: party.description, role: party.role })),
    signature: (p) => `${p.position}:${p.organizationId}:${p.role}:${p.description}`,
    replace: async (tx, agreementId, parties) => {
      await tx.agreementParty.deleteMany({ where: { agreementId } });
      await tx.agreementParty.createMany({ data: parties.map((p) => ({ ...p, agreementId })) });
    },
  }), signatoryLinks],
};

const images: OwnedRecords<'images'> = {
  section: 'images',
  subject: 'imageId',
  model: (tx) => owned(tx.image),
  include: undefined,
  data: (i, ids) => ({
    position: i.position,
    caption: i.caption,
    credit: i.credit ?? null,
    takenOn: i.takenOn ?? null,
    url: i.url ?? null,
    cityId: ids.city(i.cityKey),
    countryId: placeCountry(ids, i),
    eventId: ids.event(i.eventKey),
  }),
  links: [],
};

export const ownedRecords: { [S in OwnedSection]: OwnedRecords<S> } = { delegations, events, agreements, images };
export { figures as figureRecords };

/** How a document's organization becomes a row (shared: matched by name within its country). */
export function organizationData(org: ArticleDocument['organizations'][number], ids: Ids) {
  return { name: org.name, kind: org.kind, countryId: ids.country(org.countryCode), cityId: ids.city(org.cityKey) };
}

/** An evidence row's identity: the record it cites, where, and for which facts. */
export function evidenceSignature(e: { delegationId?: number | null; eventId?: number | null; agreementId?: number | null; imageId?: number | null; organizationId?: number | null; cityId?: number | null; countryId?: number | null; personId?: number | null; figureId?: number | null; start?: number | null; end?: number | null; facts?: string | null }): string {
  return [e.delegationId, e.eventId, e.agreementId, e.imageId, e.organizationId, e.cityId, e.countryId, e.personId, e.figureId, e.start, e.end, e.facts].map((v) => v ?? '').join(':');
}

/** Quotes as evidence rows of `subject` in an article. */
export function evidenceRows(articleId: number, subject: Record<string, number>, evidence: EvidenceInput[]) {
  return evidence.map((item) => ({ ...subject, articleId, start: item.start!, end: item.end!, quote: item.quote, facts: [...item.facts].sort().join(' ') }));
}

/** Delegations ordered so that every parent comes before its children. */
export function parentsFirst<D extends { key: string; parentKey?: string | null }>(delegations: D[]): D[] {
  const ordered: D[] = [];
  const placed = new Set<string>();
  while (ordered.length < delegations.length) {
    for (const d of delegations) {
      if (!placed.has(d.key) && (d.parentKey == null || placed.has(d.parentKey))) {
        ordered.push(d);
        placed.add(d.key);
      }
    }
  }
  return ordered;
}
