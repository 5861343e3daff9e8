import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { takeWriteLock, type Tx } from '../../db/write-lock.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { AgreementPartyRole, ParticipationRole } from '../../generated/prisma/enums.js';
import type { ArticleDocument, EvidenceInput } from './document.js';
import { validateDocument } from './validate.js';

type Row = { id: number } & Record<string, unknown>;
/** The part of a Prisma model delegate that syncing an article's own records needs. */
interface OwnedModel<R> {
  findMany(args: { where: { articleId: number }; include?: Record<string, true> }): Promise<R[]>;
  create(args: never): Promise<Row>;
  update(args: never): Promise<Row>;
  deleteMany(args: { where: { id: { in: number[] } } }): Promise<{ count: number }>;
}

/** A record's links of one kind (an event's participations), compared and rewritten as a set. */
// Method syntax on purpose: it lets one array hold link sets of different link types.
interface LinkSet<Item, R, L extends object = object> {
  /** Counted under this name in the import report. */
  entity: string;
  /** The Prisma relation that holds them, included when reading the record; also their audit field. */
  relation: string;
  current(row: R): L[];
  desired(item: Item): L[];
  signature(link: L): string;
  replace(ownerId: number, links: L[]): Promise<void>;
}

export type ImportStatus = 'CREATED' | 'UPDATED' | 'UNCHANGED';
export interface EntityChanges {
  created: number;
  updated: number;
  deleted: number;
}
export interface ImportReport {
  articleId: number;
  slug: string;
  status: ImportStatus;
  changes: Record<string, EntityChanges>;
}

/** sha256 of the validated document, so that re-importing the same document is a single read. */
export function documentHash(doc: ArticleDocument): string {
  return createHash('sha256').update(JSON.stringify(doc)).digest('hex');
}

/**
 * Validates a document and writes it in one transaction: all of it or nothing. Records are matched by
 * their natural keys (countries by ISO code, cities and organizations by name within a country, the
 * article's own records by article and key), updated in place, and removed when the document no longer
 * has them, so a re-import changes exactly what changed and keeps every ID stable.
 */
export async function importDocument(db: Db, input: unknown, options: ImportOptions = {}): Promise<ImportReport> {
  const doc = validateDocument(input);
  const contentHash = documentHash(doc);
  const existing = await findArticle(db, doc);
  if (existing?.contentHash === contentHash) {
    return { articleId: existing.id, slug: doc.article.slug, status: 'UNCHANGED', changes: {} };
  }
  return db.$transaction(async (tx) => {
    await takeWriteLock(tx);
    const report = await writeDocument(tx, doc, options);
    await options.beforeCommit?.(tx);
    return report;
  }, { timeout: 60_000 });
}

/** Writes a validated document inside the caller's transaction (edits check versions in the same one). */
export function writeDocument(tx: Tx, doc: ArticleDocument, options: ImportOptions = {}): Promise<ImportReport> {
  return new DocumentWriter(tx, doc, documentHash(doc), options.actor ?? 'system', options.knownOrganizations ?? new Map()).write();
}

export interface ImportOptions {
  /** Who writes, for the audit log: an API key id, `cli:<user>`, `seed`. */
  actor?: string;
  /** Runs inside the transaction after the writes (tests inject failures here). */
  beforeCommit?: (tx: Tx) => Promise<void>;
  /**
   * Organizations an edit knows by id (document key to id), matched by id instead of by name so an edit
   * can rename one. Imports never set it: a document from outside refers to shared records by name.
   */
  knownOrganizations?: Map<string, number>;
}

/** The article a document updates: the one with its slug, else the one with its URL (a renamed slug). */
async function findArticle(db: Db | Tx, doc: ArticleDocument) {
  const { slug, url } = doc.article;
  return (await db.article.findUnique({ where: { slug } })) ?? (url ? db.article.findUnique({ where: { url } }) : null);
}

/** The GraphQL type each written entity is audited under; link rows and evidence are part of their owners. */
const auditedEntities: Record<string, string> = {
  articles: 'Article',
  referenceSources: 'ReferenceSource',
  countries: 'Country',
  cities: 'City',
  organizations: 'Organization',
  delegations: 'Delegation',
  events: 'Event',
  agreements: 'Agreement',
  images: 'Image',
};
/** Entities with a version column: every change to one of them increments it. */
const versioned = new Set(['organizations', 'delegations', 'events', 'agreements', 'images']);

/** A row as JSON for the audit log: keys sorted, dates as ISO text. */
function snapshot(row: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b))));
}

class DocumentWriter {
  private readonly changes: Record<string, EntityChanges> = {};
  private readonly ids = {
    source: new Map<string, number>(),
    country: new Map<string, number>(),
    city: new Map<string, number>(),
    organization: new Map<string, number>(),
    delegation: new Map<string, number>(),
    event: new Map<string, number>(),
  };
  private readonly evidence: Prisma.EvidenceCreateManyInput[] = [];
  private readonly audit: Prisma.AuditEntryCreateManyInput[] = [];
  private articleId = 0;

  constructor(
    private readonly tx: Tx,
    private readonly doc: ArticleDocument,
    private readonly contentHash: string,
    private readonly actor: string,
    private readonly knownOrganizations: Map<string, number> = new Map(),
  ) {}

  private record(entity: string, action: 'CREATE' | 'UPDATE' | 'DELETE', entityId: number, before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
    const type = auditedEntities[entity];
    if (!type) return;
    this.audit.push({ actor: this.actor, action, entity: type, entityId, before: before && snapshot(before), after: after && snapshot(after) });
  }

  private count(entity: string, change: keyof EntityChanges, by = 1) {
    if (by === 0) return;
    this.changes[entity] ??= { created: 0, updated: 0, deleted: 0 };
    this.changes[entity][change] += by;
  }

  /**
   * Creates the row, updates it when a field differs (incrementing its version), or leaves it alone;
   * `links` are the record's relations as the document wants them, which count as fields for the version
   * and the audit log. Returns its id.
   */
  private async put(
    entity: string,
    found: Row | null | undefined,
    data: Record<string, unknown>,
    ops: { create: (data: never) => Promise<Row>; update: (args: never) => Promise<Row> },
    links: { before: Record<string, unknown>; after: Record<string, unknown>; changed: boolean } = { before: {}, after: {}, changed: false },
  ): Promise<number> {
    if (!found) {
      this.count(entity, 'created');
      const row = await ops.create({ data } as never);
      this.record(entity, 'CREATE', row.id, null, { ...row, ...links.after });
      return row.id;
    }
    const differs = Object.entries(data).some(([field, value]) => (found[field] ?? null) !== (value ?? null));
    if (differs || links.changed) {
      this.count(entity, 'updated');
      const bump = versioned.has(entity) ? { version: { increment: 1 } } : {};
      const row = await ops.update({ where: { id: found.id }, data: { ...data, ...bump } } as never);
      const before = Object.fromEntries(Object.keys(row).map((field) => [field, found[field]]));
      this.record(entity, 'UPDATE', found.id, { ...before, ...links.before }, { ...row, ...links.after });
    }
    return found.id;
  }

  private cite(subject: Partial<Prisma.EvidenceCreateManyInput>, evidence: EvidenceInput[]) {
    for (const item of evidence) {
      this.evidence.push({
        ...subject,
        articleId: this.articleId,
        start: item.start!,
        end: item.end!,
        quote: item.quote,
        facts: [...item.facts].sort().join(' '),
      });
    }
  }

  private id(map: Map<string, number>, key: string | null | undefined): number | null {
    return key == null ? null : map.get(key)!;
  }

  async write(): Promise<ImportReport> {
    const { tx, doc } = this;
    const { article } = doc;

    const found = await findArticle(tx, doc);
    this.articleId = await this.put('articles', found, {
      slug: article.slug,
      title: article.title,
      body: article.body,
      source: article.source ?? null,
      url: article.url ?? null,
      updatedOn: article.updatedOn ?? null,
      language: article.language,
      contentHash: this.contentHash,
    }, tx.article);

    for (const source of doc.referenceSources) {
      const row = await tx.referenceSource.findUnique({ where: { key: source.key } });
      this.ids.source.set(source.key, await this.put('referenceSources', row, { key: source.key, name: source.name, url: source.url ?? null }, tx.referenceSource));
    }
    await this.resolveUndeclaredSources();

    for (const country of doc.countries) {
      const row = await tx.country.findUnique({ where: { isoCode: country.isoCode } });
      const id = await this.put('countries', row, {
        isoCode: country.isoCode,
        name: country.name,
        referenceSourceId: this.ids.source.get(country.referenceSource),
      }, tx.country);
      this.ids.country.set(country.isoCode, id);
      this.cite({ countryId: id }, country.evidence);
    }
    for (const city of doc.cities) {
      const countryId = this.ids.country.get(city.countryCode)!;
      const row = await tx.city.findUnique({ where: { countryId_name: { countryId, name: city.name } } });
      const id = await this.put('cities', row, {
        name: city.name,
        countryId,
        isCapital: city.isCapital,
        latitude: city.latitude,
        longitude: city.longitude,
        referenceSourceId: this.ids.source.get(city.referenceSource),
      }, tx.city);
      this.ids.city.set(city.key, id);
      this.cite({ cityId: id }, city.evidence);
    }
    for (const org of doc.organizations) {
      const countryId = this.ids.country.get(org.countryCode)!;
      const known = this.knownOrganizations.get(org.key);
      const row = await tx.organization.findUnique({ where: known != null ? { id: known } : { countryId_name: { countryId, name: org.name } } });
      const id = await this.put('organizations', row, {
        name: org.name,
        kind: org.kind,
        countryId,
        cityId: this.id(this.ids.city, org.cityKey),
      }, tx.organization);
      this.ids.organization.set(org.key, id);
      this.cite({ organizationId: id }, org.evidence);
    }

    await this.writeDelegations();
    await this.writeEvents();
    await this.writeAgreements();
    await this.writeImages();
    await this.writeEvidence();
    if (this.audit.length > 0) await tx.auditEntry.createMany({ data: this.audit });

    const status: ImportStatus = found ? 'UPDATED' : 'CREATED';
    return { articleId: this.articleId, slug: article.slug, status, changes: this.changes };
  }

  // A document may cite a reference source that an earlier import declared.
  private async resolveUndeclaredSources() {
    const keys = [...this.doc.countries, ...this.doc.cities].map((r) => r.referenceSource).filter((k) => !this.ids.source.has(k));
    for (const row of await this.tx.referenceSource.findMany({ where: { key: { in: keys } } })) this.ids.source.set(row.key, row.id);
  }

  /**
   * Writes the records of one kind that the article owns, matched by key: creates, updates or leaves
   * each (with its link sets), and deletes the ones the document no longer has.
   */
  private async syncOwned<Item extends { key: string; evidence: EvidenceInput[] }, R extends Row & { key: string }>(
    entity: string,
    subject: 'delegationId' | 'eventId' | 'agreementId' | 'imageId',
    model: OwnedModel<R>,
    items: Item[],
    dataOf: (item: Item) => Record<string, unknown>,
    linkSets: LinkSet<Item, R>[] = [],
    written?: (item: Item, id: number) => void,
  ): Promise<Map<string, number>> {
    const include = linkSets.length > 0 ? Object.fromEntries(linkSets.map((set) => [set.relation, true] as const)) : undefined;
    const existing = new Map((await model.findMany({ where: { articleId: this.articleId }, include })).map((row) => [row.key, row]));
    const ids = new Map<string, number>();
    for (const item of items) {
      const row = existing.get(item.key);
      existing.delete(item.key);
      const links = linkSets.map((set) => {
        const current = row ? set.current(row) : [];
        const desired = set.desired(item);
        const before = new Set(current.map(set.signature));
        const after = new Set(desired.map(set.signature));
        const added = [...after].filter((link) => !before.has(link)).length;
        const removed = [...before].filter((link) => !after.has(link)).length;
        return { set, current, desired, added, removed };
      });
      const id = await this.put(entity, row, { articleId: this.articleId, key: item.key, ...dataOf(item) }, model, {
        before: Object.fromEntries(links.map((link) => [link.set.relation, link.current])),
        after: Object.fromEntries(links.map((link) => [link.set.relation, link.desired])),
        changed: links.some((link) => link.added + link.removed > 0),
      });
      ids.set(item.key, id);
      written?.(item, id);
      for (const link of links.filter((link) => link.added + link.removed > 0)) {
        this.count(link.set.entity, 'created', link.added);
        this.count(link.set.entity, 'deleted', link.removed);
        await link.set.replace(id, link.desired);
      }
      this.cite({ [subject]: id }, item.evidence);
    }
    if (existing.size > 0) {
      const gone = [...existing.values()];
      const { count } = await model.deleteMany({ where: { id: { in: gone.map((row) => row.id) } } });
      this.count(entity, 'deleted', count);
      for (const row of gone) this.record(entity, 'DELETE', row.id, row, null);
    }
    return ids;
  }

  private async writeDelegations() {
    const { tx, doc } = this;
    // Parents first, so each child can point at its parent's id (the validator rules out cycles).
    const ordered: typeof doc.delegations = [];
    const placed = new Set<string>();
    while (ordered.length < doc.delegations.length) {
      for (const d of doc.delegations) {
        if (!placed.has(d.key) && (d.parentKey == null || placed.has(d.parentKey))) {
          ordered.push(d);
          placed.add(d.key);
        }
      }
    }
    type DelegationRow = Row & { key: string; visits: Visit[] };
    type Visit = { countryId: number; position: number };
    await this.syncOwned('delegations', 'delegationId', tx.delegation as unknown as OwnedModel<DelegationRow>, ordered, (delegation) => ({
      name: delegation.name,
      nameIsQuoted: delegation.nameIsQuoted,
      description: delegation.description ?? null,
      homeCityId: this.id(this.ids.city, delegation.homeCityKey),
      organizationId: this.id(this.ids.organization, delegation.organizationKey),
      parentId: this.id(this.ids.delegation, delegation.parentKey),
      startDate: delegation.startDate ?? null,
      endDate: delegation.endDate ?? null,
    }), [{
      entity: 'delegationVisits',
      relation: 'visits',
      current: (row) => row.visits.map(({ countryId, position }) => ({ countryId, position })),
      desired: (delegation) => delegation.countriesVisited.map((code, i) => ({ countryId: this.ids.country.get(code)!, position: i + 1 })),
      signature: (v: Visit) => `${v.countryId}@${v.position}`,
      replace: async (delegationId: number, visits: Visit[]) => {
        await tx.delegationVisit.deleteMany({ where: { delegationId } });
        await tx.delegationVisit.createMany({ data: visits.map((v) => ({ ...v, delegationId })) });
      },
    }], (delegation, id) => this.ids.delegation.set(delegation.key, id));
  }

  private async writeEvents() {
    const { tx, doc } = this;
    type Participation = { delegationId: number; role: ParticipationRole };
    type Organizer = { organizationId: number };
    type EventRow = Row & { key: string; participations: Participation[]; organizers: Organizer[] };
    const ids = await this.syncOwned('events', 'eventId', tx.event as unknown as OwnedModel<EventRow>, doc.events, (event) => ({
      name: event.name,
      nameIsQuoted: event.nameIsQuoted,
      kind: event.kind,
      description: event.description ?? null,
      startDate: event.startDate ?? null,
      endDate: event.endDate ?? null,
      cityId: this.id(this.ids.city, event.cityKey),
      countryId: this.countryId(event),
    }), [{
      entity: 'eventParticipations',
      relation: 'participations',
      current: (row) => row.participations.map(({ delegationId, role }) => ({ delegationId, role })),
      desired: (event) => event.participants.map((p) => ({ delegationId: this.ids.delegation.get(p.delegationKey)!, role: p.role })),
      signature: (p: Participation) => `${p.delegationId}:${p.role}`,
      replace: async (eventId: number, participations: Participation[]) => {
        await tx.eventParticipation.deleteMany({ where: { eventId } });
        await tx.eventParticipation.createMany({ data: participations.map((p) => ({ ...p, eventId })) });
      },
    }, {
      entity: 'eventOrganizers',
      relation: 'organizers',
      current: (row) => row.organizers.map(({ organizationId }) => ({ organizationId })),
      desired: (event) => event.organizerKeys.map((k) => ({ organizationId: this.ids.organization.get(k)! })),
      signature: (o: Organizer) => `${o.organizationId}`,
      replace: async (eventId: number, organizers: Organizer[]) => {
        await tx.eventOrganizer.deleteMany({ where: { eventId } });
        await tx.eventOrganizer.createMany({ data: organizers.map((o) => ({ ...o, eventId })) });
      },
    }]);
    for (const [key, id] of ids) this.ids.event.set(key, id);
  }

  private async writeAgreements() {
    const { tx, doc } = this;
    type Party = { position: number; organizationId: number | null; role: AgreementPartyRole; description: string };
    type AgreementRow = Row & { key: string; parties: Party[] };
    await this.syncOwned('agreements', 'agreementId', tx.agreement as unknown as OwnedModel<AgreementRow>, doc.agreements, (agreement) => ({
      title: agreement.title,
      titleIsQuoted: agreement.titleIsQuoted,
      kind: agreement.kind,
      description: agreement.description ?? null,
      signedOn: agreement.signedOn ?? null,
      eventId: this.id(this.ids.event, agreement.eventKey),
      cityId: this.id(this.ids.city, agreement.cityKey),
      countryId: this.countryId(agreement),
    }), [{
      entity: 'agreementParties',
      relation: 'parties',
      current: (row) => row.parties.map(({ position, organizationId, role, description }) => ({ position, organizationId, role, description })),
      desired: (agreement) => agreement.parties.map((party, i) => ({
        position: i + 1,
        organizationId: this.id(this.ids.organization, party.organizationKey),
        description: party.description,
        role: party.role,
      })),
      signature: (p: Party) => `${p.position}:${p.organizationId}:${p.role}:${p.description}`,
      replace: async (agreementId: number, parties: Party[]) => {
        await tx.agreementParty.deleteMany({ where: { agreementId } });
        await tx.agreementParty.createMany({ data: parties.map((p) => ({ ...p, agreementId })) });
      },
    }]);
  }

  private async writeImages() {
    const { tx, doc, articleId } = this;
    // Positions are unique per article: park the rows that move or go out of the way (negative
    // positions) before writing, so images can swap places; each put then sets its real position.
    const wanted = new Map(doc.images.map((image) => [image.key, image.position]));
    const moving = (await tx.image.findMany({ where: { articleId }, select: { id: true, key: true, position: true } }))
      .filter((row) => wanted.get(row.key) !== row.position)
      .map((row) => row.id);
    if (moving.length > 0) await tx.image.updateMany({ where: { id: { in: moving } }, data: { position: { multiply: -1 } } });
    const images = [...doc.images].sort((a, b) => a.position - b.position);
    await this.syncOwned('images', 'imageId', tx.image as unknown as OwnedModel<Row & { key: string }>, images, (image) => ({
      position: image.position,
      caption: image.caption,
      credit: image.credit ?? null,
      takenOn: image.takenOn ?? null,
      url: image.url ?? null,
      cityId: this.id(this.ids.city, image.cityKey),
      countryId: this.countryId(image),
      eventId: this.id(this.ids.event, image.eventKey),
    }));
  }

  /** A placed record's country: the one it names, else its city's (the validator checks they agree). */
  private countryId(record: { countryCode?: string | null; cityKey?: string | null }): number | null {
    const code = record.countryCode ?? this.doc.cities.find((city) => city.key === record.cityKey)?.countryCode;
    return this.id(this.ids.country, code);
  }

  /** The article's quotes: rows no longer cited are deleted, new ones inserted, the rest left alone. */
  private async writeEvidence() {
    const signature = (e: Partial<Prisma.EvidenceCreateManyInput>) =>
      [e.delegationId, e.eventId, e.agreementId, e.imageId, e.organizationId, e.cityId, e.countryId, e.start, e.end, e.facts]
        .map((v) => v ?? '')
        .join(':');
    const current = await this.tx.evidence.findMany({ where: { articleId: this.articleId } });
    const desired = new Map(this.evidence.map((e) => [signature(e), e]));
    const stale = current.filter((row) => !desired.delete(signature(row)));
    if (stale.length > 0) {
      await this.tx.evidence.deleteMany({ where: { id: { in: stale.map((row) => row.id) } } });
      this.count('evidence', 'deleted', stale.length);
    }
    if (desired.size > 0) {
      await this.tx.evidence.createMany({ data: [...desired.values()] });
      this.count('evidence', 'created', desired.size);
    }
  }
}
