import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Prisma } from '../generated/prisma/client.js';
import { openDatabase, redactUrl, sqliteFile, type Db } from './client.js';
import { providerOf } from './provider.js';
import { advanceSequences } from './sequences.js';
import { takeWriteLock, type Tx } from './write-lock.js';

/**
 * Moving over (docs/postgres.md): copies every record of a SQLite database into an empty PostgreSQL one,
 * ids, versions and audit log included, in one transaction on the target, and verifies the copy before it
 * commits: each table's row count and a checksum of its rows read back from PostgreSQL, and what the target's
 * triggers derived from them (stats counts, search documents) against the source's own. Any difference, or
 * any error, rolls the whole copy back: the target is either a verified copy or as empty as it was.
 */

/** A copy that cannot be made, or did not verify; reported in one line, without a stack. */
export class CopyError extends Error {
  override name = 'CopyError';
}

export interface TableReport {
  table: string;
  rows: number;
  /** sha256 of the table's rows in primary-key order, the same on both sides. */
  checksum: string;
}

export interface CopyReport {
  tables: TableReport[];
  /** Migrations applied to the source (it is brought to the current schema, as the service would on start) and to the target. */
  migrated: { source: string[]; target: string[] };
  /** Derived tables the target's triggers rebuilt, checked against the source's. */
  derived: { table: string; rows: number }[];
  milliseconds: number;
}

export interface CopyOptions {
  from: string;
  to: string;
  /** Rows per read page (inserts split further to stay under PostgreSQL's parameter limit). */
  pageSize?: number;
  onTable?: (report: TableReport) => void;
}

/** Kept by the migrations' triggers on each side, so rebuilt rather than copied, then compared. */
const DERIVED = new Set<string>([Prisma.ModelName.StatCount]);

interface TablePlan {
  model: Prisma.ModelName;
  fields: string[];
  primaryKey: string[];
  /** Columns referring to the same table (a delegation's parent): its rows go in parents-first order. */
  selfReferences: string[];
}

type Row = Record<string, unknown>;
interface Delegate {
  findMany(args: { orderBy: Record<string, 'asc'>[]; skip?: number; take?: number }): Promise<Row[]>;
  createMany(args: { data: Row[] }): Promise<{ count: number }>;
  count(): Promise<number>;
}

const delegate = (client: Db | Tx, model: string) => (client as unknown as Record<string, Delegate>)[model[0]!.toLowerCase() + model.slice(1)]!;

export async function copyDatabase(options: CopyOptions): Promise<CopyReport> {
  const started = performance.now();
  const { from, to, pageSize = 2500 } = options;
  if (providerOf(from) !== 'sqlite') throw new CopyError(`--from must be a SQLite file: URL, got ${redactUrl(from)}`);
  if (providerOf(to) !== 'postgres') throw new CopyError(`--to must be a postgres:// or postgresql:// URL, got ${redactUrl(to)}`);
  // openDatabase would create a missing file: a typo must not copy an empty new database.
  if (!existsSync(sqliteFile(from))) throw new CopyError(`--from: no such SQLite database: ${sqliteFile(from)}`);

  const source = await openDatabase(from);
  try {
    const target = await openDatabase(to, { poolSize: 2 });
    try {
      const plans = await planTables(source.db);
      const result = await copyAll(source.db, target.db, plans, pageSize, options.onTable);
      return { ...result, migrated: { source: source.applied, target: target.applied }, milliseconds: performance.now() - started };
    } finally {
      await target.db.$disconnect();
    }
  } finally {
    await source.db.$disconnect();
  }
}

/** The models to copy, in an order where every table comes after the tables it refers to. */
async function planTables(db: Db): Promise<TablePlan[]> {
  const models = Object.values(Prisma.ModelName).filter((model) => !DERIVED.has(model));
  const references = new Map<string, { table: string; from: string }[]>();
  const plans = new Map<string, TablePlan>();
  for (const model of models) {
    const enumName = `${model}ScalarFieldEnum` as keyof typeof Prisma;
    const fields = Object.values(Prisma[enumName] as Record<string, string>);
    // Table names are the model names (no @@map): PRAGMA says which columns make the key and what refers where.
    const columns = await db.$queryRawUnsafe<{ name: string; pk: number | bigint }[]>(`SELECT name, pk FROM pragma_table_info('${model}')`);
    if (columns.length === 0) throw new CopyError(`the source has no table ${model}`);
    const primaryKey = columns.filter((c) => Number(c.pk) > 0).sort((a, b) => Number(a.pk) - Number(b.pk)).map((c) => c.name);
    const keys = await db.$queryRawUnsafe<{ table: string; from: string }[]>(`SELECT "table", "from" FROM pragma_foreign_key_list('${model}')`);
    references.set(model, keys);
    plans.set(model, { model, fields, primaryKey, selfReferences: keys.filter((k) => k.table === model).map((k) => k.from) });
  }
  const ordered: TablePlan[] = [];
  const placed = new Set<string>();
  while (ordered.length < models.length) {
    const ready = models.filter((m) => !placed.has(m) && references.get(m)!.every((k) => k.table === m || placed.has(k.table) || !plans.has(k.table)));
    if (ready.length === 0) throw new CopyError(`the tables refer to each other in a cycle: ${models.filter((m) => !placed.has(m)).join(', ')}`);
    for (const model of ready) {
      placed.add(model);
      ordered.push(plans.get(model)!);
    }
  }
  return ordered;
}

/** One row as checksummed: its fields in schema order, dates as ISO strings, so both providers' clients agree. */
const canonical = (row: Row, fields: string[]) =>
  JSON.stringify(fields.map((f) => {
    const value = row[f];
    return value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? value.toString() : value;
  }));

async function copyAll(sourceDb: Db, targetDb: Db, plans: TablePlan[], pageSize: number, onTable?: (report: TableReport) => void) {
  // The source is read in one transaction (the SQLite adapter's BEGIN IMMEDIATE, statement-cache.ts): one
  // consistent snapshot, and a service still running on the file has its writes wait and then refused, not lost.
  return sourceDb.$transaction(
    (src) =>
      targetDb.$transaction(
        async (tx) => {
          await takeWriteLock(tx);
          for (const plan of plans) {
            const present = await delegate(tx, plan.model).count();
            if (present > 0) throw new CopyError(`the target is not empty: ${plan.model} has ${present} rows; db:copy only copies into an empty database (one no replica has seeded: start replicas after the copy, or with SEED=false)`);
          }
          const tables: TableReport[] = [];
          for (const plan of plans) {
            const report = await copyTable(src, tx, plan, pageSize);
            tables.push(report);
            onTable?.(report);
          }
          // The high-water marks, not the highest ids: an id a deleted row had is never handed out again.
          const marks = await src.$queryRawUnsafe<{ name: string; seq: number | bigint }[]>('SELECT name, seq FROM sqlite_sequence');
          await advanceSequences(tx, Object.fromEntries(marks.filter((m) => plans.some((p) => p.model === m.name)).map((m) => [m.name, Number(m.seq)])));
          const derived = await compareDerived(src, tx);
          return { tables, derived };
        },
        { timeout: 3_600_000, maxWait: 30_000 },
      ),
    { timeout: 3_600_000, maxWait: 30_000 },
  );
}

async function copyTable(src: Tx, tx: Tx, plan: TablePlan, pageSize: number): Promise<TableReport> {
  const orderBy = plan.primaryKey.map((column) => ({ [column]: 'asc' as const }));
  const read = (client: Tx, skip: number) => delegate(client, plan.model).findMany({ orderBy, skip, take: pageSize });
  const sourceHash = createHash('sha256');
  let rows = 0;
  const columns = await columnTypes(tx, plan);
  const insert = async (page: Row[]) => {
    try {
      for (let i = 0; i < page.length; i += columns.rowsPerStatement) await insertRows(tx, plan, columns, page.slice(i, i + columns.rowsPerStatement));
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).trim().split('\n').filter(Boolean).at(-1);
      throw new CopyError(`copying ${plan.model} (rows ${rows + 1} to ${rows + page.length} in key order) failed: ${reason}`);
    }
  };
  if (plan.selfReferences.length > 0) {
    // Few rows (delegations): read whole, inserted parents first so each insert's references exist.
    const all = await delegate(src, plan.model).findMany({ orderBy });
    for (const row of all) sourceHash.update(`${canonical(row, plan.fields)}\n`);
    const ordered = parentsFirst(all, plan);
    for (let i = 0; i < ordered.length; i += pageSize) {
      await insert(ordered.slice(i, i + pageSize));
      rows += Math.min(pageSize, ordered.length - i);
    }
  } else {
    for (;;) {
      const page = await read(src, rows);
      if (page.length === 0) break;
      for (const row of page) sourceHash.update(`${canonical(row, plan.fields)}\n`);
      await insert(page);
      rows += page.length;
      if (page.length < pageSize) break;
    }
  }
  // Read back from PostgreSQL, through its own client, in the same order.
  const targetHash = createHash('sha256');
  let copied = 0;
  for (;;) {
    const page = await read(tx, copied);
    for (const row of page) targetHash.update(`${canonical(row, plan.fields)}\n`);
    copied += page.length;
    if (page.length < pageSize) break;
  }
  const checksum = sourceHash.digest('hex');
  const copiedChecksum = targetHash.digest('hex');
  if (copied !== rows) throw new CopyError(`${plan.model}: ${rows} rows read from the source, ${copied} in the target`);
  if (copiedChecksum !== checksum) throw new CopyError(`${plan.model}: the copied rows differ from the source (checksum ${copiedChecksum.slice(0, 12)}, source ${checksum.slice(0, 12)})`);
  return { table: plan.model, rows, checksum };
}

/** PostgreSQL's bind parameters per statement are at most 65,535; well under it. */
const PARAMETERS_PER_STATEMENT = 30_000;

/** The target's type of each copied column, for casts on the bind parameters. */
async function columnTypes(tx: Tx, plan: TablePlan) {
  const rows = await tx.$queryRaw<{ name: string; type: string }[]>`
    SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
    WHERE attrelid = quote_ident(${plan.model})::regclass AND attnum > 0 AND NOT attisdropped`;
  const types = new Map(rows.map((row) => [row.name, row.type]));
  const missing = plan.fields.filter((field) => !types.has(field));
  if (missing.length > 0) throw new CopyError(`the target's ${plan.model} has no column ${missing.join(', ')}: are both databases at the same version?`);
  return { types: plan.fields.map((field) => types.get(field)!), rowsPerStatement: Math.max(1, Math.floor(PARAMETERS_PER_STATEMENT / plan.fields.length)) };
}

/**
 * One multi-row INSERT with every value a bind parameter cast to its column's type, rather than
 * createMany, whose query compiler and argument checks dominated the copy (measured: 36 s against 14 s for the seed
 * plus 10k synthetic events), for values the typed client has just read, so already of the model's types.
 */
async function insertRows(tx: Tx, plan: TablePlan, columns: { types: string[] }, rows: Row[]) {
  const values: unknown[] = [];
  const tuples = rows.map((row) => {
    const placeholders = plan.fields.map((field, index) => {
      values.push(row[field] ?? null);
      return `$${values.length}::${columns.types[index]}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  const names = plan.fields.map((field) => `"${field}"`).join(', ');
  await tx.$executeRawUnsafe(`INSERT INTO "${plan.model}" (${names}) VALUES ${tuples.join(', ')}`, ...values);
}

/** Rows ordered so that a row's self-references point only to rows before it. */
function parentsFirst(rows: Row[], plan: TablePlan): Row[] {
  const key = (row: Row) => plan.primaryKey.map((c) => String(row[c])).join(':');
  const byKey = new Map(rows.map((row) => [key(row), row]));
  const placed = new Set<string>();
  const ordered: Row[] = [];
  const place = (row: Row, path: Set<string>) => {
    const k = key(row);
    if (placed.has(k)) return;
    if (path.has(k)) throw new CopyError(`${plan.model} ${k}: its ${plan.selfReferences.join(', ')} refer in a circle`);
    path.add(k);
    for (const column of plan.selfReferences) {
      const parent = row[column] == null ? undefined : byKey.get(String(row[column]));
      if (parent) place(parent, path);
    }
    placed.add(k);
    ordered.push(row);
  };
  for (const row of rows) place(row, new Set());
  return ordered;
}

/**
 * The target's triggers rebuilt the stats counts and the search documents from the copied rows: they must
 * be what the source's triggers keep. SQLite keeps zero counts of some facets where PostgreSQL keeps no row;
 * both mean zero.
 */
async function compareDerived(src: Tx, tx: Tx): Promise<{ table: string; rows: number }[]> {
  const counts = (client: Tx) =>
    delegate(client, Prisma.ModelName.StatCount)
      .findMany({ orderBy: [{ facet: 'asc' }, { bucket: 'asc' }] })
      .then((rows) => rows.filter((row) => Number(row.count) !== 0).map((row) => `${row.facet}|${row.bucket}|${row.count}`));
  const [sourceCounts, targetCounts] = [await counts(src), await counts(tx)];
  if (JSON.stringify(sourceCounts) !== JSON.stringify(targetCounts)) {
    const missing = sourceCounts.filter((c) => !targetCounts.includes(c)).slice(0, 3);
    throw new CopyError(`the stats counts rebuilt on the target differ from the source's (first differences: ${missing.join(', ') || 'extra rows on the target'})`);
  }
  // The search documents: SQLite's index holds what its SearchSource view gives, PostgreSQL's SearchDoc the same.
  // A delegation's places are its countries, joined in itinerary order on PostgreSQL and in country id order
  // on SQLite: compared as a set of words (ranking weighs them the same in any order).
  const documents = async (client: Tx, sql: string) =>
    (await client.$queryRawUnsafe<{ docid: number | bigint; title: string; body: string; places: string }[]>(sql)).map(
      (d) => `${d.docid}|${d.title}|${d.body}|${d.places.split(' ').sort().join(' ')}`,
    );
  const sourceDocs = await documents(src, 'SELECT docid, title, body, places FROM "SearchSource" ORDER BY docid');
  const targetDocs = await documents(tx, 'SELECT docid, title, body, places FROM "SearchDoc" ORDER BY docid');
  const differs = sourceDocs.findIndex((d, i) => d !== targetDocs[i]);
  if (sourceDocs.length !== targetDocs.length || differs >= 0) {
    const where = differs >= 0 ? `; first at ${JSON.stringify(targetDocs[differs]?.slice(0, 200))}, source ${JSON.stringify(sourceDocs[differs]!.slice(0, 200))}` : '';
    throw new CopyError(`the search documents rebuilt on the target differ from the source's (${targetDocs.length} against ${sourceDocs.length}${where})`);
  }
  return [
    { table: Prisma.ModelName.StatCount, rows: targetCounts.length },
    { table: 'SearchDoc', rows: targetDocs.length },
  ];
}
