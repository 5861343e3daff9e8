import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../shared/scalars.js';
import { DocumentEvidenceInput } from '../import/document.input.js';

@InputType({ description: 'The fields of a delegation an edit sets; in an update, an omitted field keeps its value and null clears it.' })
export class DelegationFieldsInput {
  @Field(() => String, { nullable: true, description: 'Name; quoted from the article when `nameIsQuoted`.' })
  name?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True when the name is quoted from the article.' })
  nameIsQuoted?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Summary of who it is and why it travelled.' })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'The city it comes from; needs a `homeCity` quote that names the city.' })
  homeCityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The organization that sent it; needs an `organization` quote naming it.' })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The delegation it travelled within, of the same article; needs a `parent` quote.' })
  parentId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'First day of the trip; needs a `startDate` quote.' })
  startDate?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the trip; needs an `endDate` quote.' })
  endDate?: string | null;

  @Field(() => [String], { nullable: true, description: 'ISO codes of the countries visited, in trip order (replaces them); needs a `countriesVisited` quote.' })
  countriesVisited?: string[] | null;

  @Field(() => [DocumentEvidenceInput], { nullable: true, description: 'The quotes that support the delegation (replaces them all).' })
  evidence?: DocumentEvidenceInput[] | null;
}

@InputType({ description: 'A new delegation, reported by an article.' })
export class DelegationCreateInput extends DelegationFieldsInput {
  @Field(() => ID, { description: 'The article that reports it.' })
  articleId!: string;

  @Field(() => String, { description: 'Name; quoted from the article when `nameIsQuoted`.' })
  declare name: string;

  @Field(() => [DocumentEvidenceInput], { description: 'The quotes that support it: every stated fact needs one that names it in `facts`.' })
  declare evidence: DocumentEvidenceInput[];
}

@InputType({ description: 'Changes to a delegation.' })
export class DelegationUpdateInput extends DelegationFieldsInput {
  @Field(() => ID, { description: 'The delegation.' })
  id!: string;

  @Field(() => Int, { description: 'The version the edit is based on; the update fails with CONFLICT if it changed since.' })
  version!: number;
}

@InputType({ description: 'A delegation to delete.' })
export class DelegationDeleteInput {
  @Field(() => ID, { description: 'The delegation.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'When given, the delete fails with CONFLICT if it changed since this version.' })
  version?: number | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Also delete the delegations that travelled within it and remove it from the events it took part in; without it, such a delete is refused with REFERENCED.',
  })
  cascade!: boolean;
}
