import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ConnectionArgs } from '../../shared/connection.js';
import { DateRangeFilter } from '../../shared/filters.js';

@InputType({ description: 'Which delegations to list; omitted fields do not filter. Dates compare with the trip dates.' })
export class DelegationFilter extends DateRangeFilter {
  @Field(() => String, { nullable: true, description: 'Only delegations that visited this country (ISO 3166-1 alpha-2 code).' })
  countryCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only delegations reported by this article.' })
  articleId?: string | null;
}

@ArgsType()
export class DelegationsArgs extends ConnectionArgs {
  @Field(() => DelegationFilter, { nullable: true, description: 'Narrows the list.' })
  filter?: DelegationFilter | null;
}
