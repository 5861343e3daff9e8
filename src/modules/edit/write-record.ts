import type { Tx } from '../../db/write-lock.js';
import { ChangeLog } from '../import/changes.js';
import { organizationClaims, putClaims, settleOrganizations } from '../import/claims.js';
import type { EvidenceInput } from '../import/document.js';
import { diffLinks, evidenceRows, type Ids, type LinkSet, type OwnedModel, type OwnedRecords, type OwnedSection, type Row } from '../import/rows.js';
import type { RecordEdit } from './record-edit.js';
import type { StoredRow } from './record-store.js';

/** An evidence row's identity among one record's quotes. */
export const quoteSignature = (e: { start: number; end: number; facts: string }) => `${e.start}:${e.end}:${e.facts}`;

/** The stored quotes of a record, as `writeRecord` compares them. */
export const storedQuotes = (evidence: (EvidenceInput & { id: number })[]) =>
  evidence.map((e) => ({ id: e.id, signature: quoteSignature({ start: e.start!, end: e.end!, facts: [...e.facts].sort().join(' ') }) }));

/** What is written for one record: its entity, table, row data, link sets and quotes. */
export interface RecordTarget<Item> {
  entity: string;
  subject: string;
  model: OwnedModel;
  item: Item & { evidence: EvidenceInput[] };
  data: (ids: Ids) => Record<string, unknown>;
  links: LinkSet<Item>[];
}

/** An owned record of a document section as a write target. */
export function ownedTarget<S extends OwnedSection>(tx: Tx, records: OwnedRecords<S>, articleId: number, item: Parameters<OwnedRecords<S>['data']>[0]): RecordTarget<typeof item> {
  return { entity: records.section, subject: records.subject, model: records.model(tx), item, data: (ids) => ({ articleId, key: item.key, ...records.data(item, ids) }), links: records.links };
}

/**
 * Writes one checked record, as the import's writer would write it inside a document: countries it
 * names that are new, its row (version and audit entry only when something differs), the link sets
 * that changed, its quotes (only the ones that changed) and the quotes of shared records it added.
 */
export async function writeRecord<Item>(edit: RecordEdit, target: RecordTarget<Item>, row: StoredRow | Row | null, actor: string, stored: { id: number; signature: string }[]): Promise<Row> {
  const { tx, articleId } = edit;
  const log = new ChangeLog(actor);
  await edit.createCountries((entity, created) => log.record(entity, 'CREATE', created.id, null, created));
  const ids = edit.ids();
  const { diffs, change } = diffLinks(target.links, row, target.item, ids);
  const written = await log.put(target.entity, row, target.data(ids), target.model, change);
  for (const link of diffs) await link.set.replace(tx, written.id, link.desired);

  // The record's quotes: the stored ones it no longer has go, new ones come; the rest stay as they are.
  const desired = new Map(evidenceRows(articleId, { [target.subject]: written.id }, target.item.evidence).map((e) => [quoteSignature(e), e]));
  const stale = stored.filter((e) => !desired.delete(e.signature)).map((e) => e.id);
  if (stale.length > 0) await tx.evidence.deleteMany({ where: { id: { in: stale } } });
  const cited = edit.added.flatMap((added) => evidenceRows(articleId, { [added.kind === 'city' ? 'cityId' : 'organizationId']: added.id }, added.item.evidence));
  const inserts = [...desired.values(), ...cited];
  if (inserts.length > 0) await tx.evidence.createMany({ data: inserts });
  // A shared record the edit adds to the article becomes the article's claims, as an import's would.
  for (const added of edit.added) {
    if (added.kind === 'city') {
      await putClaims(tx, articleId, [{ articleId, cityId: added.id, field: 'name', value: JSON.stringify(added.item.name) }], log, { cityId: added.id });
    } else {
      const touched = await putClaims(tx, articleId, organizationClaims(articleId, added.id, added.item, ids.city(added.item.cityKey)), log, { organizationId: added.id });
      await settleOrganizations(tx, touched.organizations, log);
    }
  }
  if (log.audit.length > 0) await tx.auditEntry.createMany({ data: log.audit });
  return written;
}
