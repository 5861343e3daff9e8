import type { Tx } from '../../db/write-lock.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { GEONAMES_SOURCE, type Place } from '../../reference/gazetteer.js';
import { countryName, ISO_3166_SOURCE } from '../../shared/countries.js';
import { conflictsAmong, type Conflict } from '../claim/claim.service.js';
import { earliestFirst, organizationClaims, putClaims, settleOrganizations, type ClaimRow, type ClaimSubject } from './claims.js';
import { OrganizationIndex, type PossibleDuplicate } from './organization-match.js';
import { ARTICLE_SOURCE, locate, placeData } from './places.js';
import { matchPerson, personClaims, putTitles, settlePeople, titlesOf, type PossibleDuplicatePerson } from './people.js';
import { claimedBy, noSharedIds, removeUnsupported } from './support.js';
import { ChangeLog, writes, type EntityChanges } from './changes.js';
import type { ArticleDocument, EvidenceInput } from './document.js';
import { diffLinks, evidenceRows, figureRecords, organizationData, evidenceSignature, ownedRecords, parentsFirst, type Ids, type OwnedRecords, type RecordSection } from './rows.js';

// Writes a validated document: the article, the shared records it names (matched by natural key), then
// its own records (matched by key), then its quotes. Only what differs is written.

export type ImportStatus = 'CREATED' | 'UPDATED' | 'UNCHANGED';
/** A shared record the document names: found in the graph already, or new. */
export interface SharedOutcome {
  type: 'Country' | 'City' | 'Organization' | 'Person';
  id: number;
  /** The name as the document gives it. */
  as: string;
  outcome: 'MATCHED' | 'CREATED';
}
export interface ImportReport {
  articleId: number;
  slug: string;
  status: ImportStatus;
  changes: Record<string, EntityChanges>;
  shared: SharedOutcome[];
  /** Fields of the document's organizations on which its claims and other articles' disagree. */
  conflicts: (Conflict & { type: 'Organization'; id: number })[];
  /** New organizations that look like existing ones of the same country; not merged. */
  possibleDuplicates: PossibleDuplicate[];
  /** New people whose names resemble existing ones of the same country; not merged. */
  possibleDuplicatePeople: PossibleDuplicatePerson[];
}

export interface WriteOptions {
  /** Who writes, for the audit log: an API key id, `cli:<user>`, `seed`. */
  actor?: string;
}

/** The article a document updates: the one with its slug, else the one with its URL (a renamed slug). */
export async function findArticle(db: Pick<Tx, 'article'>, doc: ArticleDocument) {
  const { slug, url } = doc.article;
  return (await db.article.findUnique({ where: { slug } })) ?? (url ? db.article.findUnique({ where: { url } }) : null);
}

/** Writes a validated document inside the caller's transaction. */
export function writeDocument(tx: Tx, doc: ArticleDocument, contentHash: string, options: WriteOptions = {}): Promise<ImportReport> {
  return new DocumentWriter(tx, doc, contentHash, new ChangeLog(options.actor ?? 'system')).write();
}

class DocumentWriter {
  private readonly ids = {
    source: new Map<string, number>(),
    country: new Map<string, number>(),
    city: new Map<string, number>(),
    cityCountry: new Map<string, number>(),
    organization: new Map<string, number>(),
    person: new Map<string, number>(),
    delegation: new Map<string, number>(),
    event: new Map<string, number>(),
    agreement: new Map<string, number>(),
  };
  /** The document's references resolved to the ids written so far. */
  private readonly resolve: Ids;
  private readonly evidence: Prisma.EvidenceCreateManyInput[] = [];
  private readonly shared: SharedOutcome[] = [];
  private readonly possibleDuplicates: PossibleDuplicate[] = [];
  private readonly possibleDuplicatePeople: PossibleDuplicatePerson[] = [];
  private conflicts: ImportReport['conflicts'] = [];
  private formerlyNamed = noSharedIds();
  private articleId = 0;

  constructor(
    private readonly tx: Tx,
    private readonly doc: ArticleDocument,
    private readonly contentHash: string,
    private readonly log: ChangeLog,
  ) {
    const of = (map: Map<string, number>) => (key: string | null | undefined) => (key == null ? null : map.get(key)!);
    this.resolve = {
      city: of(this.ids.city),
      organization: of(this.ids.organization),
      person: of(this.ids.person),
      delegation: of(this.ids.delegation),
      event: of(this.ids.event),
      agreement: of(this.ids.agreement),
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
    await this.writeOwned(ownedRecords.agreements, doc.agreements, (key, id) => this.ids.agreement.set(key, id));
    await this.writeOwned(figureRecords, doc.figures);
    await this.parkMovingImages();
    await this.writeOwned(ownedRecords.images, [...doc.images].sort((a, b) => a.position - b.position));
    await this.writeEvidence();
    // Shared records the article named before and no longer does go when nothing else supports them.
    await removeUnsupported(tx, this.formerlyNamed, this.log);
    if (this.log.audit.length > 0) await tx.auditEntry.createMany({ data: this.log.audit });
    return {
      articleId: this.articleId,
      slug: article.slug,
      status: found ? 'UPDATED' : 'CREATED',
      changes: this.log.changes,
      shared: this.shared,
      conflicts: this.conflicts,
      possibleDuplicates: this.possibleDuplicates,
      possibleDuplicatePeople: this.possibleDuplicatePeople,
    };
  }

  /**
   * Countries, cities and organizations: shared by articles. Each is matched (countries by ISO code, cities
   * by gazetteer place, organizations by their match key within a country) or created; what the document
   * says about it becomes this article's claims, and the shown values follow the rule of claims.ts.
   */
  private async writeShared() {
    const { tx, doc, log } = this;
    const claims: ClaimRow[] = [];
    const claim = (subject: ClaimSubject, field: string, value: unknown) => claims.push({ articleId: this.articleId, ...subject, field, value: JSON.stringify(value) });
    const iso = await this.referenceSource(ISO_3166_SOURCE);
    for (const country of doc.countries) {
      const row = await tx.country.findUnique({ where: { isoCode: country.isoCode } });
      const id = (await log.put('countries', row, { isoCode: country.isoCode, name: countryName(country.isoCode), referenceSourceId: iso }, writes(tx.country))).id;
      this.outcome('Country', id, country.name, row);
      this.ids.country.set(country.isoCode, id);
      this.cite({ countryId: id }, country.evidence);
      claim({ countryId: id }, 'name', country.name);
    }
    for (const [index, city] of doc.cities.entries()) {
      const countryId = this.ids.country.get(city.countryCode)!;
      const { place } = locate(city, ['cities', index]);
      const { row, data } = place
        ? { row: await this.gazetteerCity(place, countryId, city.name), data: placeData(place, countryId, await this.referenceSource(GEONAMES_SOURCE)) }
        : {
            row: await tx.city.findFirst({ where: { geonameId: null, countryId, name: city.name } }),
            data: { name: city.name, countryId, isCapital: city.isCapital ?? false, latitude: city.latitude!, longitude: city.longitude!, referenceSourceId: await this.referenceSource(ARTICLE_SOURCE) },
          };
      // An unlisted place keeps the values of the article that added it; a gazetteer place always shows the gazetteer's.
      const id = (await log.put('cities', row, place || !row ? data : {}, writes(tx.city))).id;
      this.outcome('City', id, city.name, row);
      this.ids.city.set(city.key, id);
      this.ids.cityCountry.set(city.key, countryId);
      this.cite({ cityId: id }, city.evidence);
      claim({ cityId: id }, 'name', city.name);
    }
    const known = new OrganizationIndex(tx);
    for (const org of doc.organizations) {
      const countryId = this.ids.country.get(org.countryCode)!;
      const row = await known.match(countryId, org.name);
      const id = row ? row.id : (await log.put('organizations', null, organizationData(org, this.resolve), writes(tx.organization))).id;
      this.outcome('Organization', id, org.name, row);
      if (!row) this.possibleDuplicates.push(...(await known.similar(countryId, org.name, id)));
      known.add(countryId, id, org.name);
      this.ids.organization.set(org.key, id);
      this.cite({ organizationId: id }, org.evidence);
      claims.push(...organizationClaims(this.articleId, id, org, this.resolve.city(org.cityKey)));
    }
    for (const person of doc.people) {
      const { id, row, duplicates } = await matchPerson(tx, log, person, this.ids.country.get(person.countryCode)!);
      this.outcome('Person', id, person.name, row);
      this.possibleDuplicatePeople.push(...duplicates);
      this.ids.person.set(person.key, id);
      this.cite({ personId: id }, person.evidence);
      claims.push(...personClaims(this.articleId, id, person));
    }
    this.formerlyNamed = await claimedBy(tx, this.articleId);
    const touched = await putClaims(tx, this.articleId, claims, log);
    await settleOrganizations(tx, touched.organizations, log);
    await settlePeople(tx, touched.people, log);
    await putTitles(tx, this.articleId, doc.people.flatMap((p) => titlesOf(p, this.ids.person.get(p.key)!, this.resolve.organization)), log);
    const mine = [...new Set(doc.organizations.map((org) => this.ids.organization.get(org.key)!))];
    const stored = await tx.claim.findMany({ where: { organizationId: { in: mine } }, orderBy: earliestFirst });
    this.conflicts = mine.flatMap((id) =>
      conflictsAmong(stored.filter((c) => c.organizationId === id))
        .filter((conflict) => conflict.claims.some((side) => side.row.articleId === this.articleId))
        .map((conflict) => ({ type: 'Organization' as const, id, ...conflict })),
    );
  }

  /** The id of a reference source the service itself declares, created on first use. */
  private async referenceSource(source: { key: string; name: string; url: string | null }): Promise<number> {
    const cached = this.ids.source.get(source.key);
    if (cached != null) return cached;
    const row = await this.tx.referenceSource.findUnique({ where: { key: source.key } });
    const id = (await this.log.put('referenceSources', row, source, writes(this.tx.referenceSource))).id;
    this.ids.source.set(source.key, id);
    return id;
  }

  /** The city row of a gazetteer place; a row from before places had ids (same country and name) is adopted. */
  private async gazetteerCity(place: Place, countryId: number, mention: string) {
    return (await this.tx.city.findUnique({ where: { geonameId: place.geonameId } }))
      ?? this.tx.city.findFirst({ where: { geonameId: null, countryId, name: { in: [place.name, mention] } } });
  }

  private outcome(type: SharedOutcome['type'], id: number, as: string, row: unknown) {
    this.shared.push({ type, id, as, outcome: row ? 'MATCHED' : 'CREATED' });
  }

  /**
   * Writes the records of one kind that the article owns, matched by key: creates, updates or leaves
   * each (with its link sets), and deletes the ones the document no longer has.
   */
  private async writeOwned<S extends RecordSection>(kind: OwnedRecords<S>, items: ArticleDocument[S][number][], written?: (key: string, id: number) => void) {
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
