import { FEDERATION_KEY } from '../../shared/federation-key.js';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../shared/connection.js';
import { DateScalar } from '../../shared/scalars.js';
import { Node } from '../node/node.type.js';

@Directive(FEDERATION_KEY)
@ObjectType({
  implements: Node,
  description: 'An official or trade delegation and its trip, as an article reports it.',
  simpleResolvers: true,
})
export class Delegation extends Node {
  @Field(() => Int, { description: 'Incremented by every change; pass it back when updating, and the update fails if the record changed since.' })
  version!: number;

  @Field(() => String, { description: 'Name of the delegation; see `nameIsQuoted`.' })
  name!: string;

  @Field(() => Boolean, {
    description: 'True when `name` is quoted from the article; false when the article only describes the delegation and the name is a summary.',
  })
  nameIsQuoted!: boolean;

  @Field(() => String, { nullable: true, description: 'Summary of who the delegation is and why it travelled.' })
  description!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'First day of the trip; null when the article gives none A month or a year (document version 2) shows as its first day: `startDateDetail` gives the precision and range.' })
  startDate!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the trip; null when the article gives none A month or a year (document version 2) shows as its first day: `endDateDetail` gives the precision and range.' })
  endDate!: string | null;
}

export const DelegationConnection = connectionType(Delegation, 'Delegation', 'delegation');
