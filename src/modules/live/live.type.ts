import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { AuditAction } from '../../generated/prisma/enums.js';
import { nodeTypes } from '../../shared/global-id.js';
import { ImportStatus } from '../import/import.type.js';

/** The record types a subscription can follow: the Node types. */
export const RecordType = Object.fromEntries(nodeTypes.map((type) => [type, type])) as { [T in (typeof nodeTypes)[number]]: T };
registerEnumType(RecordType, {
  name: 'RecordType',
  description: 'A type of record (a Node type), for following its changes.',
  valuesConfig: Object.fromEntries(nodeTypes.map((type) => [type, { description: `${/^[AEIOU]/.test(type) ? 'An' : 'A'} ${type}.` }])),
});

@InputType({ description: 'Which changes a `recordChanged` subscription gets; omitted fields do not filter, and given ones must all match.' })
export class RecordChangeFilter {
  @Field(() => [RecordType], { nullable: true, description: 'Only changes to records of these types.' })
  types?: (typeof nodeTypes)[number][] | null;

  @Field(() => ID, { nullable: true, description: "Only changes to this article's records (and to the article itself)." })
  articleId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only changes to records in this country (ISO 3166-1 alpha-2), before or after the change: its events, agreements, images, cities and organizations, the delegations visiting it, the country itself.',
  })
  countryCode?: string | null;
}

@ObjectType({ description: 'A committed change to one record: what changed, never its content. Fetch the record with `node(id:)` to see it.', simpleResolvers: true })
export class RecordChange {
  @Field(() => Int, { description: 'The order of the change among all changes (commits are serialised); the id of its audit entry.' })
  sequence!: number;

  @Field(() => GraphQLDateTime, { description: 'When it was committed (UTC).' })
  at!: Date;

  @Field(() => AuditAction, { description: 'Created, updated or deleted.' })
  action!: AuditAction;

  @Field(() => RecordType, { description: 'The type of the record.' })
  type!: string;

  @Field(() => ID, { description: 'The global ID of the record (for `node(id:)`; a deleted record is gone).' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'Its version after the change (the last it had, for a deletion); null for types without versions (articles, places).' })
  version!: number | null;

  @Field(() => ID, { nullable: true, description: 'The article the record belongs to; null for shared records (places, organizations, people).' })
  articleId!: string | null;

  @Field(() => [String], { description: 'The countries the record is in, before or after the change (ISO codes, sorted).' })
  countryCodes!: string[];
}

@ObjectType({ description: 'An article that an import created or updated, committed.', simpleResolvers: true })
export class ArticleImported {
  @Field(() => Int, { description: 'The order of the change among all changes; the id of its audit entry.' })
  sequence!: number;

  @Field(() => GraphQLDateTime, { description: 'When it was committed (UTC).' })
  at!: Date;

  @Field(() => ImportStatus, { description: 'CREATED for a new article, UPDATED for one imported again with changes.' })
  status!: ImportStatus;

  @Field(() => ID, { description: 'The global ID of the article.' })
  articleId!: string;

  @Field(() => String, { description: 'Its slug.' })
  slug!: string;

  @Field(() => String, { description: 'Its title.' })
  title!: string;
}
