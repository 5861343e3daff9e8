import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { deletePayload, mutationPayload } from '../edit/payload.js';
import { createOrganization, deleteOrganization, updateOrganization } from './organization.edits.js';
import { OrganizationCreateInput, OrganizationDeleteInput, OrganizationUpdateInput } from './organization.input.js';
import { Organization } from './organization.type.js';

export const OrganizationPayload = mutationPayload(Organization, 'Organization', 'organization');
export const OrganizationDeletePayload = deletePayload('Organization', 'organization');

@Resolver()
export class OrganizationMutationResolver {
  @Mutation(() => OrganizationPayload, { description: 'Adds an organization an article names, with the quotes that name it. Needs an editor key.' })
  organizationCreate(@Ctx() ctx: Context, @Arg('input', () => OrganizationCreateInput, { description: 'The organization.' }) input: OrganizationCreateInput) {
    return createOrganization(ctx, input);
  }

  @Mutation(() => OrganizationPayload, { description: 'Changes an organization; CONFLICT when it changed since `version`. Needs an editor key.' })
  organizationUpdate(@Ctx() ctx: Context, @Arg('input', () => OrganizationUpdateInput, { description: 'The changes.' }) input: OrganizationUpdateInput) {
    return updateOrganization(ctx, input);
  }

  @Mutation(() => OrganizationDeletePayload, {
    description: 'Deletes an organization and the quotes that name it. Refused with REFERENCED while records refer to it, unless `cascade`. Needs an editor key.',
  })
  organizationDelete(@Ctx() ctx: Context, @Arg('input', () => OrganizationDeleteInput, { description: 'The organization.' }) input: OrganizationDeleteInput) {
    return deleteOrganization(ctx, input);
  }
}
