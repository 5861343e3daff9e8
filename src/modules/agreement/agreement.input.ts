import { Field, ID, InputType, Int } from 'type-graphql';
import { AgreementKind, AgreementPartyRole } from '../../generated/prisma/enums.js';
import { DateScalar } from '../../shared/scalars.js';
import { DocumentEvidenceInput } from '../import/document.input.js';

@InputType({ description: 'One side of an agreement.' })
export class AgreementPartyInput {
  @Field(() => ID, { nullable: true, description: 'The organization, when the article names it; needs a `parties` quote naming it.' })
  organizationId?: string | null;

  @Field(() => String, { description: 'The party as the article describes it, such as "a local company".' })
  description!: string;

  @Field(() => AgreementPartyRole, { description: 'Its side.' })
  role!: AgreementPartyRole;
}

@InputType({ description: 'The fields of an agreement an edit sets; in an update, an omitted field keeps its value and null clears it.' })
export class AgreementFieldsInput {
  @Field(() => String, { nullable: true, description: 'Title; quoted from the article when `titleIsQuoted`.' })
  title?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True when the title is quoted from the article.' })
  titleIsQuoted?: boolean | null;

  @Field(() => AgreementKind, { nullable: true, description: 'Kind of agreement; needs a `kind` quote.' })
  kind?: AgreementKind | null;

  @Field(() => String, { nullable: true, description: 'Summary.' })
  description?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Day it was signed; needs a `signedOn` quote.' })
  signedOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'The event it was signed at, of the same article; needs an `event` quote.' })
  eventId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Its city; needs a `city` quote that names the city.' })
  cityId?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO code of its country; needs a `country` quote.' })
  countryCode?: string | null;

  @Field(() => [AgreementPartyInput], { nullable: true, description: 'Its parties, in order (replaces them); needs a `parties` quote.' })
  parties?: AgreementPartyInput[] | null;

  @Field(() => [DocumentEvidenceInput], { nullable: true, description: 'The quotes that support the agreement (replaces them all).' })
  evidence?: DocumentEvidenceInput[] | null;
}

@InputType({ description: 'A new agreement, reported by an article.' })
export class AgreementCreateInput extends AgreementFieldsInput {
  @Field(() => ID, { description: 'The article that reports it.' })
  articleId!: string;

  @Field(() => String, { description: 'Title; quoted from the article when `titleIsQuoted`.' })
  declare title: string;

  @Field(() => AgreementKind, { description: 'Kind of agreement; needs a `kind` quote.' })
  declare kind: AgreementKind;

  @Field(() => [AgreementPartyInput], { description: 'Its parties, in order: at least one.' })
  declare parties: AgreementPartyInput[];

  @Field(() => [DocumentEvidenceInput], { description: 'The quotes that support it: every stated fact needs one that names it in `facts`.' })
  declare evidence: DocumentEvidenceInput[];
}

@InputType({ description: 'Changes to an agreement.' })
export class AgreementUpdateInput extends AgreementFieldsInput {
  @Field(() => ID, { description: 'The agreement.' })
  id!: string;

  @Field(() => Int, { description: 'The version the edit is based on; the update fails with CONFLICT if it changed since.' })
  version!: number;
}

@InputType({ description: 'An agreement to delete (nothing refers to agreements, so there is nothing to cascade).' })
export class AgreementDeleteInput {
  @Field(() => ID, { description: 'The agreement.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'When given, the delete fails with CONFLICT if it changed since this version.' })
  version?: number | null;
}
