import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { AuditAction } from '../../generated/prisma/enums.js';
import { connectionType } from '../../shared/connection.js';

registerEnumType(AuditAction, {
  name: 'AuditAction',
  description: 'What a write did to a record.',
  valuesConfig: {
    CREATE: { description: 'Created it.' },
    UPDATE: { description: 'Changed some of its fields or links.' },
    DELETE: { description: 'Deleted it.' },
  },
});

@ObjectType({ description: 'One change to one record: who made it, when, and the record before and after.', simpleResolvers: true })
export class AuditEntry {
  @Field(() => ID, { description: 'Identifier of the entry (not a Node ID).' })
  id!: number;

  @Field(() => GraphQLDateTime, { description: 'When the change was committed (UTC).' })
  at!: Date;

  @Field(() => String, { description: 'Who wrote: the API key id, or `seed` / `cli:<user>` / `system` for writes outside the API.' })
  actor!: string;

  @Field(() => AuditAction, { description: 'What the write did.' })
  action!: AuditAction;

  @Field(() => String, { description: 'The type of the record, such as Event.' })
  entity!: string;

  @Field(() => Int, { description: 'The database id of the record.' })
  entityId!: number;

  @Field(() => ID, { nullable: true, description: 'The global ID of the record, for `node(id:)` while it exists; null for types that are not nodes.' })
  recordId!: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The record before the change (its columns and links); null for a creation.' })
  before!: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The record after the change; null for a deletion.' })
  after!: Record<string, unknown> | null;
}

export const AuditEntryConnection = connectionType(AuditEntry, 'AuditEntry', 'audit entry');

@InputType({ description: 'Which audit entries to list; omitted fields do not filter.' })
export class AuditLogFilter {
  @Field(() => String, { nullable: true, description: 'Only changes to records of this type, such as Event.' })
  entity?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only changes to the record with this database id (with `entity`).' })
  entityId?: number | null;

  @Field(() => String, { nullable: true, description: 'Only changes by this writer (an API key id).' })
  actor?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Only changes at or after this instant.' })
  since?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Only changes before this instant.' })
  until?: Date | null;
}

@ArgsType()
export class AuditLogArgs {
  @Field(() => Int, { nullable: true, description: 'Page size: 1 to 100, default 20.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the entry after which the page starts.' })
  after?: string | null;

  @Field(() => AuditLogFilter, { nullable: true, description: 'Narrows the log.' })
  filter?: AuditLogFilter | null;
}
