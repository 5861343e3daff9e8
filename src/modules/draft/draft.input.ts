import { Field, InputType } from 'type-graphql';
import { DateScalar } from '../../shared/scalars.js';

@InputType({ description: 'An article as text, to draft its import document from.' })
export class ArticleDraftInput {
  @Field(() => String, { description: 'The headline.' })
  title!: string;

  @Field(() => String, { description: 'The full text, as it will be stored: every quote of the draft is a span of it (UTF-16 offsets).' })
  body!: string;

  @Field(() => String, { nullable: true, description: 'Where the article was published.' })
  url?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day it was published or last updated; a date the text gives without its year ("Sept 2") takes this one\'s. Without it, the "Updated: YYYY-MM-DD" line of the text is used, if any.' })
  publishedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 language tag; en when left out. The rules read English.' })
  language?: string | null;

  @Field(() => String, { nullable: true, description: 'Who published it, such as China Daily.' })
  source?: string | null;
}
