import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { badUserInput } from '../../shared/errors.js';
import { findNode } from './node.service.js';
import { Node } from './node.type.js';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global ID; null when none matches.' })
  node(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'A global ID, as read from an `id` field.' }) id: string) {
    return findNode(ctx, id, ['id']);
  }

  @Query(() => [Node], { nullable: 'items', description: 'Objects by their global IDs, in the same order; null where an ID matches nothing.' })
  nodes(@Ctx() ctx: Context, @Arg('ids', () => [ID], { description: 'Global IDs, as read from `id` fields (at most 100).' }) ids: string[]) {
    if (ids.length > 100) throw badUserInput(`at most 100 ids at once, got ${ids.length}`, ['ids']);
    return Promise.all(ids.map((id, index) => findNode(ctx, id, ['ids', index])));
  }
}
