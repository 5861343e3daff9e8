import type { Db } from '../../db/client.js';
import { countryName } from '../../shared/countries.js';
import { cityKey, documentOf, organizationKey } from './document-of.js';
import type { ArticleDocument, EvidenceInput } from '../import/document.js';
import { takeWriteLock, type Tx } from '../../db/write-lock.js';
import { documentHash } from '../import/import.service.js';
import { writeDocument } from '../import/writer.js';
import { EditRefused, quotesFor, setEvidence, setPlace } from './record-edit.js';
import type { VersionedTable } from './record-store.js';
import type { UserErrorShape } from '../../shared/errors.js';
import { DocumentValidationError, validateDocument } from '../import/validate.js';


// Field names of the document that the mutation inputs call otherwise (they take IDs, not keys).
const inputNames: Record<string, string> = {
  cityKey: 'cityId',
  homeCityKey: 'homeCityId',
  organizationKey: 'organizationId',
  organizerKeys: 'organizerIds',
  parentKey: 'parentId',
  eventKey: 'eventId',
  delegationKey: 'delegationId',
};

/**
 * An edit of one article's records, as a change to its document: the shared records a change refers to
 * are added to the document on the way (with quotes taken from the record's own), and every problem the
 * validator finds is reported at the input field that caused it.
 */
export class DocumentEdit {
  /** Document paths (`cities.3`) of shared records this edit added, and the input field that added each. */
  private readonly added = new Map<string, string[]>();

  constructor(
    readonly tx: Tx,
    readonly doc: ArticleDocument,
    /** Where the edited record sits in the document (`['events', 4]`), for mapping problems to the input. */
    public record: [string, number] | null = null,
  ) {}

  /** The input path of a problem at a document path. */
  inputPath(segments: (string | number)[]): string[] {
    const [section, index, ...rest] = segments;
    const added = this.added.get(`${section}.${index}`);
    if (added) return added;
    if (this.record && section === this.record[0] && index === this.record[1]) {
      return ['input', ...rest.map((part) => (typeof part === 'string' ? (inputNames[part] ?? part) : String(part)))];
    }
    return ['input'];
  }

  /** Lists a country in the document (from the database, or from ISO 3166-1 when new); returns its code. */
  async country(code: string): Promise<string> {
    if (!this.doc.countries.some((c) => c.isoCode === code)) {
      const row = await this.tx.country.findUnique({ where: { isoCode: code }, include: { referenceSource: true } });
      const source = row?.referenceSource ?? { key: 'iso-3166-1', name: 'ISO 3166-1 alpha-2 country codes (via the i18n-iso-countries package)', url: 'https://www.iso.org/iso-3166-country-codes.html' };
      this.source(source);
      this.doc.countries.push({ isoCode: code, name: row?.name ?? countryName(code), referenceSource: source.key, evidence: [] });
    }
    return code;
  }

  /**
   * Lists a city in the document; returns its key. A city new to the document needs a quote that names
   * it: the record's quotes that support its city (`fact`) are offered as the city's own.
   */
  async city(id: number, support: EvidenceInput[], inputPath: string[], fact = 'city'): Promise<string> {
    const key = cityKey(id);
    if (this.doc.cities.some((c) => c.key === key)) return key;
    const row = await this.tx.city.findUnique({ where: { id }, include: { country: true, referenceSource: true } });
    if (!row) throw new EditRefused([{ path: inputPath, message: 'no city has this ID', code: 'UNKNOWN_REFERENCE' }]);
    await this.country(row.country.isoCode);
    this.source(row.referenceSource);
    this.added.set(`cities.${this.doc.cities.length}`, inputPath);
    this.doc.cities.push({
      key,
      name: row.name,
      countryCode: row.country.isoCode,
      isCapital: row.isCapital,
      latitude: row.latitude,
      longitude: row.longitude,
      referenceSource: row.referenceSource.key,
      evidence: quotesFor(support, fact, 'name'),
    });
    return key;
  }

  /** Lists an organization in the document, like `city`; returns its key. */
  async organization(id: number, support: EvidenceInput[], inputPath: string[], fact: string): Promise<string> {
    const key = organizationKey(id);
    if (this.doc.organizations.some((o) => o.key === key)) return key;
    const row = await this.tx.organization.findUnique({ where: { id }, include: { country: true } });
    if (!row) throw new EditRefused([{ path: inputPath, message: 'no organization has this ID', code: 'UNKNOWN_REFERENCE' }]);
    await this.country(row.country.isoCode);
    const city = row.cityId == null ? null : await this.city(row.cityId, [], inputPath);
    this.added.set(`organizations.${this.doc.organizations.length}`, inputPath);
    this.doc.organizations.push({ key, name: row.name, kind: row.kind, countryCode: row.country.isoCode, cityKey: city, evidence: quotesFor(support, fact, 'name') });
    return key;
  }

  setEvidence(item: { evidence: EvidenceInput[] }, evidence: Parameters<typeof setEvidence>[1]) {
    setEvidence(item, evidence);
  }

  setPlace(item: Parameters<typeof setPlace>[1], input: Parameters<typeof setPlace>[2]) {
    return setPlace(this, item, input);
  }

  private source(source: { key: string; name: string; url: string | null }) {
    if (!this.doc.referenceSources.some((s) => s.key === source.key)) this.doc.referenceSources.push({ key: source.key, name: source.name, url: source.url });
  }
}

/** A key for a new record: the name in lower case, letters and digits only, made unique in its section. */
export function newKey(name: string, taken: { key: string }[]): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'record';
  const keys = new Set(taken.map((item) => item.key));
  let key = base;
  for (let n = 2; keys.has(key); n++) key = `${base}-${n}`;
  return key;
}

export interface EditOptions<T> {
  articleId: number;
  actor: string;
  /** The record being changed, locked first and checked against the version the editor read. */
  expect?: { table: VersionedTable; id: number; version: number | null | undefined };
  change: (edit: DocumentEdit) => Promise<void> | void;
  /** Reads the result inside the transaction, after the write. */
  result: (tx: Tx) => Promise<T>;
}

/**
 * Changes an article's records in one transaction: takes the write lock, checks the edited record's
 * version (no lost updates: a stale version is a CONFLICT), rebuilds the article's document, applies
 * the change, validates it like an import and writes it through the import's writer (versions, audit,
 * search index). Any problem rolls everything back and comes back as userErrors.
 */
export async function editArticle<T>(db: Db, options: EditOptions<T>): Promise<{ result: T; userErrors: [] } | { result: null; userErrors: UserErrorShape[] }> {
  try {
    const result = await db.$transaction(async (tx) => {
      await takeWriteLock(tx);
      if (options.expect) await checkVersion(tx, options.expect);
      await rewriteArticle(tx, options.articleId, options.actor, options.change);
      return options.result(tx);
    }, { timeout: 30_000 });
    return { result, userErrors: [] };
  } catch (error) {
    if (error instanceof EditRefused) return { result: null, userErrors: error.userErrors };
    throw error;
  }
}

/** Rebuilds an article's document, applies `change`, validates and writes it, inside the caller's transaction. */
export async function rewriteArticle(tx: Tx, articleId: number, actor: string, change: (edit: DocumentEdit) => Promise<void> | void) {
  const edit = new DocumentEdit(tx, await documentOf(tx, articleId));
  await change(edit);
  let doc: ArticleDocument;
  try {
    doc = validateDocument(edit.doc);
  } catch (error) {
    if (!(error instanceof DocumentValidationError)) throw error;
    throw new EditRefused(error.issues.map(({ segments, message, code }) => ({ path: edit.inputPath(segments), message, code })));
  }
  // Organizations the document lists by database key keep their identity even when renamed.
  const known = new Map(doc.organizations.flatMap((o) => (/^organization-(\d+)$/.test(o.key) ? [[o.key, Number(o.key.slice(13))] as const] : [])));
  await writeDocument(tx, doc, documentHash(doc), { actor, knownOrganizations: known });
}

export async function checkVersion(tx: Tx, { table, id, version }: NonNullable<EditOptions<unknown>['expect']>) {
  // The caller holds the write lock (takeWriteLock), so a concurrent edit of the same record, in this
  // process or another, waits for it and then reads the version this one leaves, instead of overwriting it.
  const [row] = await tx.$queryRawUnsafe<{ version: number | bigint }[]>(`SELECT "version" FROM "${table}" WHERE "id" = ?`, id);
  if (!row) throw new EditRefused([{ path: ['input', 'id'], message: `no ${table.toLowerCase()} has this ID (it may have been deleted)`, code: 'NOT_FOUND' }]);
  if (version != null && Number(row.version) !== version) {
    throw new EditRefused([{
      path: ['input', 'version'],
      message: `the ${table.toLowerCase()} is at version ${Number(row.version)}, not ${version}: it changed since it was read; read it again and redo the edit`,
      code: 'CONFLICT',
    }]);
  }
}
