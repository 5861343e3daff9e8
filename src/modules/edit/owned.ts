import type { Context } from '../../context.js';
import type { Db } from '../../db/client.js';
import type { Tx } from '../../db/write-lock.js';
import { requireRole } from '../../shared/auth.js';
import type { UserErrorShape } from '../../shared/errors.js';
import { idOf, toGlobalId, type NodeType } from '../../shared/global-id.js';
import { checkRecord } from '../import/checks.js';
import { ownedRecords, type OwnedItem, type OwnedSection } from '../import/rows.js';
import { ChangeLog } from '../import/changes.js';
import { itemOf, type StoredRows } from './owned-items.js';
import { EditRefused, RecordEdit } from './record-edit.js';
import { lockArticle, lockArticleOf, recordFacts, storedLinks, type StoredRow } from './record-store.js';
import { ownedTarget, storedQuotes, writeRecord } from './write-record.js';

// Create, update and delete for the records an article owns (delegations, events, agreements, images).
// A create or an update reads the one record and what it refers to, checks it with the import's checks
// and writes it with the import's row mapping; a delete reads what refers to the record and, on cascade,
// deletes or unlinks it. The kinds differ only in their fields and in what refers to them.

export type DocItem<S extends OwnedSection> = OwnedItem<S>;
type Section = OwnedSection;

export interface OwnedKind<S extends Section> {
  section: S;
  type: NodeType;
  what: string;
  /** Reads or checks what only this kind needs before the checks run (a delegation's ancestors, an image's position); `row` is null for a create. */
  prepare?: (edit: RecordEdit, item: DocItem<S>, row: StoredRow | null) => Promise<void>;
}

const recordTypes = { delegations: 'delegation', events: 'event', agreements: 'agreement', images: 'image' } as const;

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

/** No lost updates: an edit based on another version than the stored one is a CONFLICT. */
export function checkVersion(what: string, stored: number, read: number) {
  if (stored !== read) {
    throw new EditRefused([{
      path: ['input', 'version'],
      message: `the ${what} is at version ${stored}, not ${read}: it changed since it was read; read it again and redo the edit`,
      code: 'CONFLICT',
    }]);
  }
}

/** Runs an edit in one transaction; a refusal rolls it back and comes back as userErrors. */
export async function refusable<T>(db: Db, run: (tx: Tx) => Promise<T>): Promise<{ record: T | null; userErrors: UserErrorShape[] }> {
  try {
    return { record: await db.$transaction(run, { timeout: 30_000 }), userErrors: [] };
  } catch (error) {
    if (error instanceof EditRefused) return { record: null, userErrors: error.userErrors };
    throw error;
  }
}

/** Checks the record like an import would, then writes it. */
async function checkAndWrite<S extends Section>(edit: RecordEdit, kind: OwnedKind<S>, row: StoredRow | null, item: DocItem<S>, actor: string, evidenceIds: { id: number; signature: string }[]) {
  await kind.prepare?.(edit, item, row);
  // checkRecord[type] takes that type's record, and recordTypes pairs each section with its type.
  const check = checkRecord[recordTypes[kind.section]] as (c: Parameters<typeof checkRecord.event>[0], path: [], record: DocItem<S>) => void;
  edit.check((c) => check(c, [], item));
  return writeRecord(edit, ownedTarget(edit.tx, ownedRecords[kind.section], edit.articleId, item), row, actor, evidenceIds);
}

const notFound = (what: string, field = 'id'): UserErrorShape[] => [{ path: ['input', field], message: `no ${what} has this ID`, code: 'NOT_FOUND' }];

/** Adds a record to an article: `initial` makes its document entry, `fill` applies the input's fields. */
export async function createOwned<S extends Section>(
  ctx: Context,
  kind: OwnedKind<S>,
  articleGlobalId: string,
  name: string,
  initial: (key: string) => DocItem<S>,
  fill: (edit: RecordEdit, item: DocItem<S>) => Promise<void>,
) {
  const viewer = requireRole(ctx, 'editor');
  const articleId = idOf('Article', articleGlobalId, ['input', 'articleId']);
  return refusable(ctx.db, async (tx) => {
    await lockArticle(tx, articleId);
    const article = await tx.article.findUnique({ where: { id: articleId }, select: { body: true, updatedOn: true } });
    if (!article) throw new EditRefused(notFound('article', 'articleId'));
    const edit = new RecordEdit(tx, articleId, article.body, article.updatedOn);
    edit.siblings = await ownedRecords[kind.section].model(tx).findMany({ where: { articleId } });
    const item = initial(newKey(name, edit.siblings));
    await fill(edit, item);
    return checkAndWrite(edit, kind, null, item, viewer.keyId, []);
  });
}

/** Changes a record the article owns, from the version the editor read. */
export async function updateOwned<S extends Section>(
  ctx: Context,
  kind: OwnedKind<S>,
  input: { id: string; version: number },
  fill: (edit: RecordEdit, item: DocItem<S>) => Promise<void>,
) {
  const viewer = requireRole(ctx, 'editor');
  const id = idOf(kind.type, input.id, ['input', 'id']);
  return refusable(ctx.db, async (tx) => {
    // The lock comes first: a concurrent edit of the same record, in this process or another, waits for
    // this one and then reads the version it leaves, instead of overwriting it.
    await lockArticleOf(tx, kind.section, id);
    const facts = await recordFacts(tx, kind.section, id);
    const { model, links } = ownedRecords[kind.section];
    const found = facts && (await model(tx).findUnique({ where: { id } }));
    const row = found && { ...found, ...(await storedLinks(tx, links, id)) };
    if (!facts || !row) throw new EditRefused(notFound(kind.what));
    checkVersion(kind.what, row.version, input.version);
    const edit = new RecordEdit(tx, row.articleId, facts.body, facts.updatedOn);
    // The row holds this kind's link rows (storedLinks), as its include would: what StoredRows[S] describes.
    const item = await (itemOf[kind.section] as (e: RecordEdit, r: StoredRows[S], f: typeof facts) => Promise<DocItem<S>>)(edit, row as unknown as StoredRows[S], facts);
    await fill(edit, item);
    return checkAndWrite(edit, kind, row, item, viewer.keyId, storedQuotes(facts.evidence));
  });
}

/** What refers to a record about to be deleted: described for the refusal, deleted or unlinked on cascade. */
export interface Dependents {
  /** Global IDs of the records that go with it on cascade. */
  ids: string[];
  /** For the refusal: "2 image(s) and 1 agreement(s)"; empty when nothing refers to it. */
  description: string;
  /** Deletes the dependents, or unlinks the records that only link to it, with their versions and audit rows. */
  cascade: (tx: Tx, log: ChangeLog) => Promise<void>;
}

/** Deletes rows of an owned kind with an audit row each (their link rows and quotes go with them). */
export async function deleteRows(tx: Tx, log: ChangeLog, section: Section, where: Record<string, unknown>): Promise<void> {
  const model = ownedRecords[section].model(tx);
  const rows = await model.findMany({ where, include: ownedRecords[section].include });
  if (rows.length === 0) return;
  const ids = rows.map((row) => row.id);
  // Their figures go with them (the foreign key cascades): audited like the records.
  const subject = ownedRecords[section].subject;
  const figures = section === 'images' ? [] : await tx.figure.findMany({ where: { [subject]: { in: ids } } });
  await model.deleteMany({ where: { id: { in: ids } } });
  for (const row of rows) log.record(section, 'DELETE', row.id, row, null);
  for (const row of figures) log.record('figures', 'DELETE', row.id, row, null);
}

/**
 * Writes what a cascade leaves of a record read with its include: `data`, and the link sets `next`
 * rewrites (the others unchanged); a new version and an audit row, as an import would write them.
 */
export async function putCascaded<S extends Section>(tx: Tx, log: ChangeLog, section: S, row: StoredRow, data: Record<string, unknown>, next: Record<string, (links: unknown[]) => unknown[]> = {}) {
  const { links, model } = ownedRecords[section];
  const before = Object.fromEntries(links.map((set) => [set.relation, set.current(row)]));
  const after = Object.fromEntries(links.map((set) => [set.relation, next[set.relation]?.(before[set.relation]!) ?? before[set.relation]]));
  const signatures = (set: (typeof links)[number], list: unknown[]) => list.map(set.signature).sort().join('|');
  const changed = links.some((set) => signatures(set, before[set.relation]!) !== signatures(set, after[set.relation]!));
  await log.put(section, row, data, model(tx), { before, after, changed });
}

/** Deletes a record the article owns; refused while others refer to it, unless `cascade`. */
export async function deleteOwned<S extends Section>(
  ctx: Context,
  kind: OwnedKind<S>,
  input: { id: string; version?: number | null; cascade: boolean },
  dependentsOf: (tx: Tx, row: StoredRow) => Promise<Dependents>,
) {
  const viewer = requireRole(ctx, 'editor');
  const id = idOf(kind.type, input.id, ['input', 'id']);
  const { record: also, userErrors } = await refusable(ctx.db, async (tx) => {
    await lockArticleOf(tx, kind.section, id);
    const row = await ownedRecords[kind.section].model(tx).findUnique({ where: { id } });
    if (!row) throw new EditRefused(notFound(kind.what));
    if (input.version != null) checkVersion(kind.what, row.version, input.version);
    // Read under the write lock, so a record added meanwhile cannot be left pointing at nothing.
    const dependents = await dependentsOf(tx, row);
    if (dependents.description !== '' && !input.cascade) {
      throw new EditRefused([{ path: ['input', 'id'], message: `${dependents.description} refer to this ${kind.what}; pass cascade: true to delete them too`, code: 'REFERENCED' }]);
    }
    const log = new ChangeLog(viewer.keyId);
    await dependents.cascade(tx, log);
    await deleteRows(tx, log, kind.section, { id });
    await tx.auditEntry.createMany({ data: log.audit });
    return dependents.ids;
  });
  if (userErrors.length > 0) return { deletedId: null, alsoDeletedIds: [], userErrors };
  return { deletedId: toGlobalId(kind.type, id), alsoDeletedIds: also ?? [], userErrors: [] };
}

/** For the kinds nothing refers to (agreements, images): a delete has nothing to refuse or cascade. */
export const noDependents = async (): Promise<Dependents> => ({ ids: [], description: '', cascade: async () => {} });

/** "2 agreement(s) and 1 image(s)" for the non-empty counts. */
export function describeCounts(counts: [number, string][]): string {
  return counts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}(s)`).join(' and ');
}
