import { Field, ID, InputType, Int } from 'type-graphql';
import { OrganizationKind } from '../../generated/prisma/enums.js';
import { DocumentEvidenceInput } from '../import/document.input.js';

@InputType({ description: 'A new organization, named by an article.' })
export class OrganizationCreateInput {
  @Field(() => ID, { description: 'The article that names it; its quotes come from this article.' })
  articleId!: string;

  @Field(() => String, { description: 'Name, as the article gives it: a `name` quote must contain it.' })
  name!: string;

  @Field(() => OrganizationKind, { description: 'What kind of body it is.' })
  kind!: OrganizationKind;

  @Field(() => String, { description: 'ISO code of its country.' })
  countryCode!: string;

  @Field(() => ID, { nullable: true, description: 'Its city, in that country; needs a `city` quote that names the city.' })
  cityId?: string | null;

  @Field(() => [DocumentEvidenceInput], { description: 'Quotes of the article that name it (`name`) and support its other facts.' })
  evidence!: DocumentEvidenceInput[];
}

@InputType({ description: 'Changes to an organization; an omitted field keeps its value, null clears it.' })
export class OrganizationUpdateInput {
  @Field(() => ID, { description: 'The organization.' })
  id!: string;

  @Field(() => Int, { description: 'The version the edit is based on; the update fails with CONFLICT if it changed since.' })
  version!: number;

  @Field(() => ID, {
    nullable: true,
    description: 'The article whose quotes support the change (required with `evidence`); by default the first article that names it.',
  })
  articleId?: string | null;

  @Field(() => String, { nullable: true, description: 'New name; only while no other article names it, and a `name` quote must contain it.' })
  name?: string | null;

  @Field(() => OrganizationKind, { nullable: true, description: 'What kind of body it is.' })
  kind?: OrganizationKind | null;

  @Field(() => ID, { nullable: true, description: 'Its city; needs a `city` quote that names the city.' })
  cityId?: string | null;

  @Field(() => [DocumentEvidenceInput], { nullable: true, description: 'The quotes of `articleId` that support it (replaces that article’s quotes for it).' })
  evidence?: DocumentEvidenceInput[] | null;
}

@InputType({ description: 'An organization to delete.' })
export class OrganizationDeleteInput {
  @Field(() => ID, { description: 'The organization.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'When given, the delete fails with CONFLICT if it changed since this version.' })
  version?: number | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      'Also unlink it from the delegations it sent, the events it organized and the agreements it is a party to (parties keep their description); without it, such a delete is refused with REFERENCED.',
  })
  cascade!: boolean;
}
