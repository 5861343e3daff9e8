import { ArgsType, Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export enum OrderDirection {
  ASC = 'asc',
  DESC = 'desc',
}
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction. Records whose sort key is unknown (a null date) come last in both directions.',
  valuesConfig: { ASC: { description: 'Smallest or earliest first.' }, DESC: { description: 'Largest or latest first.' } },
});

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Page size from the start or from \`after\`: 1 to ${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the edge after which the page starts.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Page size counted back from the end or from \`before\`: 1 to ${MAX_PAGE_SIZE}.` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the edge before which the page ends.' })
  before?: string | null;
}

@ObjectType({ description: 'Where a page sits in the whole list (Relay cursor connections).', simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when there are records after this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'True when there are records before this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge of the page; null on an empty page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of the page; null on an empty page.' })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}
export interface Page<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  /** Evaluated only when the client asks for it (a getter), since it costs a COUNT query. */
  readonly totalCount: Promise<number>;
}

type Class<T> = abstract new (...args: never[]) => T;

/** The `<Name>Connection` and `<Name>Edge` types for a node type. */
export function connectionType<T extends object>(nodeType: Class<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { description: `One ${what} in a page, with its cursor.`, simpleResolvers: true })
  class EdgeType {
    @Field(() => String, { description: `Opaque cursor of this ${what}, for \`after\` and \`before\`.` })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${what}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what} records (Relay cursor connection).`, simpleResolvers: true })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The records of this page with their cursors.' })
    edges!: EdgeType[];

    @Field(() => [nodeType], { description: 'The records of this page, without cursors.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Paging state of this page.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of records matching the filter, across all pages.' })
    totalCount!: number;
  }
  return ConnectionType;
}
