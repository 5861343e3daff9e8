import { Field, ID, InterfaceType } from 'type-graphql';

/** Tags a row with its GraphQL type, so a field typed `Node` knows which object it holds. */
export const typename = '__typename';

@InterfaceType({
  description: 'An object with a stable, opaque global ID, fetchable with `node(id:)` (Relay Object Identification).',
  resolveType: (value: Record<string, unknown>) => value[typename] as string,
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global ID: stable, unique across all types. Do not parse it.' })
  id!: string;
}
