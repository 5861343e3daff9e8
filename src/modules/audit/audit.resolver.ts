import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { listAuditEntries } from './audit.service.js';
import { AuditEntryConnection, AuditLogArgs } from './audit.type.js';

@Resolver()
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: 'Every write to the data, newest first. Needs an admin key.' })
  auditLog(@Ctx() ctx: Context, @Args(() => AuditLogArgs) args: AuditLogArgs) {
    return listAuditEntries(ctx, args);
  }
}
