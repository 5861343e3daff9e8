import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { idOf } from '../../shared/global-id.js';
import type { RecordEdit } from '../edit/record-edit.js';
import { createOwned, deleteOwned, noDependents, updateOwned, type DocItem, type OwnedKind } from '../edit/owned.js';
import { deletePayload, mutationPayload } from '../edit/payload.js';
import { AgreementCreateInput, AgreementDeleteInput, AgreementUpdateInput, type AgreementFieldsInput } from './agreement.input.js';
import { Agreement } from './agreement.type.js';

export const AgreementPayload = mutationPayload(Agreement, 'Agreement', 'agreement');
export const AgreementDeletePayload = deletePayload('Agreement', 'agreement');

const agreementKind: OwnedKind<'agreements'> = { section: 'agreements', type: 'Agreement', what: 'agreement' };

async function applyFields(edit: RecordEdit, agreement: DocItem<'agreements'>, input: AgreementFieldsInput) {
  edit.setEvidence(agreement, input.evidence);
  if (input.title != null) agreement.title = input.title;
  if (input.titleIsQuoted != null) agreement.titleIsQuoted = input.titleIsQuoted;
  if (input.kind != null) agreement.kind = input.kind;
  if (input.description !== undefined) agreement.description = input.description;
  if (input.signedOn !== undefined) agreement.signedOn = input.signedOn;
  if (input.eventId !== undefined) {
    agreement.eventKey = input.eventId == null ? null : await edit.ownedKeyOf('events', input.eventId, ['input', 'eventId']);
  }
  await edit.setPlace(agreement, input);
  if (input.parties != null) {
    agreement.parties = [];
    for (const [i, party] of input.parties.entries()) {
      const path = ['input', 'parties', String(i), 'organizationId'];
      const organizationKey = party.organizationId == null ? null : await edit.organization(idOf('Organization', party.organizationId, path), agreement.evidence, path, 'parties');
      agreement.parties.push({ organizationKey, description: party.description, role: party.role });
    }
  }
}

@Resolver()
export class AgreementMutationResolver {
  @Mutation(() => AgreementPayload, { description: 'Adds an agreement to an article, with the quotes that support it; validated like an import. Needs an editor key.' })
  agreementCreate(@Ctx() ctx: Context, @Arg('input', () => AgreementCreateInput, { description: 'The agreement.' }) input: AgreementCreateInput) {
    const initial = (key: string): DocItem<'agreements'> => ({ key, title: input.title, titleIsQuoted: false, kind: input.kind, parties: [], signatoryKeys: [], evidence: [] });
    return createOwned(ctx, agreementKind, input.articleId, input.title, initial, (edit, item) => applyFields(edit, item, input));
  }

  @Mutation(() => AgreementPayload, { description: 'Changes an agreement; fields left out keep their value. CONFLICT when it changed since `version`. Needs an editor key.' })
  agreementUpdate(@Ctx() ctx: Context, @Arg('input', () => AgreementUpdateInput, { description: 'The changes.' }) input: AgreementUpdateInput) {
    return updateOwned(ctx, agreementKind, input, (edit, item) => applyFields(edit, item, input));
  }

  @Mutation(() => AgreementDeletePayload, { description: 'Deletes an agreement, its parties and its quotes. Needs an editor key.' })
  agreementDelete(@Ctx() ctx: Context, @Arg('input', () => AgreementDeleteInput, { description: 'The agreement.' }) input: AgreementDeleteInput) {
    return deleteOwned(ctx, agreementKind, { ...input, cascade: false }, noDependents);
  }
}
