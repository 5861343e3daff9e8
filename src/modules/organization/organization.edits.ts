import type { Context } from '../../context.js';
import { takeWriteLock, type Tx } from '../../db/write-lock.js';
import type { Organization } from '../../generated/prisma/client.js';
import { requireRole } from '../../shared/auth.js';
import type { UserErrorShape } from '../../shared/errors.js';
import { countryCodeArg } from '../../shared/filters.js';
import { idOf, toGlobalId } from '../../shared/global-id.js';
import { place, quotes } from '../edit/owned-items.js';
import { checkVersion, putCascaded, refusable } from '../edit/owned.js';
import { EditRefused, RecordEdit } from '../edit/record-edit.js';
import { lockArticle, organizationFacts } from '../edit/record-store.js';
import { storedQuotes, writeRecord, type RecordTarget } from '../edit/write-record.js';
import { ChangeLog } from '../import/changes.js';
import { checkRecord } from '../import/checks.js';
import { organizationClaims, putClaims, shownOrganization } from '../import/claims.js';
import { OrganizationIndex } from '../import/organization-match.js';
import type { ArticleDocument } from '../import/document.js';
import { organizationData, ownedRecords, type OwnedModel } from '../import/rows.js';
import type { OrganizationCreateInput, OrganizationDeleteInput, OrganizationUpdateInput } from './organization.input.js';

// Organizations are shared between articles: each article cites them with its own quotes. A create or an
// update is checked against the article whose quotes support it, like that article's import would check
// the organization, and writes the organization with those quotes.

type Item = ArticleDocument['organizations'][number];

const refused = (path: string[], message: string, code: UserErrorShape['code']) => new EditRefused([{ path, message, code }]);

/** The organization as a write target, quoted by the edit's article. */
function target(tx: Tx, item: Item): RecordTarget<Item> {
  return {
    entity: 'organizations',
    subject: 'organizationId',
    // The organization delegate, as the subset of it that writing one record uses.
    model: tx.organization as unknown as OwnedModel,
    item,
    data: (ids) => organizationData(item, ids),
    links: [],
  };
}

/**
 * Checks the organization and whatever it adds to the article, then writes it: what the edit says is the
 * article's claims, and the row shows what the claims decide (an edit of article B does not change what
 * an earlier article A's claims show; see import/claims.ts).
 */
async function checkAndWrite(edit: RecordEdit, item: Item, row: Organization | null, actor: string, stored: Parameters<typeof writeRecord>[4]) {
  edit.check((check) => checkRecord.organization(check, [], item));
  const { tx, articleId } = edit;
  const claimsOf = (id: number) => organizationClaims(articleId, id, item, edit.ids().city(item.cityKey));
  if (!row) {
    const written = await writeRecord(edit, target(tx, item), null, actor, stored);
    await putClaims(tx, articleId, claimsOf(written.id), new ChangeLog(actor), { organizationId: written.id });
    return written;
  }
  await putClaims(tx, articleId, claimsOf(row.id), new ChangeLog(actor), { organizationId: row.id });
  const shown = await shownOrganization(tx, row.id, row);
  return writeRecord(edit, { ...target(tx, item), data: (ids) => ({ ...organizationData(item, ids), ...shown }) }, row, actor, stored);
}

export async function createOrganization(ctx: Context, input: OrganizationCreateInput) {
  const viewer = requireRole(ctx, 'editor');
  const articleId = idOf('Article', input.articleId, ['input', 'articleId']);
  const code = countryCodeArg(input.countryCode, ['input', 'countryCode']);
  return refusable(ctx.db, async (tx) => {
    await lockArticle(tx, articleId);
    const article = await tx.article.findUnique({ where: { id: articleId }, select: { body: true, updatedOn: true } });
    if (!article) throw refused(['input', 'articleId'], 'no article has this ID', 'NOT_FOUND');
    // The importer's match: "X Co., Ltd." is "X Co" (import/organization-match.ts).
    const country = await tx.country.findUnique({ where: { isoCode: code }, select: { id: true } });
    const existing = country && (await new OrganizationIndex(tx).match(country.id, input.name));
    if (existing) throw refused(['input', 'name'], `this organization already exists in ${code}: ${toGlobalId('Organization', existing.id)} (${existing.name}); cite it instead`, 'DUPLICATE_KEY');
    const edit = new RecordEdit(tx, articleId, article.body, article.updatedOn);
    const item: Item = { key: 'new', name: input.name, kind: input.kind, countryCode: await edit.country(code), cityKey: null, evidence: [] };
    edit.setEvidence(item, input.evidence);
    await edit.setPlace(item, { cityId: input.cityId });
    return checkAndWrite(edit, item, null, viewer.keyId, []);
  });
}

export async function updateOrganization(ctx: Context, input: OrganizationUpdateInput) {
  const viewer = requireRole(ctx, 'editor');
  const id = idOf('Organization', input.id, ['input', 'id']);
  const chosen = input.articleId != null ? idOf('Article', input.articleId, ['input', 'articleId']) : null;
  return refusable(ctx.db, async (tx) => {
    await takeWriteLock(tx);
    const row = await tx.organization.findUnique({ where: { id } });
    if (!row) throw refused(['input', 'id'], 'no organization has this ID', 'NOT_FOUND');
    const citing = [...new Set((await tx.evidence.findMany({ where: { organizationId: id }, select: { articleId: true }, orderBy: { articleId: 'asc' } })).map((e) => e.articleId))];
    const articleId = chosen ?? citing[0];
    if (articleId == null) throw refused(['input', 'articleId'], 'no article names this organization: give the article whose quotes support the change', 'MISSING_EVIDENCE');
    if (input.name != null && input.name !== row.name && citing.some((other) => other !== articleId)) {
      // Other articles' quotes name it by its old name: renaming it would leave their facts unsupported.
      throw refused(['input', 'name'], 'other articles name this organization as it is; create a new organization instead', 'REFERENCED');
    }
    checkVersion('organization', row.version, input.version);
    await lockArticle(tx, articleId);
    const facts = await organizationFacts(tx, id, articleId);
    if (!facts) throw refused(['input', 'articleId'], 'no article has this ID', 'NOT_FOUND');
    const edit = new RecordEdit(tx, articleId, facts.body, facts.updatedOn);
    const cityKey = place(edit, row.cityId, row.countryId, facts);
    const item: Item = { key: toGlobalId('Organization', id), name: row.name, kind: row.kind, countryCode: facts.countryCode!, cityKey, evidence: quotes(facts) };
    edit.setEvidence(item, input.evidence);
    if (input.name != null) item.name = input.name;
    if (input.kind != null) item.kind = input.kind;
    await edit.setPlace(item, { cityId: input.cityId });
    return checkAndWrite(edit, item, row, viewer.keyId, storedQuotes(facts.evidence));
  });
}

/**
 * Deletes an organization and the quotes that name it; refused while records refer to it, unless
 * `cascade`: then delegations, events and agreement parties let go of it (each a new version, audited).
 */
export async function deleteOrganization(ctx: Context, input: OrganizationDeleteInput) {
  const viewer = requireRole(ctx, 'editor');
  const id = idOf('Organization', input.id, ['input', 'id']);
  const { userErrors } = await refusable(ctx.db, async (tx) => {
    await takeWriteLock(tx);
    const row = await tx.organization.findUnique({ where: { id } });
    if (!row) throw refused(['input', 'id'], 'no organization has this ID (it may have been deleted)', 'NOT_FOUND');
    if (input.version != null) checkVersion('organization', row.version, input.version);
    const [delegations, events, agreements, parties] = await Promise.all([
      tx.delegation.findMany({ where: { organizationId: id }, include: ownedRecords.delegations.include }),
      tx.event.findMany({ where: { organizers: { some: { organizationId: id } } }, include: ownedRecords.events.include }),
      tx.agreement.findMany({ where: { parties: { some: { organizationId: id } } }, include: ownedRecords.agreements.include }),
      tx.agreementParty.count({ where: { organizationId: id } }),
    ]);
    if (delegations.length + events.length + parties > 0 && !input.cascade) {
      throw refused(['input', 'id'], `${delegations.length} delegation(s), ${events.length} event(s) and ${parties} agreement part(ies) refer to this organization; pass cascade: true to unlink them`, 'REFERENCED');
    }
    const log = new ChangeLog(viewer.keyId);
    type Link = { organizationId: number | null };
    for (const d of delegations) await putCascaded(tx, log, 'delegations', d, { organizationId: null });
    for (const e of events) await putCascaded(tx, log, 'events', e, {}, { organizers: (links) => (links as Link[]).filter((o) => o.organizationId !== id) });
    for (const a of agreements) await putCascaded(tx, log, 'agreements', a, {}, { parties: (links) => (links as Link[]).map((p) => (p.organizationId === id ? { ...p, organizationId: null } : p)) });
    await tx.eventOrganizer.deleteMany({ where: { organizationId: id } });
    await tx.agreementParty.updateMany({ where: { organizationId: id }, data: { organizationId: null } });
    // Every article that named it or referred to it changed: their document hashes no longer hold.
    const articles = new Set([...delegations, ...events, ...agreements].map((r) => r.articleId));
    for (const e of await tx.evidence.findMany({ where: { organizationId: id }, select: { articleId: true } })) articles.add(e.articleId);
    await tx.article.updateMany({ where: { id: { in: [...articles] } }, data: { contentHash: '' } });
    await tx.organization.delete({ where: { id } });
    log.record('organizations', 'DELETE', id, row, null);
    await tx.auditEntry.createMany({ data: log.audit });
    return null;
  });
  if (userErrors.length > 0) return { deletedId: null, alsoDeletedIds: [], userErrors };
  return { deletedId: toGlobalId('Organization', id), alsoDeletedIds: [], userErrors: [] };
}
