// type-graphql's decorators (in the modules imported below) need the metadata polyfill loaded first.
import 'reflect-metadata';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { lexicographicSortSchema, parse, type GraphQLSchema } from 'graphql';
import { createResolversMap } from 'type-graphql';
import type { Context } from './context.js';
import { findNode } from './modules/node/node.service.js';
import { getSchema } from './schema.js';
import { nodeTypes } from './shared/global-id.js';

/** The Federation 2 spec the subgraph links, and what it takes from it (the Node types carry `@key(fields: "id")`). */
const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

/**
 * The subgraph's own SDL, as a gateway reads it from `_service { sdl }`: the API of schema.graphql with its
 * entity keys, committed as subgraph.graphql. Sorted, as schema.graphql is, so a diff shows only a change.
 */
export async function printSubgraphSdl(): Promise<string> {
  return `${LINK}\n\n${printSchemaWithDirectives(lexicographicSortSchema(await getSchema()))}\n`;
}

/**
 * An entity a gateway asks for by its key: the record of that global ID, if it is of that type (an ID of a
 * merged organization resolves to the one it was merged into, as `node` does); null otherwise.
 */
async function resolveReference(type: string, reference: { id?: unknown }, ctx: Context) {
  if (typeof reference.id !== 'string') return null;
  const found = await findNode(ctx, reference.id, ['representations']);
  return found && found.__typename === type ? found : null;
}

let subgraph: Promise<GraphQLSchema> | undefined;

/**
 * The schema served with FEDERATION=true: the same types and resolvers (taken from the type-graphql schema),
 * plus `_service` and `_entities`, built by Apollo's own `buildSubgraphSchema` (type-graphql's
 * examples/apollo-federation-2 does the same).
 */
export function getSubgraphSchema(): Promise<GraphQLSchema> {
  subgraph ??= (async () => {
    const schema = await getSchema();
    const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
    for (const type of nodeTypes) {
      resolvers[type] = { ...resolvers[type], __resolveReference: (reference: { id?: unknown }, ctx: Context) => resolveReference(type, reference, ctx) };
    }
    return buildSubgraphSchema([{ typeDefs: parse(`${LINK}\n${printSchemaWithDirectives(schema)}`), resolvers: resolvers as GraphQLResolverMap<Context> }]);
  })();
  return subgraph;
}
