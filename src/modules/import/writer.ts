import type { Tx } from '../../db/write-lock.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { ChangeLog, writes, type EntityChanges } from './changes.js';
import type { ArticleDocument, EvidenceInput } from './document.js';
import { diffLinks, evidenceRows, organizationData, evidenceSignature, ownedRecords, type Ids, type OwnedRecords, type OwnedSection } from './rows.js';

// Writes a validated document: the article, the shared records it names (matched by natural key), then
// its own records (matched by key), then its quotes. Only what differs is written.

export type ImportStatus = 'CREATED' | 'UPDATED' | 'UNCHANGED';
export interface ImportReport {
  articleId: number;
  slug: string;
  status: ImportStatus;
  changes: Record<string, EntityChanges>;
}

export interface WriteOptions {
  /** Who writes, for the audit log: an API key id, `cli:<user>`, `seed`. */
  actor?: string;
  /**
   * Organizations an edit knows by id (document key to id), matched by id instead of by name so an edit
   * can rename one. Imports never set it: a document from outside refers to shared records by name.
   */
  knownOrganizations?: Map<string, number>;
}

/** The article a document updates: the one with its slug, else the one with its URL (a renamed slug). */
export async function findArticle(db: Pick<Tx, 'article'>, doc: ArticleDocument) {
  const { slug, url } = doc.article;
  return (await db.article.findUnique({ where: { slug } })) ?? (url ? db.article.findUnique({ where: { url } }) : null);
}

/** Writes a validated document inside the caller's transaction. */
export function writeDocument(tx: Tx, doc: ArticleDocument, contentHash: string, options: WriteOptions = {}): Promise<ImportReport> {
  return new DocumentWriter(tx, doc, contentHash, new ChangeLog(options.actor ?? 'system'), options.knownOrganizations ?? new Map()).write();
}

class DocumentWriter {
  private readonly ids = {
    source: new Map<string, number>(),
    country: new Map<string, number>(),
    city: new Map<string, number>(),
    cityCountry: new Map<string, number>(),
    organization: new Map<string, number>(),
    delegation: new Map<string, number>(),
    event: new Map<string, number>(),
  };
  /** The document's references resolved to the ids written so far. */
  private readonly resolve: Ids;
  private readonly evidence: Prisma.EvidenceCreateManyInput[] = [];
  private articleId = 0;

  constructor(
    private readonly tx: Tx,
    private readonly doc: ArticleDocument,
    private readonly contentHash: string,
    private readonly log: ChangeLog,
    private readonly knownOrganizations: Map<string, number>,
  ) {
    const of = (map: Map<string, number>) => (key: string | null | undefined) => (key == null ? null : map.get(key)!);
    this.resolve = {
      city: of(this.ids.city),
      organization: of(this.ids.organization),
      delegation: of(this.ids.delegation),
      event: of(this.ids.event),
      country: of(this.ids.country),
      cityCountry: of(this.ids.cityCountry),
    };
  }

  private cite(subject: Record<string, number>, evidence: EvidenceInput[]) {
    this.evidence.push(...evidenceRows(this.articleId, subject, evidence));
  }

  async write(): Promise<ImportReport> {
    const { tx, doc } = this;
    const { article } = doc;
    const found = await findArticle(tx, doc);
    this.articleId = (await this.log.put('articles', found, {
      slug: article.slug,
      title: article.title,
      body: article.body,
      source: article.source ?? null,
      url: article.url ?? null,
      updatedOn: article.updatedOn ?? null,
      language: article.language,
      contentHash: this.contentHash,
    }, writes(tx.article))).id;

    await this.writeShared();
    // Parents first, so each child can point at its parent's id (the validator rules out cycles).
    await this.writeOwned(ownedRecords.delegations, parentsFirst(doc.delegations), (key, id) => this.ids.delegation.set(key, id));
    await this.writeOwned(ownedRecords.events, doc.events, (key, id) => this.ids.event.set(key, id));
    await this.writeOwned(ownedRecords.agreements, doc.agreements);
    await this.parkMovingImages();
    await this.writeOwned(ownedRecords.images, [...doc.images].sort((a, b) => a.position - b.position));
    await this.writeEvidence();
    if (this.log.audit.length > 0) await tx.auditEntry.createMany({ data: this.log.audit });
    return { articleId: this.articleId, slug: article.slug, status: found ? 'UPDATED' : 'CREATED', changes: this.log.changes };
  }

  /** Reference sources, countries, cities and organizations: shared by articles, matched by natural key. */
  private async writeShared() {
    const { tx, doc, log } = this;
    for (const source of doc.referenceSources) {
      const row = await tx.referenceSource.findUnique({ where: { key: source.key } });
      this.ids.source.set(source.key, (await log.put('referenceSources', row, { key: source.key, name: source.name, url: source.url ?? null }, writes(tx.referenceSource))).id);
    }
    // A document may cite a reference source that an earlier import declared.
    const undeclared = [...doc.countries, ...doc.cities].map((r) => r.referenceSource).filter((k) => !this.ids.source.has(k));
    for (const row of await tx.referenceSource.findMany({ where: { key: { in: undeclared } } })) this.ids.source.set(row.key, row.id);

    for (const country of doc.countries) {
      const row = await tx.country.findUnique({ where: { isoCode: country.isoCode } });
      const data = { isoCode: country.isoCode, name: country.name, referenceSourceId: this.ids.source.get(country.referenceSource) };
      const id = (await log.put('countries', row, data, writes(tx.country))).id;
      this.ids.country.set(country.isoCode, id);
      this.cite({ countryId: id }, country.evidence);
    }
    for (const city of doc.cities) {
      const countryId = this.ids.country.get(city.countryCode)!;
      const row = await tx.city.findUnique({ where: { countryId_name: { countryId, name: city.name } } });
      const data = { name: city.name, countryId, isCapital: city.isCapital, latitude: city.latitude, longitude: city.longitude, referenceSourceId: this.ids.source.get(city.referenceSource) };
      const id = (await log.put('cities', row, data, writes(tx.city))).id;
      this.ids.city.set(city.key, id);
      this.ids.cityCountry.set(city.key, countryId);
      this.cite({ cityId: id }, city.evidence);
    }
    for (const org of doc.organizations) {
      const countryId = this.ids.country.get(org.countryCode)!;
      const known = this.knownOrganizations.get(org.key);
      const row = await tx.organization.findUnique({ where: known != null ? { id: known } : { countryId_name: { countryId, name: org.name } } });
      const id = (await log.put('organizations', row, organizationData(org, this.resolve), writes(tx.organization))).id;
      this.ids.organization.set(org.key, id);
      this.cite({ organizationId: id }, org.evidence);
    }
  }

  /**
   * Writes the records of one kind that the article owns, matched by key: creates, updates or leaves
   * each (with its link sets), and deletes the ones the document no longer has.
   */
  private async writeOwned<S extends OwnedSection>(kind: OwnedRecords<S>, items: ArticleDocument[S][number][], written?: (key: string, id: number) => void) {
    const { tx, log } = this;
    const model = kind.model(tx);
    const existing = new Map((await model.findMany({ where: { articleId: this.articleId }, include: kind.include })).map((row) => [row.key, row]));
    for (const item of items) {
      const row = existing.get(item.key);
      existing.delete(item.key);
      const { diffs, change } = diffLinks(kind.links, row, item, this.resolve);
      const { id } = await log.put(kind.section, row, { articleId: this.articleId, key: item.key, ...kind.data(item, this.resolve) }, model, change);
      written?.(item.key, id);
      for (const link of diffs) {
        log.count(link.set.entity, 'created', link.added);
        log.count(link.set.entity, 'deleted', link.removed);
        await link.set.replace(tx, id, link.desired);
      }
      this.cite({ [kind.subject]: id }, item.evidence);
    }
    if (existing.size > 0) {
      const gone = [...existing.values()];
      const { count } = await model.deleteMany({ where: { id: { in: gone.map((row) => row.id) } } });
      log.count(kind.section, 'deleted', count);
      for (const row of gone) log.record(kind.section, 'DELETE', row.id, row, null);
    }
  }

  /**
   * Positions are unique per article: park the rows that move or go out of the way (negative positions)
   * before writing, so images can swap places; each put then sets its real position.
   */
  private async parkMovingImages() {
    const wanted = new Map(this.doc.images.map((image) => [image.key, image.position]));
    const moving = (await this.tx.image.findMany({ where: { articleId: this.articleId }, select: { id: true, key: true, position: true } }))
      .filter((row) => wanted.get(row.key) !== row.position)
      .map((row) => row.id);
    if (moving.length > 0) await this.tx.image.updateMany({ where: { id: { in: moving } }, data: { position: { multiply: -1 } } });
  }

  /** The article's quotes: rows no longer cited are deleted, new ones inserted, the rest left alone. */
  private async writeEvidence() {
    const current = await this.tx.evidence.findMany({ where: { articleId: this.articleId } });
    const desired = new Map(this.evidence.map((e) => [evidenceSignature(e), e]));
    const stale = current.filter((row) => !desired.delete(evidenceSignature(row)));
    if (stale.length > 0) {
      await this.tx.evidence.deleteMany({ where: { id: { in: stale.map((row) => row.id) } } });
      this.log.count('evidence', 'deleted', stale.length);
    }
    if (desired.size > 0) {
      await this.tx.evidence.createMany({ data: [...desired.values()] });
      this.log.count('evidence', 'created', desired.size);
    }
  }
}

/** Delegations ordered so that every parent comes before its children. */
function parentsFirst<D extends { key: string; parentKey?: string | null }>(delegations: D[]): D[] {
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
