import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../shared/scalars.js';
import { DocumentEvidenceInput } from '../import/document.input.js';

@InputType({ description: 'The fields of an image an edit sets; in an update, an omitted field keeps its value and null clears it.' })
export class ImageFieldsInput {
  @Field(() => Int, { nullable: true, description: 'Order in the article, from 1, unique; by default after the last image.' })
  position?: number | null;

  @Field(() => String, { nullable: true, description: 'Caption, verbatim: a `caption` quote must equal it.' })
  caption?: string | null;

  @Field(() => String, { nullable: true, description: 'Credit line, verbatim: a `credit` quote must equal it.' })
  credit?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Day the caption gives; needs a `takenOn` quote.' })
  takenOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the image file is.' })
  url?: string | null;

  @Field(() => ID, { nullable: true, description: 'The event it shows, of the same article; needs an `event` quote.' })
  eventId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The city it shows; needs a `city` quote that names the city.' })
  cityId?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO code of the country it shows; needs a `country` quote.' })
  countryCode?: string | null;

  @Field(() => [DocumentEvidenceInput], { nullable: true, description: 'The quotes that support the image (replaces them all).' })
  evidence?: DocumentEvidenceInput[] | null;
}

@InputType({ description: 'A new image of an article.' })
export class ImageCreateInput extends ImageFieldsInput {
  @Field(() => ID, { description: 'The article it was published with.' })
  articleId!: string;

  @Field(() => String, { description: 'Caption, verbatim: a `caption` quote must equal it.' })
  declare caption: string;

  @Field(() => [DocumentEvidenceInput], { description: 'The quotes that support it; at least the caption, verbatim.' })
  declare evidence: DocumentEvidenceInput[];
}

@InputType({ description: 'Changes to an image.' })
export class ImageUpdateInput extends ImageFieldsInput {
  @Field(() => ID, { description: 'The image.' })
  id!: string;

  @Field(() => Int, { description: 'The version the edit is based on; the update fails with CONFLICT if it changed since.' })
  version!: number;
}

@InputType({ description: 'An image to delete (nothing refers to images, so there is nothing to cascade).' })
export class ImageDeleteInput {
  @Field(() => ID, { description: 'The image.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'When given, the delete fails with CONFLICT if it changed since this version.' })
  version?: number | null;
}
