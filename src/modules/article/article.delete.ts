import type { Context } from '../../context.js';
import { takeWriteLock } from '../../db/write-lock.js';
import { requireRole } from '../../shared/auth.js';
import { idOf, toGlobalId, type NodeType } from '../../shared/global-id.js';
import { refusable } from '../edit/owned.js';
import { EditRefused } from '../edit/record-edit.js';
import { ChangeLog } from '../import/changes.js';
import { settleOrganizations } from '../import/claims.js';
import { settlePeople } from '../import/people.js';
import { figureRecords, ownedRecords } from '../import/rows.js';
import { claimedBy, removeUnsupported } from '../import/support.js';

// Withdrawing an article: it goes with everything it alone supports, in one transaction. Its own records
// (delegations, events, agreements, images, figures), their links and quotes, and its claims cascade with it; the
// shared records it named keep the values other articles' claims give them (re-settled); those nothing
// supports any more are deleted. Every deleted row is audited.

const owned = [
  ['delegations', 'Delegation'],
  ['events', 'Event'],
  ['agreements', 'Agreement'],
  ['images', 'Image'],
  ['figures', 'Figure'],
] as const;

export async function deleteArticle(ctx: Context, input: { id: string }) {
  const viewer = requireRole(ctx, 'editor');
  const id = idOf('Article', input.id, ['input', 'id']);
  const { record, userErrors } = await refusable(ctx.db, async (tx) => {
    await takeWriteLock(tx);
    const article = await tx.article.findUnique({ where: { id } });
    if (!article) throw new EditRefused([{ path: ['input', 'id'], message: 'no article has this ID (it may have been deleted)', code: 'NOT_FOUND' }]);
    const log = new ChangeLog(viewer.keyId);
    const named = await claimedBy(tx, id);
    const deleted: { type: NodeType; id: number }[] = [];
    for (const [section, type] of owned) {
      // Read for the audit log before the cascade removes them.
      for (const row of await (section === 'figures' ? figureRecords : ownedRecords[section]).model(tx).findMany({ where: { articleId: id } })) {
        log.record(section, 'DELETE', row.id, row, null);
        log.count(section, 'deleted');
        deleted.push({ type, id: row.id });
      }
    }
    await tx.article.delete({ where: { id } });
    log.record('articles', 'DELETE', id, article, null);
    await settleOrganizations(tx, named.organizations, log);
    await settlePeople(tx, named.people, log);
    deleted.push(...(await removeUnsupported(tx, named, log)));
    if (log.audit.length > 0) await tx.auditEntry.createMany({ data: log.audit });
    return deleted;
  });
  if (!record) return { deletedId: null, alsoDeletedIds: [], userErrors };
  return { deletedId: toGlobalId('Article', id), alsoDeletedIds: record.map((r) => toGlobalId(r.type, r.id)), userErrors: [] };
}
