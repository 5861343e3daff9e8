import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ConnectionArgs } from '../../shared/connection.js';

@InputType({ description: 'Which images to list; omitted fields do not filter.' })
export class ImageFilter {
  @Field(() => ID, { nullable: true, description: 'Only images of this event.' })
  eventId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only images taken in this country (ISO 3166-1 alpha-2 code).' })
  countryCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only images of this article.' })
  articleId?: string | null;
}

@ArgsType()
export class ImagesArgs extends ConnectionArgs {
  @Field(() => ImageFilter, { nullable: true, description: 'Narrows the list.' })
  filter?: ImageFilter | null;
}
