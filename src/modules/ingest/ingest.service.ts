import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { ArticleDocument, EvidenceInput } from './document.js';
import { validateDocument } from './validate.js';

type Tx = Prisma.TransactionClient;
type Row = { id: number } & Record<string, unknown>;
/** The part of a Prisma model delegate that syncing an article's own records needs. */
interface OwnedModel<R> {
  findMany(args: { where: { articleId: number }; include?: Record<string, true> }): Promise<R[]>;
  create(args: never): Promise<Row>;
  update(args: never): Promise<Row>;
  deleteMany(args: { where: { id: { in: number[] } } }): Promise<{ count: number }>;
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
export async function importDocument(db: Db, input: unknown): Promise<ImportReport> {
  const doc = validateDocument(input);
  const contentHash = documentHash(doc);
  const existing = await db.article.findUnique({ where: { slug: doc.article.slug }, select: { id: true, contentHash: true } });
  if (existing?.contentHash === contentHash) {
    return { articleId: existing.id, slug: doc.article.slug, status: 'UNCHANGED', changes: {} };
  }
  return db.$transaction((tx) => new DocumentWriter(tx, doc, contentHash).write(), { timeout: 60_000 });
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
  private articleId = 0;

  constructor(
    private readonly tx: Tx,
    private readonly doc: ArticleDocument,
    private readonly contentHash: string,
  ) {}

  private count(entity: string, change: keyof EntityChanges, by = 1) {
    if (by === 0) return;
    this.changes[entity] ??= { created: 0, updated: 0, deleted: 0 };
    this.changes[entity][change] += by;
  }

  /** Creates the row, updates it when a field differs, or leaves it alone; returns its id. */
  private async put(
    entity: string,
    found: Row | null | undefined,
    data: Record<string, unknown>,
    ops: { create: (data: never) => Promise<Row>; update: (args: never) => Promise<Row> },
  ): Promise<number> {
    if (!found) {
      this.count(entity, 'created');
      return (await ops.create({ data } as never)).id;
    }
    if (Object.entries(data).some(([field, value]) => (found[field] ?? null) !== (value ?? null))) {
      this.count(entity, 'updated');
      await ops.update({ where: { id: found.id }, data } as never);
    }
    return found.id;
  }

  /** Replaces a record's set of links when it differs; `signature` identifies a link. */
  private async relink<T>(entity: string, current: T[], desired: T[], signature: (link: T) => string, replace: () => Promise<unknown>) {
    const before = new Set(current.map(signature));
    const after = new Set(desired.map(signature));
    const added = [...after].filter((link) => !before.has(link)).length;
    const removed = [...before].filter((link) => !after.has(link)).length;
    if (added + removed === 0) return;
    this.count(entity, 'created', added);
    this.count(entity, 'deleted', removed);
    await replace();
  }

  private cite(subject: Partial<Prisma.EvidenceCreateManyInput>, evidence: EvidenceInput[]) {
    for (const item of evidence) {
      this.evidence.push({
        ...subject,
        articleId: this.articleId,
        start: item.start,
        end: item.end,
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

    const found = await tx.article.findUnique({ where: { slug: article.slug } });
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
      const row = await tx.organization.findUnique({ where: { countryId_name: { countryId, name: org.name } } });
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
   * each, lets `link` sync its relations, and deletes the ones the document no longer has.
   */
  private async syncOwned<Item extends { key: string; evidence: EvidenceInput[] }, R extends Row & { key: string }>(
    entity: string,
    subject: 'delegationId' | 'eventId' | 'agreementId' | 'imageId',
    model: OwnedModel<R>,
    include: Record<string, true> | undefined,
    items: Item[],
    dataOf: (item: Item) => Record<string, unknown>,
    link?: (item: Item, id: number, row: R | undefined) => Promise<void>,
  ): Promise<Map<string, number>> {
    const existing = new Map((await model.findMany({ where: { articleId: this.articleId }, include })).map((row) => [row.key, row]));
    const ids = new Map<string, number>();
    for (const item of items) {
      const row = existing.get(item.key);
      existing.delete(item.key);
      const id = await this.put(entity, row, { articleId: this.articleId, key: item.key, ...dataOf(item) }, model);
      ids.set(item.key, id);
      await link?.(item, id, row);
      this.cite({ [subject]: id }, item.evidence);
    }
    if (existing.size > 0) {
      const { count } = await model.deleteMany({ where: { id: { in: [...existing.values()].map((row) => row.id) } } });
      this.count(entity, 'deleted', count);
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
    await this.syncOwned('delegations', 'delegationId', tx.delegation as unknown as OwnedModel<Row & { key: string; visits: { countryId: number; position: number }[] }>, { visits: true }, ordered, (delegation) => ({
      name: delegation.name,
      nameIsQuoted: delegation.nameIsQuoted,
      description: delegation.description ?? null,
      homeCityId: this.id(this.ids.city, delegation.homeCityKey),
      organizationId: this.id(this.ids.organization, delegation.organizationKey),
      parentId: this.id(this.ids.delegation, delegation.parentKey),
      startDate: delegation.startDate ?? null,
      endDate: delegation.endDate ?? null,
    }), async (delegation, id, row) => {
      this.ids.delegation.set(delegation.key, id);
      const visits = delegation.countriesVisited.map((code, i) => ({ delegationId: id, countryId: this.ids.country.get(code)!, position: i + 1 }));
      await this.relink('delegationVisits', row?.visits ?? [], visits, (v) => `${v.countryId}@${v.position}`, async () => {
        await tx.delegationVisit.deleteMany({ where: { delegationId: id } });
        await tx.delegationVisit.createMany({ data: visits });
      });
    });
  }

  private async writeEvents() {
    const { tx, doc } = this;
    type EventRow = Row & { key: string; participations: { delegationId: number; role: string }[]; organizers: { organizationId: number }[] };
    const ids = await this.syncOwned('events', 'eventId', tx.event as unknown as OwnedModel<EventRow>, { participations: true, organizers: true }, doc.events, (event) => ({
      name: event.name,
      nameIsQuoted: event.nameIsQuoted,
      kind: event.kind,
      description: event.description ?? null,
      startDate: event.startDate ?? null,
      endDate: event.endDate ?? null,
      cityId: this.id(this.ids.city, event.cityKey),
      countryId: this.countryId(event),
    }), async (event, id, row) => {
      const participations = event.participants.map((p) => ({ eventId: id, delegationId: this.ids.delegation.get(p.delegationKey)!, role: p.role }));
      await this.relink('eventParticipations', row?.participations ?? [], participations, (p) => `${p.delegationId}:${p.role}`, async () => {
        await tx.eventParticipation.deleteMany({ where: { eventId: id } });
        await tx.eventParticipation.createMany({ data: participations });
      });
      const organizers = event.organizerKeys.map((k) => ({ eventId: id, organizationId: this.ids.organization.get(k)! }));
      await this.relink('eventOrganizers', row?.organizers ?? [], organizers, (o) => `${o.organizationId}`, async () => {
        await tx.eventOrganizer.deleteMany({ where: { eventId: id } });
        await tx.eventOrganizer.createMany({ data: organizers });
      });
    });
    for (const [key, id] of ids) this.ids.event.set(key, id);
  }

  private async writeAgreements() {
    const { tx, doc } = this;
    type AgreementRow = Row & { key: string; parties: { position: number; organizationId: number | null; role: string; description: string }[] };
    await this.syncOwned('agreements', 'agreementId', tx.agreement as unknown as OwnedModel<AgreementRow>, { parties: true }, doc.agreements, (agreement) => ({
      title: agreement.title,
      titleIsQuoted: agreement.titleIsQuoted,
      kind: agreement.kind,
      description: agreement.description ?? null,
      signedOn: agreement.signedOn ?? null,
      eventId: this.id(this.ids.event, agreement.eventKey),
      cityId: this.id(this.ids.city, agreement.cityKey),
      countryId: this.countryId(agreement),
    }), async (agreement, id, row) => {
      const parties = agreement.parties.map((party, i) => ({
        agreementId: id,
        position: i + 1,
        organizationId: this.id(this.ids.organization, party.organizationKey),
        description: party.description,
        role: party.role,
      }));
      await this.relink('agreementParties', row?.parties ?? [], parties, (p) => `${p.position}:${p.organizationId}:${p.role}:${p.description}`, async () => {
        await tx.agreementParty.deleteMany({ where: { agreementId: id } });
        await tx.agreementParty.createMany({ data: parties });
      });
    });
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
    await this.syncOwned('images', 'imageId', tx.image as unknown as OwnedModel<Row & { key: string }>, undefined, images, (image) => ({
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
