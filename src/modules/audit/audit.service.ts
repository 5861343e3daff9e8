import type { Context } from '../../context.js';
import { requireRole } from '../../shared/auth.js';
import { OrderDirection } from '../../shared/connection.js';
import { paginate } from '../../shared/paging.js';
import { badUserInput } from '../../shared/errors.js';
import { nodeTypes, toGlobalId, type NodeType } from '../../shared/global-id.js';
import type { AuditLogArgs } from './audit.type.js';

/** The audit log filter, checked before any I/O, as a Prisma where. */
function auditWhere(filter: AuditLogArgs['filter']) {
  if (filter?.since && filter.until && filter.since >= filter.until) throw badUserInput('since must be before until', ['filter', 'since']);
  return {
    ...(filter?.entity != null && { entity: filter.entity }),
    ...(filter?.entityId != null && { entityId: filter.entityId }),
    ...(filter?.actor != null && { actor: filter.actor }),
    ...((filter?.since ?? filter?.until) != null && { at: { ...(filter?.since && { gte: filter.since }), ...(filter?.until && { lt: filter.until }) } }),
  };
}

/** A page of the audit log, newest first, each entry's snapshots parsed and its record's global ID added. Admins only. */
export async function listAuditEntries(ctx: Context, args: AuditLogArgs) {
  requireRole(ctx, 'admin');
  const page = await paginate(args, {
    where: auditWhere(args.filter),
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
