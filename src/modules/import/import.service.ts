import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { takeWriteLock, type Tx } from '../../db/write-lock.js';
import type { ArticleDocument } from './document.js';
import { validateDocument } from './validate.js';
import { findArticle, writeDocument, type ImportReport, type WriteOptions } from './writer.js';

export type { EntityChanges } from './changes.js';
export type { ImportReport, ImportStatus } from './writer.js';

/** sha256 of the validated document, so that re-importing the same document is a single read. */
export function documentHash(doc: ArticleDocument): string {
  return createHash('sha256').update(JSON.stringify(doc)).digest('hex');
}

export interface ImportOptions extends WriteOptions {
  /** Runs inside the transaction after the writes (tests inject failures here). */
  beforeCommit?: (tx: Tx) => Promise<void>;
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
    return { articleId: existing.id, slug: doc.article.slug, status: 'UNCHANGED', changes: {}, shared: [], conflicts: [], possibleDuplicates: [], possibleDuplicatePeople: [] };
  }
  return db.$transaction(async (tx) => {
    await takeWriteLock(tx);
    const report = await writeDocument(tx, doc, contentHash, options);
    await options.beforeCommit?.(tx);
    return report;
  }, { timeout: 60_000 });
}
