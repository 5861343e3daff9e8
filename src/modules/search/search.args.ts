import { ArgsType, Field, Int } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../shared/connection.js';
import { SearchableType } from './search.type.js';

@ArgsType()
export class SearchArgs {
  @Field(() => String, {
    description:
      'What to find. Words must all match (`Tashkent exhibition`), in any case and with or without diacritics; `"paper cutting"` ' +
      'matches a phrase, `pyro*` a prefix; `OR`, `NOT` and parentheses combine terms. Word forms match (`exhibitions` finds `exhibition`).',
  })
  query!: string;

  @Field(() => Int, { nullable: true, description: `Page size from the best match or from \`after\`: 1 to ${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the result after which the page starts.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Page size counted back from the last match or from \`before\`: 1 to ${MAX_PAGE_SIZE}.` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the result before which the page ends.' })
  before?: string | null;

  @Field(() => [SearchableType], { nullable: true, description: 'Only records of these types; all types when omitted.' })
  types?: SearchableType[] | null;
}
