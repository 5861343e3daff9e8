import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { SearchArgs } from './search.args.js';
import { search } from './search.service.js';
import { SearchResultConnection } from './search.type.js';

@Resolver()
export class SearchResolver {
  @Query(() => SearchResultConnection, {
    description: 'Full-text search over articles, delegations, events, agreements, images and organizations, best match first.',
  })
  search(@Ctx() ctx: Context, @Args(() => SearchArgs) args: SearchArgs) {
    return search(ctx, args);
  }
}
