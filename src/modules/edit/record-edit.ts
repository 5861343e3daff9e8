import type { Tx } from '../../db/write-lock.js';
import { gazetteer } from '../../reference/gazetteer.js';
import { countryName, countryNames, ISO_3166_SOURCE } from '../../shared/countries.js';
import type { UserErrorShape } from '../../shared/errors.js';
import { countryCodeArg } from '../../shared/filters.js';
import { idOf, toGlobalId, type NodeType } from '../../shared/global-id.js';
import { checkRecord, RecordCheck, type Path, type Scope } from '../import/checks.js';
import type { ArticleDocument, EvidenceInput } from '../import/document.js';
import type { Ids } from '../import/rows.js';
import { cityForArticle, organizationForArticle } from './record-store.js';

// One record of an article being edited, in its document form: the fields a document gives it, with
// references held as global IDs. The mutations set its fields from their input; references they name
// are looked up one by one (a city, an organization, a record of the same article), and a shared record
// the article does not cite yet is added with the record's own quotes that name it, as an import would.

type Doc = ArticleDocument;

/** Thrown inside an edit to refuse it: the transaction rolls back and the errors reach the payload. */
export class EditRefused extends Error {
  constructor(readonly userErrors: UserErrorShape[]) {
    super(userErrors.map((error) => error.message).join('; '));
  }
}

/** Field names of the document that the mutation inputs call otherwise (they take IDs, not keys). */
const inputNames: Record<string, string> = {
  cityKey: 'cityId',
  homeCityKey: 'homeCityId',
  organizationKey: 'organizationId',
  organizerKeys: 'organizerIds',
  parentKey: 'parentId',
  eventKey: 'eventId',
  delegationKey: 'delegationId',
};
/** The input path of a problem found at `segments` of the edited record. */
export const inputPathOf = (segments: Path): string[] => ['input', ...segments.map((part) => (typeof part === 'string' ? (inputNames[part] ?? part) : String(part)))];

type City = { id: number; name: string; geonameId: number | null; countryCode: string; countryId: number };
/** A shared record the edit adds to the article, checked like the record and reported at the input that named it. */
type Added =
  | { kind: 'city'; id: number; item: Doc['cities'][number]; inputPath: string[] }
  | { kind: 'organization'; id: number; item: Doc['organizations'][number]; inputPath: string[] };

/** The quotes among `support` that name `fact`, offered for the field `as` of another record. */
function quotesFor(support: EvidenceInput[], fact: string, as: string): EvidenceInput[] {
  return support.filter((item) => item.facts.includes(fact)).map((item) => ({ ...item, facts: [as] }));
}

type EvidenceArg = { quote: string; start?: number | null; end?: number | null; facts: string[] };

export class RecordEdit {
  readonly cities = new Map<string, City>();
  readonly organizations = new Map<string, number>();
  /** People the stored record links to (edits do not change people links yet). */
  readonly people = new Map<string, number>();
  /** Names of the organizations the edit newly refers to, for the quote checks (stored links were checked when written). */
  readonly organizationNames = new Map<string, string[]>();
  readonly owned = { delegations: new Map<string, number>(), events: new Map<string, number>() };
  /** Countries by ISO code: their id, or null for one to create from ISO 3166-1. */
  readonly countries = new Map<string, number | null>();
  readonly added: Added[] = [];
  /** The article's other records of the edited kind (a create picks a free key and image position from them). */
  siblings: { key: string; position?: unknown }[] = [];
  /** A delegation's parent by reference, for the cycle check (filled by delegation edits). */
  readonly parents = new Map<string, string | null>();

  constructor(readonly tx: Tx, readonly articleId: number, readonly body: string, readonly articleDate: string | null) {}

  /** A reference to a record by id: its global ID. */
  ref(type: NodeType, id: number | null): string | null {
    return id == null ? null : toGlobalId(type, id);
  }

  /** Lists a country (from the database, or new from ISO 3166-1); returns its code. */
  async country(code: string): Promise<string> {
    if (!this.countries.has(code)) this.countries.set(code, (await this.tx.country.findUnique({ where: { isoCode: code }, select: { id: true } }))?.id ?? null);
    return code;
  }

  /** A city by id; when the article does not cite it yet, the record's quotes that support `fact` become its own. */
  async city(id: number, support: EvidenceInput[], inputPath: string[], fact = 'city'): Promise<string> {
    const ref = toGlobalId('City', id);
    if (this.cities.has(ref)) return ref;
    const row = await cityForArticle(this.tx, id, this.articleId);
    if (!row) throw new EditRefused([{ path: inputPath, message: 'no city has this ID', code: 'UNKNOWN_REFERENCE' }]);
    this.cities.set(ref, { id, name: row.name, geonameId: row.geonameId, countryCode: row.countryCode, countryId: row.countryId });
    this.countries.set(row.countryCode, row.countryId);
    if (!row.cited) {
      const { name, countryCode, isCapital, latitude, longitude, referenceSource } = row;
      this.added.push({ kind: 'city', id, inputPath, item: { key: ref, name, countryCode, unlisted: false, isCapital, latitude, longitude, referenceSource, evidence: quotesFor(support, fact, 'name') } });
    }
    return ref;
  }

  /** An organization by id, like `city`. */
  async organization(id: number, support: EvidenceInput[], inputPath: string[], fact: string): Promise<string> {
    const ref = toGlobalId('Organization', id);
    if (this.organizations.has(ref)) return ref;
    const row = await organizationForArticle(this.tx, id, this.articleId);
    if (!row) throw new EditRefused([{ path: inputPath, message: 'no organization has this ID', code: 'UNKNOWN_REFERENCE' }]);
    this.organizations.set(ref, id);
    this.organizationNames.set(ref, [row.name]);
    await this.country(row.countryCode);
    if (!row.cited) {
      const cityKey = row.cityId == null ? null : await this.city(row.cityId, [], inputPath);
      const item = { key: ref, name: row.name, kind: row.kind as Doc['organizations'][number]['kind'], countryCode: row.countryCode, cityKey, evidence: quotesFor(support, fact, 'name') };
      this.added.push({ kind: 'organization', id, inputPath, item });
    }
    return ref;
  }

  /** A delegation or event of the edited article, by global ID; refused when it belongs to another article. */
  async ownedKeyOf(section: 'delegations' | 'events', globalId: string, inputPath: string[]): Promise<string> {
    const type = section === 'delegations' ? 'Delegation' : 'Event';
    const id = idOf(type, globalId, inputPath);
    const what = type.toLowerCase();
    const select = { articleId: true } as const;
    const row = section === 'delegations' ? await this.tx.delegation.findUnique({ where: { id }, select }) : await this.tx.event.findUnique({ where: { id }, select });
    if (!row) throw new EditRefused([{ path: inputPath, message: `no ${what} has this ID`, code: 'UNKNOWN_REFERENCE' }]);
    if (row.articleId !== this.articleId) {
      throw new EditRefused([{ path: inputPath, message: `this ${what} is reported by another article; a record can only refer to records of its own article`, code: 'UNKNOWN_REFERENCE' }]);
    }
    const ref = toGlobalId(type, id);
    this.owned[section].set(ref, id);
    return ref;
  }

  /** Sets a record's quotes when the input gives them (they replace the old ones). */
  setEvidence(item: { evidence: EvidenceInput[] }, evidence: EvidenceArg[] | null | undefined) {
    if (evidence != null) item.evidence = evidence.map(({ quote, start, end, facts }) => ({ quote, start, end, facts }));
  }

  /** Sets a record's city and country from the input's `cityId` and `countryCode` (null clears, omitted keeps). */
  async setPlace(item: { cityKey?: string | null; countryCode?: string | null; evidence: EvidenceInput[] }, input: { cityId?: string | null; countryCode?: string | null }) {
    if (input.countryCode !== undefined) {
      item.countryCode = input.countryCode == null ? null : await this.country(countryCodeArg(input.countryCode, ['input', 'countryCode']));
    }
    if (input.cityId !== undefined) {
      item.cityKey = input.cityId == null ? null : await this.city(idOf('City', input.cityId, ['input', 'cityId']), item.evidence, ['input', 'cityId']);
    }
  }

  /** The references resolved to database ids, for writing the record. */
  ids(): Ids {
    const id = (map: Map<string, number>) => (ref: string | null | undefined) => (ref == null ? null : map.get(ref)!);
    return {
      city: (ref) => (ref == null ? null : this.cities.get(ref)!.id),
      organization: id(this.organizations),
      person: id(this.people),
      // Only figures refer to agreements, and figures are written with their document, not edited one by one.
      agreement: () => null,
      delegation: id(this.owned.delegations),
      event: id(this.owned.events),
      country: (code) => (code == null ? null : this.countries.get(code)!),
      cityCountry: (ref) => (ref == null ? null : this.cities.get(ref)!.countryId),
    };
  }

  /** The checks of an import, on the edited record and on each shared record the edit adds; refused on any problem. */
  check(run: (check: RecordCheck) => void) {
    const errors: UserErrorShape[] = [];
    const scope: Scope = {
      body: this.body,
      city: (ref) => this.cities.get(ref),
      has: (kind, ref) => {
        if (kind === 'referenceSource') return true;
        if (kind === 'agreement') return false;
        return (kind === 'organization' ? this.organizations : kind === 'person' ? this.people : this.owned[`${kind}s`]).has(ref);
      },
      listsCountry: () => true,
      parentOf: (ref) => this.parents.get(ref),
      articleDate: this.articleDate,
      namesOf: (kind, ref) => {
        if (kind === 'country') return [...countryNames(ref), ...[...this.cities.values()].filter((c) => c.countryCode === ref).map((c) => c.name)];
        if (kind === 'organization') return this.organizationNames.get(ref);
        if (kind === 'person') return undefined;
        const city = this.cities.get(ref);
        const place = city?.geonameId == null ? null : gazetteer().place(city.geonameId);
        return city && [city.name, ...(place ? place.alternateNames : [])];
      },
    };
    const record = new RecordCheck(scope);
    run(record);
    errors.push(...record.issues.map((issue) => ({ path: inputPathOf(issue.segments), message: issue.message, code: issue.code })));
    for (const added of this.added) {
      const check = new RecordCheck(scope);
      if (added.kind === 'city') checkRecord.city(check, [], added.item);
      else checkRecord.organization(check, [], added.item);
      errors.push(...check.issues.map((issue) => ({ path: added.inputPath, message: issue.message, code: issue.code })));
    }
    if (errors.length > 0) throw new EditRefused(errors);
  }

  /** Creates the countries the edit named that the database does not have yet; returns their audit-ready rows. */
  async createCountries(onCreate: (entity: string, row: { id: number } & Record<string, unknown>) => void) {
    for (const [code, id] of this.countries) {
      if (id != null) continue;
      const source = ISO_3166_SOURCE;
      let sourceRow = await this.tx.referenceSource.findUnique({ where: { key: source.key } });
      if (!sourceRow) onCreate('referenceSources', (sourceRow = await this.tx.referenceSource.create({ data: source })));
      const row = await this.tx.country.create({ data: { isoCode: code, name: countryName(code), referenceSourceId: sourceRow.id } });
      onCreate('countries', row);
      this.countries.set(code, row.id);
    }
  }
}
