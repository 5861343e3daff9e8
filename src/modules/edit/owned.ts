import type { Context } from '../../context.js';
import { requireRole } from '../../shared/auth.js';
import { idOf, toGlobalId, type NodeType } from '../../shared/global-id.js';
import type { ArticleDocument } from '../import/document.js';
import { EditRefused, editArticle, newKey, type DocumentEdit, type VersionedTable } from './edit.service.js';
import type { UserErrorShape } from '../../shared/errors.js';
import type { Tx } from '../../db/write-lock.js';

// Create, update and delete for the records an article owns (delegations, events, agreements, images),
// each as an edit of the article's document (see edit.service.ts). The kinds differ only in their fields
// and in what refers to them.

type Section = 'delegations' | 'events' | 'agreements' | 'images';
export type DocItem<S extends Section> = ArticleDocument[S][number];
type OwnedRow = { id: number; key: string; articleId: number; version: number };

/** The part of a Prisma delegate these mutations use. */
interface OwnedDelegate {
  findUnique(args: { where: { id: number } | { articleId_key: { articleId: number; key: string } } }): Promise<OwnedRow | null>;
}

export interface OwnedKind<S extends Section> {
  section: S;
  table: VersionedTable;
  type: NodeType;
  what: string;
  delegate: (db: Context['db'] | Tx) => OwnedDelegate;
}

const notFound = (what: string, field = 'id'): UserErrorShape[] => [{ path: ['input', field], message: `no ${what} has this ID`, code: 'NOT_FOUND' }];

/** Adds a record to an article: `initial` makes its document entry, `fill` applies the input's fields. */
export async function createOwned<S extends Section>(
  ctx: Context,
  kind: OwnedKind<S>,
  articleGlobalId: string,
  name: string,
  initial: (key: string) => DocItem<S>,
  fill: (edit: DocumentEdit, item: DocItem<S>, articleId: number) => Promise<void>,
) {
  const viewer = requireRole(ctx, 'editor');
  const articleId = idOf('Article', articleGlobalId, ['input', 'articleId']);
  if (!(await ctx.loaders.article.load(articleId))) return { record: null, userErrors: notFound('article', 'articleId') };
  let key = '';
  return editArticle(ctx.db, {
    articleId,
    actor: viewer.keyId,
    change: async (edit) => {
      const items = edit.doc[kind.section] as DocItem<S>[];
      key = newKey(name, items);
      const item = initial(key);
      edit.record = [kind.section, items.length];
      items.push(item);
      await fill(edit, item, articleId);
    },
    result: (tx) => kind.delegate(tx).findUnique({ where: { articleId_key: { articleId, key } } }),
  }).then(({ result, userErrors }) => ({ record: result, userErrors }));
}

/** Changes a record the article owns, from the version the editor read. */
export async function updateOwned<S extends Section>(
  ctx: Context,
  kind: OwnedKind<S>,
  input: { id: string; version: number },
  fill: (edit: DocumentEdit, item: DocItem<S>, articleId: number) => Promise<void>,
) {
  const viewer = requireRole(ctx, 'editor');
  const id = idOf(kind.type, input.id, ['input', 'id']);
  const row = await kind.delegate(ctx.db).findUnique({ where: { id } });
  if (!row) return { record: null, userErrors: notFound(kind.what) };
  const { result, userErrors } = await editArticle(ctx.db, {
    articleId: row.articleId,
    actor: viewer.keyId,
    expect: { table: kind.table, id, version: input.version },
    change: async (edit) => {
      const items = edit.doc[kind.section] as DocItem<S>[];
      const index = items.findIndex((item) => item.key === row.key);
      edit.record = [kind.section, index];
      await fill(edit, items[index]!, row.articleId);
    },
    result: (tx) => kind.delegate(tx).findUnique({ where: { id } }),
  });
  return { record: result, userErrors };
}

/** What refers to a record about to be deleted: described for the refusal, removed from the document on cascade. */
export interface Dependents {
  /** Global IDs of the records that go with it on cascade. */
  ids: string[];
  /** For the refusal: "2 image(s) and 1 agreement(s)"; empty when nothing refers to it. */
  description: string;
  /** Removes the dependents from the document (or unlinks them, for link rows). */
  remove: (doc: ArticleDocument) => void;
}

/** Deletes a record the article owns; refused while others refer to it, unless `cascade`. */
export async function deleteOwned<S extends Section>(
  ctx: Context,
  kind: OwnedKind<S>,
  input: { id: string; version?: number | null; cascade: boolean },
  dependentsOf: (edit: DocumentEdit, row: OwnedRow) => Promise<Dependents>,
) {
  const viewer = requireRole(ctx, 'editor');
  const id = idOf(kind.type, input.id, ['input', 'id']);
  const row = await kind.delegate(ctx.db).findUnique({ where: { id } });
  if (!row) return { deletedId: null, alsoDeletedIds: [], userErrors: notFound(kind.what) };
  let also: string[] = [];
  const { userErrors } = await editArticle(ctx.db, {
    articleId: row.articleId,
    actor: viewer.keyId,
    expect: { table: kind.table, id, version: input.version },
    change: async (edit) => {
      // Read under the write lock, so a record added meanwhile cannot be left pointing at nothing.
      const dependents = await dependentsOf(edit, row);
      if (dependents.description !== '' && !input.cascade) {
        throw new EditRefused([{ path: ['input', 'id'], message: `${dependents.description} refer to this ${kind.what}; pass cascade: true to delete them too`, code: 'REFERENCED' }]);
      }
      dependents.remove(edit.doc);
      also = dependents.ids;
      (edit.doc[kind.section] as DocItem<S>[]).splice((edit.doc[kind.section] as DocItem<S>[]).findIndex((item) => item.key === row.key), 1);
    },
    result: async () => null,
  });
  if (userErrors.length > 0) return { deletedId: null, alsoDeletedIds: [], userErrors };
  return { deletedId: toGlobalId(kind.type, id), alsoDeletedIds: also, userErrors: [] };
}

/** For the kinds nothing refers to (agreements, images): a delete has nothing to refuse or cascade. */
export const noDependents = async (): Promise<Dependents> => ({ ids: [], description: '', remove: () => {} });

/** "2 agreement(s) and 1 image(s)" for the non-empty counts. */
export function describeCounts(counts: [number, string][]): string {
  return counts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}(s)`).join(' and ');
}
