import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { requireRole } from '../../shared/auth.js';
import { OrderDirection, paginate } from '../../shared/connection.js';
import { badUserInput } from '../../shared/errors.js';
import { nodeTypes, toGlobalId, type NodeType } from '../../shared/global-id.js';
import { AuditEntryConnection, AuditLogArgs } from './audit.type.js';

@Resolver()
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: 'Every write to the data, newest first. Needs an admin key.' })
  async auditLog(@Ctx() ctx: Context, @Args(() => AuditLogArgs) args: AuditLogArgs) {
    requireRole(ctx, 'admin');
    const { filter } = args;
    if (filter?.since && filter.until && filter.since >= filter.until) throw badUserInput('since must be before until', ['filter', 'since']);
    const where = {
      ...(filter?.entity != null && { entity: filter.entity }),
      ...(filter?.entityId != null && { entityId: filter.entityId }),
      ...(filter?.actor != null && { actor: filter.actor }),
      ...((filter?.since ?? filter?.until) != null && { at: { ...(filter?.since && { gte: filter.since }), ...(filter?.until && { lt: filter.until }) } }),
    };
    const page = await paginate(args, {
      where,
      list: 'auditLog',
      key: { field: 'id', nullable: false, values: 'id' },
      direction: OrderDirection.DESC,
      findMany: (query) => ctx.db.auditEntry.findMany(query),
      count: (where) => ctx.db.auditEntry.count({ where }),
    });
    // Stored as JSON text; served as objects.
    const parse = (text: string | null) => (text == null ? null : (JSON.parse(text) as Record<string, unknown>));
    for (const edge of page.edges) {
      const { entity, entityId } = edge.node;
      const recordId = (nodeTypes as readonly string[]).includes(entity) ? toGlobalId(entity as NodeType, entityId) : null;
      Object.assign(edge.node, { before: parse(edge.node.before), after: parse(edge.node.after), recordId });
    }
    return page;
  }
}
