import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { Viewer } from './viewer.type.js';

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, {
    nullable: true,
    description: 'The API key this request sent, so a client can check its key; null for a request without one. A key that is not valid is an UNAUTHENTICATED error.',
  })
  viewer(@Ctx() ctx: Context) {
    return ctx.viewer;
  }
}
