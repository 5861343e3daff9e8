import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { countryCodeArg } from '../../shared/filters.js';
import { idOf, toGlobalId } from '../../shared/global-id.js';
import type { RecordEdit } from '../edit/record-edit.js';
import { createOwned, deleteOwned, deleteRows, describeCounts, putCascaded, updateOwned, type DocItem, type OwnedKind } from '../edit/owned.js';
import { ownedRecords } from '../import/rows.js';
import { deletePayload, mutationPayload } from '../edit/payload.js';
import { DelegationCreateInput, DelegationDeleteInput, DelegationUpdateInput, type DelegationFieldsInput } from './delegation.input.js';
import { Delegation } from './delegation.type.js';

export const DelegationPayload = mutationPayload(Delegation, 'Delegation', 'delegation');
export const DelegationDeletePayload = deletePayload('Delegation', 'delegation');

const delegationKind: OwnedKind<'delegations'> = {
  section: 'delegations',
  type: 'Delegation',
  what: 'delegation',
  // With a parent, the check walks up the article's delegations to rule out a cycle.
  prepare: async (edit, delegation, row) => {
    if (delegation.parentKey == null) return;
    for (const row of await edit.tx.delegation.findMany({ where: { articleId: edit.articleId }, select: { id: true, parentId: true } })) {
      edit.parents.set(toGlobalId('Delegation', row.id), row.parentId == null ? null : toGlobalId('Delegation', row.parentId));
    }
    if (row) edit.parents.set(toGlobalId('Delegation', row.id), delegation.parentKey);
  },
};

async function applyFields(edit: RecordEdit, delegation: DocItem<'delegations'>, input: DelegationFieldsInput) {
  edit.setEvidence(delegation, input.evidence);
  if (input.name != null) delegation.name = input.name;
  if (input.nameIsQuoted != null) delegation.nameIsQuoted = input.nameIsQuoted;
  if (input.description !== undefined) delegation.description = input.description;
  if (input.startDate !== undefined) delegation.startDate = input.startDate;
  if (input.endDate !== undefined) delegation.endDate = input.endDate;
  if (input.homeCityId !== undefined) {
    const path = ['input', 'homeCityId'];
    delegation.homeCityKey = input.homeCityId == null ? null : await edit.city(idOf('City', input.homeCityId, path), delegation.evidence, path, 'homeCity');
  }
  if (input.organizationId !== undefined) {
    const path = ['input', 'organizationId'];
    delegation.organizationKey = input.organizationId == null ? null : await edit.organization(idOf('Organization', input.organizationId, path), delegation.evidence, path, 'organization');
  }
  if (input.parentId !== undefined) {
    delegation.parentKey = input.parentId == null ? null : await edit.ownedKeyOf('delegations', input.parentId, ['input', 'parentId']);
  }
  if (input.countriesVisited != null) {
    delegation.countriesVisited = [];
    for (const [i, code] of input.countriesVisited.entries()) delegation.countriesVisited.push(await edit.country(countryCodeArg(code, ['input', 'countriesVisited', i])));
  }
}

/** A delegation's descendants (children, their children, ...) among its article's delegations. */
function descendants(delegations: { id: number; parentId: number | null }[], id: number): Set<number> {
  const found = new Set<number>();
  for (let frontier = [id]; frontier.length > 0; ) {
    frontier = delegations.filter((d) => d.parentId != null && frontier.includes(d.parentId) && !found.has(d.id)).map((d) => d.id);
    for (const child of frontier) found.add(child);
  }
  return found;
}

@Resolver()
export class DelegationMutationResolver {
  @Mutation(() => DelegationPayload, { description: 'Adds a delegation to an article, with the quotes that support it; validated like an import. Needs an editor key.' })
  delegationCreate(@Ctx() ctx: Context, @Arg('input', () => DelegationCreateInput, { description: 'The delegation.' }) input: DelegationCreateInput) {
    const initial = (key: string): DocItem<'delegations'> => ({ key, name: input.name, nameIsQuoted: false, countriesVisited: [], members: [], evidence: [] });
    return createOwned(ctx, delegationKind, input.articleId, input.name, initial, (edit, item) => applyFields(edit, item, input));
  }

  @Mutation(() => DelegationPayload, { description: 'Changes a delegation; fields left out keep their value. CONFLICT when it changed since `version`. Needs an editor key.' })
  delegationUpdate(@Ctx() ctx: Context, @Arg('input', () => DelegationUpdateInput, { description: 'The changes.' }) input: DelegationUpdateInput) {
    return updateOwned(ctx, delegationKind, input, (edit, item) => applyFields(edit, item, input));
  }

  @Mutation(() => DelegationDeletePayload, {
    description:
      'Deletes a delegation and its quotes. Refused with REFERENCED while delegations travelled within it or events list it, unless `cascade`. Needs an editor key.',
  })
  delegationDelete(@Ctx() ctx: Context, @Arg('input', () => DelegationDeleteInput, { description: 'The delegation.' }) input: DelegationDeleteInput) {
    return deleteOwned(ctx, delegationKind, input, async (tx, delegation) => {
      const siblings = await tx.delegation.findMany({ where: { articleId: delegation.articleId }, select: { id: true, parentId: true } });
      const children = [...descendants(siblings, delegation.id)];
      const gone = [delegation.id, ...children];
      // Events keep their other participants; they lose these delegations, which changes them (version, audit).
      const events = await tx.event.findMany({ where: { participations: { some: { delegationId: { in: gone } } } }, include: ownedRecords.events.include });
      return {
        ids: children.map((id) => toGlobalId('Delegation', id)),
        description: describeCounts([[children.length, 'delegation'], [events.length, 'event']]),
        cascade: async (tx, log) => {
          const stay = (links: unknown[]) => (links as { delegationId: number }[]).filter((p) => !gone.includes(p.delegationId));
          for (const event of events) await putCascaded(tx, log, 'events', event, {}, { participations: stay });
          await deleteRows(tx, log, 'delegations', { id: { in: children } });
        },
      };
    });
  }
}
