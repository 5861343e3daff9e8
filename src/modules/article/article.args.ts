import { ArgsType, Field, InputType } from 'type-graphql';
import { ConnectionArgs } from '../../shared/connection.js';
import { DateRangeFilter } from '../../shared/filters.js';

@InputType({ description: 'Which articles to list. `from`/`to` compare with the date the article states.' })
export class ArticleFilter extends DateRangeFilter {}

@ArgsType()
export class ArticlesArgs extends ConnectionArgs {
  @Field(() => ArticleFilter, { nullable: true, description: 'Narrows the list; omitted fields do not filter.' })
  filter?: ArticleFilter | null;
}
