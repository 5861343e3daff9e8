import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { toGlobalId } from '../../shared/global-id.js';
import { UserError } from '../../shared/user-error.type.js';
import { mergeOrganizations, undoMerge } from './organization.merge.js';
import type { Context } from '../../context.js';
import { deletePayload, mutationPayload } from '../edit/payload.js';
import { createOrganization, deleteOrganization, updateOrganization } from './organization.edits.js';
import { OrganizationCreateInput, OrganizationDeleteInput, OrganizationUpdateInput } from './organization.input.js';
import { Organization } from './organization.type.js';

export const OrganizationPayload = mutationPayload(Organization, 'Organization', 'organization');
export const OrganizationDeletePayload = deletePayload('Organization', 'organization');

@ObjectType('OrganizationMerge', { description: 'An editor\'s merge of two organizations found to be one; undo it with organizationUnmerge.' })
export class OrganizationMergeRecord {
  @Field(() => ID, { description: 'The merge, as organizationUnmerge takes it.' })
  id!: string;

  @Field(() => ID, { description: 'Global ID of the organization that remains.' })
  survivorId!: string;

  @Field(() => ID, { description: 'Global ID of the organization merged into it: node(id:) resolves it to the survivor while the merge stands.' })
  mergedId!: string;

  @Field(() => String, { description: 'Who merged (an API key id).' })
  actor!: string;

  @Field(() => GraphQLDateTime, { description: 'When (UTC).' })
  at!: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the merge was undone; null while it stands.' })
  undoneAt!: Date | null;
}

@ObjectType('OrganizationMergePayload', { description: 'The result of organizationMerge or organizationUnmerge.', simpleResolvers: true })
export class OrganizationMergePayload {
  @Field(() => OrganizationMergeRecord, { nullable: true, description: 'The merge; null when refused.' })
  merge!: OrganizationMergeRecord | null;

  @Field(() => Organization, { nullable: true, description: 'The survivor, as it is now: its claims include the merged one\'s.' })
  organization!: unknown;

  @Field(() => Organization, { nullable: true, description: 'After an undo, the merged organization, back with its ID; null after a merge.' })
  restored!: unknown;

  @Field(() => [UserError], { description: 'Every problem with the input; empty on success, and nothing was written otherwise.' })
  userErrors!: UserError[];
}

@InputType('OrganizationMergeInput', { description: 'Two organizations of one country that are one.' })
export class OrganizationMergeInput {
  @Field(() => ID, { description: 'The organization that remains.' })
  survivorId!: string;

  @Field(() => ID, { description: 'The organization merged into it.' })
  mergedId!: string;
}

@InputType('OrganizationUnmergeInput', { description: 'A merge to undo.' })
export class OrganizationUnmergeInput {
  @Field(() => ID, { description: 'OrganizationMerge.id.' })
  mergeId!: string;
}

type MergeRow = { id: number; survivorId: number; mergedId: number; actor: string; at: Date; undoneAt: Date | null };
const mergeView = (merge: MergeRow) => ({ ...merge, id: String(merge.id), survivorId: toGlobalId('Organization', merge.survivorId), mergedId: toGlobalId('Organization', merge.mergedId) });

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

  @Mutation(() => OrganizationMergePayload, {
    description:
      'Merges two organizations of one country that are one: the merged one\'s delegations, events, agreement parties, quotes and claims move to the survivor ' +
      '(its names become aliases), its ID resolves to the survivor, and the merge is audited and can be undone. Needs an editor key.',
  })
  async organizationMerge(@Ctx() ctx: Context, @Arg('input', () => OrganizationMergeInput, { description: 'Which two.' }) input: OrganizationMergeInput) {
    const { record, userErrors } = await mergeOrganizations(ctx, input);
    return record ? { merge: mergeView(record.merge), organization: record.survivor, restored: null, userErrors } : { merge: null, organization: null, restored: null, userErrors };
  }

  @Mutation(() => OrganizationMergePayload, { description: 'Undoes a merge: the merged organization comes back with its ID, and what moved moves back. Needs an editor key.' })
  async organizationUnmerge(@Ctx() ctx: Context, @Arg('input', () => OrganizationUnmergeInput, { description: 'Which merge.' }) input: OrganizationUnmergeInput) {
    const { record, userErrors } = await undoMerge(ctx, input);
    return record ? { merge: mergeView(record.merge), organization: record.survivor, restored: record.restored, userErrors } : { merge: null, organization: null, restored: null, userErrors };
  }
}
