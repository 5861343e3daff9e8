import type { Context } from '../../context.js';
import { takeWriteLock, type Tx } from '../../db/write-lock.js';
import type { EventCounterpart, Organization } from '../../generated/prisma/client.js';
import { requireRole } from '../../shared/auth.js';
import type { UserErrorShape } from '../../shared/errors.js';
import { idOf } from '../../shared/global-id.js';
import { putCascaded, refusable } from '../edit/owned.js';
import { EditRefused } from '../edit/record-edit.js';
import { ChangeLog } from '../import/changes.js';
import { settleOrganizations } from '../import/claims.js';
import { ownedRecords } from '../import/rows.js';
import { noSharedIds, removeUnsupported } from '../import/support.js';

// Two organizations an editor finds to be one (the importer never merges when unsure: it reports possible
// duplicates). A merge moves everything of the merged one to the survivor: the delegations it sent, the
// events it organized, the agreements it is party to, every article's quotes and claims about it; its
// names become the survivor's aliases (later imports that use them match the survivor), and its ID keeps
// resolving through node(id:) to the survivor. An undo puts it all back, as far as it still exists.

/** What a merge moved, to move it back. */
interface Moved {
  delegations: number[];
  parties: number[];
  evidence: number[];
  /** The claims as they were: a re-import after the merge may have folded one into the survivor's identical claim. */
  claims: { id: number; articleId: number | null; field: string; value: string; actor: string | null }[];
  /** Events the merged organization organized: moved to the survivor, or dropped where the survivor organized them too. */
  organized: number[];
  /** Event counterparts and people's titles that named it (absent in merges made before they existed). */
  counterparts?: number[];
  titles?: number[];
  /** Counterparts dropped as duplicates: the survivor was already that event's counterpart in that role. */
  dropped?: EventCounterpart[];
}

/**
 * Moves counterpart and title rows to `to`: the counterparts' events get a new version and an audit row, as
 * for organizers. A counterpart the event already has (`to` in the same role) is dropped, not doubled;
 * returns the dropped rows, for an undo to bring back.
 */
async function moveSides(tx: Tx, log: ChangeLog, ids: { counterparts: number[]; titles: number[] }, from: number, to: number): Promise<EventCounterpart[]> {
  const rows = await tx.eventCounterpart.findMany({ where: { id: { in: ids.counterparts }, organizationId: from } });
  const taken = new Set((await tx.eventCounterpart.findMany({ where: { eventId: { in: rows.map((r) => r.eventId) }, organizationId: to } })).map((r) => `${r.eventId}:${r.role}`));
  const dropped = rows.filter((r) => taken.has(`${r.eventId}:${r.role}`));
  const gone = new Set(dropped.map((r) => `${r.eventId}:${r.position}`));
  type Side = { organizationId: number | null; position: number };
  for (const e of await tx.event.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.eventId))] } }, include: ownedRecords.events.include })) {
    await putCascaded(tx, log, 'events', e, {}, {
      counterparts: (links) => (links as Side[]).filter((c) => !gone.has(`${e.id}:${c.position}`)).map((c) => (c.organizationId === from ? { ...c, organizationId: to } : c)),
    });
  }
  await tx.eventCounterpart.deleteMany({ where: { id: { in: dropped.map((r) => r.id) } } });
  await tx.eventCounterpart.updateMany({ where: { id: { in: ids.counterparts }, organizationId: from }, data: { organizationId: to } });
  await tx.personTitle.updateMany({ where: { id: { in: ids.titles }, organizationId: from }, data: { organizationId: to } });
  return dropped;
}

type OrganizerLink = { organizationId: number | null };

/**
 * Rewrites the organization links of the records a merge (or its undo) touches, through putCascaded: each
 * gets a new version and an audit row, as any change of its links does. The link rows themselves are
 * moved by the caller. `onlyFrom` restricts delegations to those still sent by that organization.
 */
async function relink(
  tx: Tx,
  log: ChangeLog,
  ids: { delegations: number[]; events: number[]; parties: number[] },
  change: {
    delegation: { organizationId: number };
    organizers: (links: OrganizerLink[], eventId: number) => OrganizerLink[];
    parties: (links: OrganizerLink[], agreementId: number) => OrganizerLink[];
    onlyFrom?: number;
  },
) {
  const delegations = await tx.delegation.findMany({ where: { id: { in: ids.delegations }, ...(change.onlyFrom != null && { organizationId: change.onlyFrom }) }, include: ownedRecords.delegations.include });
  for (const d of delegations) await putCascaded(tx, log, 'delegations', d, change.delegation);
  for (const e of await tx.event.findMany({ where: { id: { in: ids.events } }, include: ownedRecords.events.include })) {
    await putCascaded(tx, log, 'events', e, {}, { organizers: (links) => change.organizers(links as OrganizerLink[], e.id) });
  }
  const agreementIds = [...new Set((await tx.agreementParty.findMany({ where: { id: { in: ids.parties } }, select: { agreementId: true } })).map((p) => p.agreementId))];
  for (const a of await tx.agreement.findMany({ where: { id: { in: agreementIds } }, include: ownedRecords.agreements.include })) {
    await putCascaded(tx, log, 'agreements', a, {}, { parties: (links) => change.parties(links as OrganizerLink[], a.id) });
  }
}

const refused = (path: string[], message: string, code: UserErrorShape['code']) => new EditRefused([{ path, message, code }]);

/** The articles whose documents a merge or an undo changes: their content hashes no longer hold. */
async function touchArticles(tx: Tx, organizationIds: number[]) {
  const rows = await tx.evidence.findMany({ where: { organizationId: { in: organizationIds } }, select: { articleId: true }, distinct: ['articleId'] });
  await tx.article.updateMany({ where: { id: { in: rows.map((r) => r.articleId) } }, data: { contentHash: '' } });
}

export async function mergeOrganizations(ctx: Context, input: { survivorId: string; mergedId: string }) {
  const viewer = requireRole(ctx, 'editor');
  const survivorId = idOf('Organization', input.survivorId, ['input', 'survivorId']);
  const mergedId = idOf('Organization', input.mergedId, ['input', 'mergedId']);
  return refusable(ctx.db, async (tx) => {
    await takeWriteLock(tx);
    if (survivorId === mergedId) throw refused(['input', 'mergedId'], 'an organization cannot be merged into itself', 'INVALID_VALUE');
    const [survivor, merged] = await Promise.all([tx.organization.findUnique({ where: { id: survivorId } }), tx.organization.findUnique({ where: { id: mergedId } })]);
    if (!survivor) throw refused(['input', 'survivorId'], 'no organization has this ID', 'NOT_FOUND');
    if (!merged) throw refused(['input', 'mergedId'], 'no organization has this ID', 'NOT_FOUND');
    if (survivor.countryId !== merged.countryId) throw refused(['input', 'mergedId'], 'organizations of two countries are two organizations', 'COUNTRY_MISMATCH');

    const where = { organizationId: mergedId };
    const moved: Moved = {
      delegations: (await tx.delegation.findMany({ where, select: { id: true } })).map((r) => r.id),
      parties: (await tx.agreementParty.findMany({ where, select: { id: true } })).map((r) => r.id),
      evidence: (await tx.evidence.findMany({ where, select: { id: true } })).map((r) => r.id),
      claims: await tx.claim.findMany({ where, select: { id: true, articleId: true, field: true, value: true, actor: true } }),
      organized: (await tx.eventOrganizer.findMany({ where, select: { eventId: true } })).map((r) => r.eventId),
      counterparts: (await tx.eventCounterpart.findMany({ where, select: { id: true } })).map((r) => r.id),
      titles: (await tx.personTitle.findMany({ where, select: { id: true } })).map((r) => r.id),
    };
    await touchArticles(tx, [survivorId, mergedId]);
    const log = new ChangeLog(viewer.keyId);
    const both = new Set((await tx.eventOrganizer.findMany({ where: { organizationId: survivorId, eventId: { in: moved.organized } }, select: { eventId: true } })).map((r) => r.eventId));
    // The records that refer to it: a new version and an audit row each, as any change of their links.
    type Link = { organizationId: number | null };
    const swap = <L extends Link>(link: L): L => (link.organizationId === mergedId ? { ...link, organizationId: survivorId } : link);
    await relink(tx, log, { delegations: moved.delegations, events: moved.organized, parties: moved.parties }, {
      delegation: { organizationId: survivorId },
      organizers: (links, event) => (both.has(event) ? links.filter((o) => o.organizationId !== mergedId) : links.map(swap)),
      parties: (links) => links.map(swap),
    });
    const to = { organizationId: survivorId };
    await tx.agreementParty.updateMany({ where: { id: { in: moved.parties } }, data: to });
    await tx.evidence.updateMany({ where: { id: { in: moved.evidence } }, data: to });
    await tx.claim.updateMany({ where: { id: { in: moved.claims.map((c) => c.id) } }, data: to });
    await tx.eventOrganizer.deleteMany({ where });
    await tx.eventOrganizer.createMany({ data: moved.organized.filter((eventId) => !both.has(eventId)).map((eventId) => ({ eventId, organizationId: survivorId })) });
    moved.dropped = await moveSides(tx, log, { counterparts: moved.counterparts!, titles: moved.titles! }, mergedId, survivorId);

    await tx.organization.delete({ where: { id: mergedId } });
    log.record('organizations', 'DELETE', mergedId, merged, null);
    await settleOrganizations(tx, [survivorId], log);
    // The merged organization's city may have been supported by it alone.
    if (merged.cityId != null) await removeUnsupported(tx, { ...noSharedIds(), cities: new Set([merged.cityId]) }, log);
    const merge = await tx.organizationMerge.create({ data: { survivorId, mergedId, merged: JSON.stringify(merged), moved: JSON.stringify({ ...moved, shared: [...both] }), actor: viewer.keyId } });
    log.audit.push({ actor: viewer.keyId, action: 'CREATE', entity: 'OrganizationMerge', entityId: merge.id, before: null, after: JSON.stringify(merge) });
    await tx.auditEntry.createMany({ data: log.audit });
    return { merge, survivor: await tx.organization.findUniqueOrThrow({ where: { id: survivorId } }) };
  });
}

export async function undoMerge(ctx: Context, input: { mergeId: string }) {
  const viewer = requireRole(ctx, 'editor');
  const mergeId = Number(input.mergeId);
  return refusable(ctx.db, async (tx) => {
    await takeWriteLock(tx);
    const merge = Number.isSafeInteger(mergeId) ? await tx.organizationMerge.findUnique({ where: { id: mergeId } }) : null;
    if (!merge) throw refused(['input', 'mergeId'], 'no merge has this ID', 'NOT_FOUND');
    if (merge.undoneAt) throw refused(['input', 'mergeId'], 'this merge was undone already', 'CONFLICT');
    if (await tx.organization.findUnique({ where: { id: merge.mergedId } })) throw refused(['input', 'mergeId'], 'the merged organization exists again', 'CONFLICT');
    const later = await tx.organizationMerge.findFirst({ where: { mergedId: merge.survivorId, undoneAt: null, at: { gte: merge.at } } });
    if (later) throw refused(['input', 'mergeId'], `the survivor was merged into another organization since (merge ${later.id}): undo that first`, 'CONFLICT');

    if (!(await tx.organization.findUnique({ where: { id: merge.survivorId } }))) {
      throw refused(['input', 'mergeId'], 'the organization it was merged into has been deleted since, and what moved with it', 'CONFLICT');
    }

    const row = JSON.parse(merge.merged) as Organization;
    const moved = JSON.parse(merge.moved) as Moved & { shared: number[] };
    const log = new ChangeLog(viewer.keyId);
    // Under a name of its own until its claims are back: the survivor may show the merged one's name meanwhile.
    const cityId = row.cityId != null && (await tx.city.findUnique({ where: { id: row.cityId }, select: { id: true } })) ? row.cityId : null;
    const restoring = `${row.name} (restoring merge ${merge.id})`;
    const restored = await tx.organization.create({ data: { id: row.id, name: restoring, kind: row.kind, countryId: row.countryId, cityId, version: row.version + 1 } });
    log.record('organizations', 'CREATE', restored.id, null, { ...restored, name: row.name });
    // Only what still points at the survivor moves back: a record deleted since stays deleted.
    const back = { organizationId: merge.mergedId };
    const stillThere = { organizationId: merge.survivorId };
    const shared = new Set(moved.shared);
    const events = (await tx.event.findMany({ where: { id: { in: moved.organized } }, select: { id: true } })).map((e) => e.id);
    const parties = await tx.agreementParty.findMany({ where: { id: { in: moved.parties }, ...stillThere }, select: { agreementId: true, position: true } });
    const partyAt = new Set(parties.map((p) => `${p.agreementId}:${p.position}`));
    type Link = { organizationId: number | null };
    await relink(tx, log, { delegations: moved.delegations, events, parties: moved.parties }, {
      delegation: back,
      organizers: (links, event) => (shared.has(event) ? [...links, back] : links.map((o) => (o.organizationId === merge.survivorId ? { ...o, ...back } : o))),
      parties: (links, agreement) => links.map((p) => (partyAt.has(`${agreement}:${(p as Link & { position: number }).position}`) ? { ...p, ...back } : p)),
      onlyFrom: merge.survivorId,
    });
    await tx.agreementParty.updateMany({ where: { id: { in: moved.parties }, ...stillThere }, data: back });
    await tx.evidence.updateMany({ where: { id: { in: moved.evidence }, ...stillThere }, data: back });
    await tx.claim.updateMany({ where: { id: { in: moved.claims.map((c) => c.id) }, ...stillThere }, data: back });
    // A claim a re-import folded into the survivor's identical one comes back while its article exists.
    const present = new Set((await tx.claim.findMany({ where: { id: { in: moved.claims.map((c) => c.id) } }, select: { id: true } })).map((c) => c.id));
    const articles = new Set((await tx.article.findMany({ where: { id: { in: moved.claims.flatMap((c) => (c.articleId == null ? [] : [c.articleId])) } }, select: { id: true } })).map((a) => a.id));
    const lost = moved.claims.filter((c) => !present.has(c.id) && (c.articleId == null || articles.has(c.articleId)));
    if (lost.length > 0) await tx.claim.createMany({ data: lost.map(({ articleId, field, value, actor }) => ({ articleId, field, value, actor, organizationId: merge.mergedId })) });
    await tx.eventOrganizer.deleteMany({ where: { organizationId: merge.survivorId, eventId: { in: events.filter((id) => !shared.has(id)) } } });
    await tx.eventOrganizer.createMany({ data: events.map((eventId) => ({ eventId, organizationId: merge.mergedId })) });
    // Dropped duplicates come back (as the survivor's, then moved back with the rest) where their event and place are free.
    const free = [];
    for (const side of moved.dropped ?? []) {
      const [event, taken] = await Promise.all([tx.event.findUnique({ where: { id: side.eventId }, select: { id: true } }), tx.eventCounterpart.findUnique({ where: { eventId_position: { eventId: side.eventId, position: side.position } } })]);
      if (event && !taken) free.push({ ...side, organizationId: merge.survivorId });
    }
    if (free.length > 0) await tx.eventCounterpart.createMany({ data: free });
    await moveSides(tx, log, { counterparts: moved.counterparts ?? [], titles: moved.titles ?? [] }, merge.survivorId, merge.mergedId);
    await touchArticles(tx, [merge.survivorId, merge.mergedId]);
    // The survivor first, so it lets go of the merged one's name before the merged one takes it back.
    await settleOrganizations(tx, [merge.survivorId], log);
    await settleOrganizations(tx, [merge.mergedId], log);
    const now = await tx.organization.findUniqueOrThrow({ where: { id: merge.mergedId } });
    if (now.name === restoring) await tx.organization.update({ where: { id: now.id }, data: { name: row.name } });
    // Nothing left of it (its articles withdrawn since): it goes again, as any unsupported record.
    const gone = await removeUnsupported(tx, { ...noSharedIds(), organizations: new Set([merge.mergedId]) }, log);
    const undone = await tx.organizationMerge.update({ where: { id: merge.id }, data: { undoneAt: new Date(), undoneBy: viewer.keyId } });
    log.audit.push({ actor: viewer.keyId, action: 'UPDATE', entity: 'OrganizationMerge', entityId: merge.id, before: JSON.stringify(merge), after: JSON.stringify(undone) });
    await tx.auditEntry.createMany({ data: log.audit });
    return { merge: undone, survivor: await tx.organization.findUniqueOrThrow({ where: { id: merge.survivorId } }), restored: gone.length > 0 ? null : await tx.organization.findUnique({ where: { id: merge.mergedId } }) };
  });
}
