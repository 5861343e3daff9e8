import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { countryCodeArg } from '../../shared/filters.js';
import { idOf, toGlobalId } from '../../shared/global-id.js';
import type { ArticleDocument } from '../import/document.js';
import type { RecordEdit } from '../edit/record-edit.js';
import { createOwned, deleteOwned, describeCounts, updateOwned, type DocItem, type OwnedKind } from '../edit/owned.js';
import { deletePayload, mutationPayload } from '../edit/payload.js';
import { DelegationCreateInput, DelegationDeleteInput, DelegationUpdateInput, type DelegationFieldsInput } from './delegation.input.js';
import { Delegation } from './delegation.type.js';

export const DelegationPayload = mutationPayload(Delegation, 'Delegation', 'delegation');
export const DelegationDeletePayload = deletePayload('Delegation', 'delegation');

const delegationKind: OwnedKind<'delegations'> = {
  section: 'delegations',
  table: 'Delegation',
  type: 'Delegation',
  what: 'delegation',
  // With a parent, the check walks up the article's delegations to rule out a cycle.
  prepare: async (edit, delegation, id) => {
    if (delegation.parentKey == null) return;
    for (const row of await edit.tx.delegation.findMany({ where: { articleId: edit.articleId }, select: { id: true, parentId: true } })) {
      edit.parents.set(toGlobalId('Delegation', row.id), row.parentId == null ? null : toGlobalId('Delegation', row.parentId));
    }
    if (id != null) edit.parents.set(toGlobalId('Delegation', id), delegation.parentKey);
  },
};

async function applyFields(edit: RecordEdit, articleId: number, delegation: DocItem<'delegations'>, input: DelegationFieldsInput) {
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
    delegation.parentKey = input.parentId == null ? null : await edit.ownedKeyOf('delegations', input.parentId, articleId, ['input', 'parentId']);
  }
  if (input.countriesVisited != null) {
    delegation.countriesVisited = [];
    for (const [i, code] of input.countriesVisited.entries()) delegation.countriesVisited.push(await edit.country(countryCodeArg(code, ['input', 'countriesVisited', i])));
  }
}

/** A delegation's descendants in the document (children, their children, ...), by key. */
function descendants(doc: ArticleDocument, key: string): Set<string> {
  const found = new Set<string>();
  for (let frontier = [key]; frontier.length > 0; ) {
    frontier = doc.delegations.filter((d) => d.parentKey != null && frontier.includes(d.parentKey) && !found.has(d.key)).map((d) => d.key);
    for (const child of frontier) found.add(child);
  }
  return found;
}

@Resolver()
export class DelegationMutationResolver {
  @Mutation(() => DelegationPayload, { description: 'Adds a delegation to an article, with the quotes that support it; validated like an import. Needs an editor key.' })
  delegationCreate(@Ctx() ctx: Context, @Arg('input', () => DelegationCreateInput, { description: 'The delegation.' }) input: DelegationCreateInput) {
    const initial = (key: string): DocItem<'delegations'> => ({ key, name: input.name, nameIsQuoted: false, countriesVisited: [], evidence: [] });
    return createOwned(ctx, delegationKind, input.articleId, input.name, initial, (edit, item, articleId) => applyFields(edit, articleId, item, input));
  }

  @Mutation(() => DelegationPayload, { description: 'Changes a delegation; fields left out keep their value. CONFLICT when it changed since `version`. Needs an editor key.' })
  delegationUpdate(@Ctx() ctx: Context, @Arg('input', () => DelegationUpdateInput, { description: 'The changes.' }) input: DelegationUpdateInput) {
    return updateOwned(ctx, delegationKind, input, (edit, item, articleId) => applyFields(edit, articleId, item, input));
  }

  @Mutation(() => DelegationDeletePayload, {
    description:
      'Deletes a delegation and its quotes. Refused with REFERENCED while delegations travelled within it or events list it, unless `cascade`. Needs an editor key.',
  })
  delegationDelete(@Ctx() ctx: Context, @Arg('input', () => DelegationDeleteInput, { description: 'The delegation.' }) input: DelegationDeleteInput) {
    return deleteOwned(ctx, delegationKind, input, async (edit, delegation) => {
      const children = descendants(edit.doc, delegation.key);
      const gone = new Set([delegation.key, ...children]);
      const events = edit.doc.events.filter((e) => e.participants.some((p) => gone.has(p.delegationKey)));
      const childRows = await edit.tx.delegation.findMany({ where: { articleId: delegation.articleId, key: { in: [...children] } }, select: { id: true } });
      return {
        ids: childRows.map((row) => toGlobalId('Delegation', row.id)),
        description: describeCounts([[children.size, 'delegation'], [events.length, 'event']]),
        remove: (doc) => {
          doc.delegations = doc.delegations.filter((d) => !children.has(d.key));
          for (const event of doc.events) event.participants = event.participants.filter((p) => !gone.has(p.delegationKey));
        },
      };
    });
  }
}
